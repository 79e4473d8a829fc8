/**
 * The tasks of the parallel suffix-array builder (see parallelSuffixArray.ts), and the worker-thread
 * entry that runs one of them. The builder also calls the tasks inline (running from TypeScript
 * sources, worker threads cannot load this file), so both paths share this code.
 *
 * Suffix comparisons are on the shared global text, whose unique sentinel 0 at n-1 is the smallest
 * symbol: two different suffixes always differ before either runs off the end. They only happen
 * once every part is sorted (the last part is sorted in place and carries SA-IS type bits until then).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildSuffixArray } from './suffixArray.js';

/**
 * Sort one part: the suffixes starting in text[start, end), by SA-IS over text[start, end + window)
 * plus a sentinel. `scratch` (shared, at least end - start + window + 1 long) first holds that copy;
 * on return its first end - start entries hold the part's suffix starts (global positions), in
 * "window order": ordered by their first `window` tokens, while suffixes sharing those may be
 * misordered (they were compared truncated). The merge detects and repairs such runs.
 * The last part (scratch null) ends with the real sentinel: it is sorted exactly, in place (SA-IS
 * sets, then restores, the sign bits of text[start, n) meanwhile), and needs no copy.
 */
export interface PartTask {
  kind: 'part';
  text: Int32Array;
  alphabetSize: number;
  start: number;
  end: number;
  window: number;
  scratch: Int32Array | null;
}

/**
 * Merge lists of suffix starts (one per part, each in window order, see PartTask) into `out`
 * (shared, as long as all lists together), noting where neighbours from one list share `window`
 * tokens (`checked` lists only: the exact ones need no check).
 */
export interface MergeTask {
  kind: 'merge';
  text: Int32Array;
  lists: Int32Array[];
  checked: boolean[];
  window: number;
  out: Int32Array;
  /** Tokens that full comparisons may read before the task gives up (see RepetitiveTextError). */
  budget: number;
}

export type SuffixTask = PartTask | MergeTask;

export interface TaskResult {
  /** Tokens read by comparisons beyond the first of each. */
  work: number;
  /** Merge: indices into `out` of suffixes sharing `window` tokens with the next suffix of their list. */
  suspects?: number[];
  /** Last part: its sorted suffix starts (global positions), in the task's own memory. */
  suffixes?: Int32Array;
}

/** Message a worker posts back: a result, or why there is none. */
export type TaskMessage = { result: TaskResult } | { repetitive: true } | { error: string };

/**
 * Full comparisons cost O(LCP): on very repetitive text (long runs of one token, duplicated
 * halves) the part+merge scheme degrades to quadratic time. Tasks give up with this error when
 * their budget runs out, and the builder falls back to the linear single-threaded SA-IS.
 */
export class RepetitiveTextError extends Error {
  constructor() {
    super('text too repetitive for part+merge suffix sorting');
  }
}

/** Mutable token budget shared by the comparisons of one task. */
export interface Budget {
  left: number;
  used: number;
}

export function charge(budget: Budget, tokens: number): void {
  budget.used += tokens;
  budget.left -= tokens;
  if (budget.left < 0) throw new RepetitiveTextError();
}

/** Sign of suffix a vs suffix b (a !== b), charging the tokens compared to `budget`. */
export function compareSuffixes(text: Int32Array, a: number, b: number, budget: Budget): number {
  if (a === b) return 0;
  let d = 0;
  let x = text[a]!;
  let y = text[b]!;
  while (x === y) {
    d++;
    x = text[a + d]!;
    y = text[b + d]!;
  }
  charge(budget, d);
  return x - y;
}

/** Length of the common prefix of suffixes a and b (a !== b), capped at `cap`. */
function sharedLength(text: Int32Array, a: number, b: number, cap: number): number {
  let d = 0;
  while (d < cap && text[a + d] === text[b + d]) d++;
  return d;
}

export function runTask(task: SuffixTask): TaskResult {
  return task.kind === 'part' ? sortPart(task) : mergeLists(task);
}

/** See PartTask. */
export function sortPart(task: PartTask): TaskResult {
  const { text, start, end, window, scratch } = task;
  if (!scratch) return sortLastPartInPlace(task);
  const n = text.length;
  const len = end - start;
  const copyEnd = Math.min(end + window, n);
  // A copy reaching the text end carries the real sentinel (and its order is exact).
  const exact = copyEnd === n;
  const copy = scratch.subarray(0, copyEnd - start + (exact ? 0 : 1));
  copy.set(text.subarray(start, copyEnd));
  // The window may reach into the last part while it is sorted in place: drop its type bits.
  for (let i = len; i < copyEnd - start; i++) copy[i]! &= 0x7fffffff;
  if (!exact) copy[copy.length - 1] = 0;

  const part = keepPartSuffixes(buildSuffixArray(copy, task.alphabetSize), len);
  // The copy is no longer needed: the part's suffixes take its place in the shared scratch.
  for (let i = 0; i < len; i++) scratch[i] = part[i]! + start;
  return { work: 0 };
}

/**
 * The last part's suffixes are returned in the SA-IS output itself (a worker transfers it, no
 * copy): copying them into shared memory here would add to the other parts' peak memory.
 */
function sortLastPartInPlace(task: PartTask): TaskResult {
  const { text, start } = task;
  const len = text.length - 1 - start;
  const part = keepPartSuffixes(buildSuffixArray(text.subarray(start), task.alphabetSize), len);
  for (let i = 0; i < len; i++) part[i]! += start;
  return { work: 0, suffixes: part };
}

/** Compacts, in order, the suffixes starting before `len` to the front; returns that prefix. */
function keepPartSuffixes(sa: Int32Array, len: number): Int32Array {
  let m = 0;
  for (let i = 0; i < sa.length; i++) {
    const p = sa[i]!;
    if (p < len) sa[m++] = p;
  }
  return sa.subarray(0, len);
}

/**
 * See MergeTask. Merging lists in window order by full comparisons yields window order (a list's
 * later suffixes never have a smaller window than its head), so each group of suffixes sharing a
 * window ends up contiguous in the output: repairing it later only needs one suspect inside it.
 */
export function mergeLists(task: MergeTask): TaskResult {
  const budget: Budget = { left: task.budget, used: 0 };
  const suspects: number[] = [];
  const keep = task.lists.map((_, k) => k).filter((k) => task.lists[k]!.length > 0);
  const lists = keep.map((k) => task.lists[k]!);
  const checked = keep.map((k) => task.checked[k]!);
  const merge = { text: task.text, window: task.window, out: task.out, budget, suspects };
  if (lists.length === 1) copyTail(merge, lists[0]!, 0, checked[0]!, 0);
  else if (lists.length === 2) mergeTwo(merge, lists[0]!, lists[1]!, checked[0]!, checked[1]!);
  else if (lists.length > 2) mergeMany(merge, lists, checked);
  return { work: budget.used, suspects };
}

interface MergeState {
  text: Int32Array;
  window: number;
  out: Int32Array;
  budget: Budget;
  suspects: number[];
}

/** Tokens compared between budget charges in the hot loop. */
const CHARGE_EVERY = 1 << 16;

/**
 * Two-way merge, the common case, with the comparison inlined: the loop is bound by the cache
 * misses on text[a], text[b]. Checking a list's neighbours adds few: it reads the text of the
 * list's next suffix, which the next comparison needs anyway. (Explicitly loading suffixes a few
 * steps ahead measured slower.)
 */
function mergeTwo(m: MergeState, A: Int32Array, B: Int32Array, checkA: boolean, checkB: boolean): void {
  const { text, out, window, suspects } = m;
  const lastA = A.length - 1;
  const lastB = B.length - 1;
  let i = 0;
  let j = 0;
  let o = 0;
  let work = 0;
  let a = A[0]!;
  let b = B[0]!;
  let restOfA = true;
  for (;;) {
    let d = 0;
    let x = text[a]!;
    let y = text[b]!;
    while (x === y) {
      d++;
      x = text[a + d]!;
      y = text[b + d]!;
    }
    work += d;
    if (x < y) {
      out[o++] = a;
      if (i === lastA) {
        restOfA = false;
        break;
      }
      const next = A[++i]!;
      if (checkA) {
        const s = sharedLength(text, a, next, window);
        work += s;
        if (s === window) suspects.push(o - 1);
      }
      a = next;
    } else {
      out[o++] = b;
      if (j === lastB) break;
      const next = B[++j]!;
      if (checkB) {
        const s = sharedLength(text, b, next, window);
        work += s;
        if (s === window) suspects.push(o - 1);
      }
      b = next;
    }
    if (work > CHARGE_EVERY) {
      charge(m.budget, work);
      work = 0;
    }
  }
  charge(m.budget, work);
  // One list is done; its last pair was checked when it advanced. Copy the other's rest.
  if (restOfA) copyTail(m, A, i, checkA, o);
  else copyTail(m, B, j, checkB, o);
}

/** Copies list[from..] to out[o..], checking neighbours within the copied run. */
function copyTail(m: MergeState, list: Int32Array, from: number, check: boolean, o: number): void {
  m.out.set(list.subarray(from), o);
  if (!check) return;
  let work = 0;
  for (let i = from + 1; i < list.length; i++) {
    const s = sharedLength(m.text, list[i - 1]!, list[i]!, m.window);
    work += s;
    if (s === m.window) m.suspects.push(o + i - 1 - from);
  }
  charge(m.budget, work);
}

/** k-way merge through a binary min-heap of list indices ordered by their head suffix. */
function mergeMany(m: MergeState, lists: Int32Array[], checked: boolean[]): void {
  const { text, out, window, budget, suspects } = m;
  const pos = new Int32Array(lists.length);
  const heap = lists.map((_, k) => k);
  const less = (p: number, q: number): boolean => compareSuffixes(text, lists[p]![pos[p]!]!, lists[q]![pos[q]!]!, budget) < 0;
  const siftDown = (at: number): void => {
    for (;;) {
      let min = at;
      const l = 2 * at + 1;
      if (l < heap.length && less(heap[l]!, heap[min]!)) min = l;
      if (l + 1 < heap.length && less(heap[l + 1]!, heap[min]!)) min = l + 1;
      if (min === at) return;
      [heap[at], heap[min]] = [heap[min]!, heap[at]!];
      at = min;
    }
  };
  for (let at = (heap.length >> 1) - 1; at >= 0; at--) siftDown(at);
  for (let o = 0; o < out.length; o++) {
    const k = heap[0]!;
    const list = lists[k]!;
    const p = pos[k]!;
    out[o] = list[p]!;
    if (p + 1 === list.length) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    } else {
      pos[k] = p + 1;
      if (checked[k]) {
        const s = sharedLength(text, list[p]!, list[p + 1]!, window);
        charge(budget, s);
        if (s === window) suspects.push(o);
      }
    }
    siftDown(0);
  }
}

/**
 * Repairs the merged array in place: around each suspect (and each merge-range boundary, where a
 * list's neighbours were not compared) the group of suffixes sharing `window` tokens is
 * contiguous (see mergeLists); it is found by extending while neighbours share the window, and
 * sorted by full comparison. Returns the number of groups and suffixes re-sorted.
 */
export function repairWindowGroups(text: Int32Array, sa: Int32Array, suspects: number[], window: number, budget: Budget): { groups: number; suffixes: number } {
  const shares = (i: number): boolean => {
    const s = sharedLength(text, sa[i]!, sa[i + 1]!, window);
    charge(budget, s);
    return s === window;
  };
  let groups = 0;
  let suffixes = 0;
  let done = 0;
  for (const at of [...suspects].sort((x, y) => x - y)) {
    if (at < done || at < 1 || at + 1 >= sa.length) continue;
    let lo = at;
    let hi = at;
    while (lo > 1 && shares(lo - 1)) lo--;
    while (hi + 1 < sa.length && shares(hi)) hi++;
    done = hi + 1;
    if (hi === lo) continue;
    sa.subarray(lo, hi + 1).sort((x, y) => compareSuffixes(text, x, y, budget));
    groups++;
    suffixes += hi + 1 - lo;
  }
  return { groups, suffixes };
}

/** Worker entry: run the task in workerData and post its outcome (then the thread exits). */
function runAsWorker(task: SuffixTask): void {
  let message: TaskMessage;
  try {
    message = { result: runTask(task) };
  } catch (error) {
    message = error instanceof RepetitiveTextError ? { repetitive: true } : { error: (error as Error).stack ?? String(error) };
  }
  const suffixes = 'result' in message ? message.result.suffixes : undefined;
  parentPort!.postMessage(message, suffixes ? [suffixes.buffer as ArrayBuffer] : []);
}

const data = workerData as { suffixTask?: SuffixTask } | null;
if (parentPort && data?.suffixTask) runAsWorker(data.suffixTask);
