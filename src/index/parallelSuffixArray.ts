/**
 * Suffix-array construction on several threads, with the same input convention and the same
 * output as `buildSuffixArray` (every suffix fully ordered).
 *
 * SA-IS is memory-bound and sequential, so instead of parallelizing it the text is cut into parts
 * (infini-gram's make-part + merge). Phase 1: each worker sorts the suffixes starting in its part
 * by SA-IS over a copy of the part plus `overlap` following tokens, which orders them by at least
 * their first `overlap` tokens ("window order"); the last part, ending with the real sentinel, is
 * sorted exactly and in place. Phase 2: workers merge the parts by full comparisons on the shared
 * text, each into an independent range of the output, noting neighbours of one part that share a
 * whole window. Such groups, the only ones the truncation may have misordered, are contiguous in
 * the merged array and are re-sorted by full comparison at the end (natural text has none).
 *
 * Memory beyond the text, in bytes per token: phase 1 holds the part copies (4 × (parts-1)/parts,
 * in a shared scratch buffer), the workers' SA-IS outputs (4) and SA-IS's own bucket arrays (about
 * 3 on natural text). Each output is copied over its part's copy before the worker exits; the last
 * part's output is handed to this thread and copied once all workers are gone. Phase 2 holds the
 * scratch (now the sorted parts) and the output: 8. A text not backed by a SharedArrayBuffer costs
 * one more copy (4).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { buildSuffixArray } from './suffixArray.js';
import {
  compareSuffixes,
  repairWindowGroups,
  runTask,
  RepetitiveTextError,
  type Budget,
  type SuffixTask,
  type TaskMessage,
  type TaskResult,
} from './suffixArrayWorker.js';

export interface ParallelSuffixArrayOptions {
  /** Parts sorted (and merge ranges) in parallel; default: available cores, at most 8. */
  threads?: number;
  /** Tokens copied past each part's end; only suffixes sharing this many tokens need repair (default 10,000). */
  overlap?: number;
  /** Texts shorter than this use the single-threaded builder (default 2M): threads cost more than they save. */
  minLength?: number;
  /** Run the parts and merges one after another on this thread (default: only from TypeScript sources). */
  inline?: boolean;
  /** Receives how the array was built. */
  onStats?: (stats: ParallelSuffixArrayStats) => void;
}

export interface ParallelSuffixArrayStats {
  /** single: plain SA-IS; inline/workers: parts + merge; fallback: gave up on parts + merge (too repetitive). */
  mode: 'single' | 'inline' | 'workers' | 'fallback';
  parts: number;
  /** Worker threads used by each phase (0 when inline or single). */
  workers: number;
  /** Groups of suffixes sharing `overlap` tokens re-sorted by full comparison, and their size. */
  fixedRuns: number;
  fixedSuffixes: number;
  /** Tokens read by comparisons beyond the first of each (split points, merge, repair). */
  comparisonWork: number;
  seconds: { parts: number; merge: number; repair: number };
}

const DEFAULT_OVERLAP = 10_000;
const DEFAULT_MIN_LENGTH = 2_000_000;
/**
 * Comparison tokens allowed per suffix (plus a fixed allowance) before a task declares the text
 * too repetitive. Natural text needs a few per suffix (about the average LCP of neighbouring
 * suffixes); beyond this the single-threaded SA-IS, linear whatever the text, is the better choice.
 */
const BUDGET_PER_SUFFIX = 64;
const BUDGET_BASE = 1 << 22;
/** Time to copy a part's text, relative to sorting it (see partBounds). */
const COPY_COST = 0.05;
/** Candidates per part when choosing where the merge ranges split. */
const SPLIT_SAMPLES = 128;

/**
 * Same input convention and result as `buildSuffixArray`. Until the promise settles `text` must
 * not be read or written elsewhere: its last part is sorted in place (type bits in the sign bit,
 * restored before returning). Pass a text backed by a SharedArrayBuffer to avoid a copy.
 */
export async function buildSuffixArrayParallel(text: Int32Array, alphabetSize: number, options: ParallelSuffixArrayOptions = {}): Promise<Int32Array> {
  const n = text.length;
  const threads = options.threads ?? Math.max(1, Math.min(os.availableParallelism(), 8));
  const overlap = options.overlap ?? DEFAULT_OVERLAP;
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  if (!Number.isInteger(overlap) || overlap < 1) throw new RangeError(`overlap must be a positive integer, got ${overlap}`);
  const stats: ParallelSuffixArrayStats = { mode: 'single', parts: 1, workers: 0, fixedRuns: 0, fixedSuffixes: 0, comparisonWork: 0, seconds: { parts: 0, merge: 0, repair: 0 } };
  // Suffix starts [0, n-1) are split; each part needs at least one.
  const parts = Math.min(threads, n - 1);
  let sa: Int32Array | null = null;
  if (n >= (options.minLength ?? DEFAULT_MIN_LENGTH) && parts >= 2) {
    const shared = text.buffer instanceof SharedArrayBuffer ? text : toShared(text);
    sa = await sortByParts(shared, alphabetSize, parts, overlap, options.inline ?? import.meta.url.endsWith('.ts'), stats);
    // Null: too repetitive for comparisons. The partial buffers are dropped; SA-IS is linear on any text.
    if (!sa) stats.mode = 'fallback';
  }
  sa ??= buildSuffixArray(text, alphabetSize);
  options.onStats?.(stats);
  return sa;
}

function toShared(text: Int32Array): Int32Array {
  const shared = new Int32Array(new SharedArrayBuffer(text.length * 4));
  shared.set(text);
  return shared;
}

/** Both phases and the repair; null when comparisons ran out of budget. */
async function sortByParts(text: Int32Array, alphabetSize: number, parts: number, overlap: number, inline: boolean, stats: ParallelSuffixArrayStats): Promise<Int32Array | null> {
  Object.assign(stats, { mode: inline ? 'inline' : 'workers', parts, workers: inline ? 0 : parts });
  const t0 = performance.now();
  const sorted = await sortParts(text, alphabetSize, parts, overlap, inline);
  const t1 = performance.now();
  stats.seconds.parts = (t1 - t0) / 1000;
  const merged = await mergeParts(text, sorted, overlap, parts, inline, stats);
  const t2 = performance.now();
  stats.seconds.merge = (t2 - t1) / 1000;
  if (!merged) return null;
  const budget: Budget = { left: budgetFor(text.length), used: 0 };
  try {
    const fixed = repairWindowGroups(text, merged.sa, merged.suspects, overlap, budget);
    stats.fixedRuns = fixed.groups;
    stats.fixedSuffixes = fixed.suffixes;
  } catch (error) {
    if (error instanceof RepetitiveTextError) return null;
    throw error;
  } finally {
    stats.comparisonWork += budget.used;
    stats.seconds.repair = (performance.now() - t2) / 1000;
  }
  return merged.sa;
}

interface SortedParts {
  /** Each part's suffix starts in window order (views into one shared scratch buffer). */
  lists: Int32Array[];
  /** Whether a list may hold misordered neighbours (its part was sorted truncated). */
  truncated: boolean[];
}

/** Phase 1. Resolves once every worker has exited, so their SA-IS outputs and buckets are freed. */
async function sortParts(text: Int32Array, alphabetSize: number, parts: number, overlap: number, inline: boolean): Promise<SortedParts> {
  const n = text.length;
  const bounds = partBounds(n - 1, parts);
  const lastStart = bounds[parts - 1]!;
  // Part k's scratch region: its copy (len + overlap + sentinel), then its sorted suffixes. The
  // last part has no copy: its region only receives its sorted suffixes.
  const scratch = new Int32Array(new SharedArrayBuffer((n - 1 + (parts - 1) * (overlap + 1)) * 4));
  const regions = bounds.slice(0, parts).map((start, k) => start + k * (overlap + 1));
  const lists = regions.map((at, k) => scratch.subarray(at, at + bounds[k + 1]! - bounds[k]!));
  const tasks: SuffixTask[] = regions.map((at, k) => ({
    kind: 'part',
    text,
    alphabetSize,
    start: bounds[k]!,
    end: bounds[k + 1]!,
    window: overlap,
    scratch: k === parts - 1 ? null : scratch.subarray(at, at + bounds[k + 1]! - bounds[k]! + overlap + 1),
  }));
  let results: TaskResult[];
  try {
    results = await runTasks(tasks, inline);
  } catch (error) {
    // A terminated worker may have left the in-place part's type bits set.
    for (let i = lastStart; i < n; i++) text[i]! &= 0x7fffffff;
    throw error;
  }
  lists[parts - 1]!.set(results[parts - 1]!.suffixes!);
  return { lists, truncated: bounds.slice(1, parts + 1).map((end) => end + overlap < n) };
}

/**
 * Splits the suffix starts [0, suffixes) into `parts` non-empty ranges. Parts other than the last
 * first copy their text (page faults included, a few percent of their SA-IS time): they get a
 * little less, so that all workers finish together.
 */
function partBounds(suffixes: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, (_, k) => (k === parts - 1 ? 1 : 1 - COPY_COST));
  const total = sum(weights);
  const bounds = [0];
  for (let k = 1; k < parts; k++) {
    const at = Math.round((sum(weights.slice(0, k)) / total) * suffixes);
    bounds.push(Math.min(Math.max(at, bounds[k - 1]! + 1), suffixes - (parts - k)));
  }
  bounds.push(suffixes);
  return bounds;
}

/** Phase 2: the merged array (sentinel suffix first) and the suspects of truncated order; null if too repetitive. */
async function mergeParts(text: Int32Array, sorted: SortedParts, window: number, pieces: number, inline: boolean, stats: ParallelSuffixArrayStats): Promise<{ sa: Int32Array; suspects: number[] } | null> {
  const n = text.length;
  const { lists, truncated } = sorted;
  const budget: Budget = { left: budgetFor(0), used: 0 };
  let cuts: number[][];
  try {
    cuts = chooseCuts(text, lists, pieces, budget);
  } catch (error) {
    if (error instanceof RepetitiveTextError) return null;
    throw error;
  }
  stats.comparisonWork += budget.used;
  const sa = new Int32Array(new SharedArrayBuffer(n * 4));
  sa[0] = n - 1;
  const starts = cuts.map((c) => 1 + sum(c));
  const tasks: SuffixTask[] = starts.slice(0, pieces).map((from, r) => ({
    kind: 'merge',
    text,
    lists: lists.map((l, k) => l.subarray(cuts[r]![k]!, cuts[r + 1]![k]!)),
    checked: truncated,
    window,
    out: sa.subarray(from, starts[r + 1]!),
    budget: budgetFor(starts[r + 1]! - from),
  }));
  const results = await runTasks(tasks, inline).catch((error: unknown) => {
    if (error instanceof RepetitiveTextError) return null;
    throw error;
  });
  if (!results) return null;
  // Neighbours across a range boundary were never compared: each boundary is a suspect too.
  const suspects = starts.slice(1, pieces).map((at) => at - 1);
  results.forEach((r, piece) => {
    stats.comparisonWork += r.work;
    for (const at of r.suspects ?? []) suspects.push(starts[piece]! + at);
  });
  return { sa, suspects };
}

function budgetFor(suffixes: number): number {
  return BUDGET_BASE + BUDGET_PER_SUFFIX * suffixes;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * Split points for `pieces` merge ranges of about equal size: cuts[r][k] is how many of list k's
 * suffixes go to ranges before r. Candidates are sampled from every list (one list alone may
 * cover only part of the order, e.g. when parts differ in content); each candidate's global rank
 * is found by binary search in the other lists, and each split takes the candidate nearest its
 * target rank. In window-ordered lists a binary search lands inside or next to the pivot's window
 * group, so cuts are kept non-decreasing explicitly; every range then only holds windows between
 * those of its neighbours, which keeps the merged array in window order.
 */
function chooseCuts(text: Int32Array, lists: Int32Array[], pieces: number, budget: Budget): number[][] {
  const total = sum(lists.map((l) => l.length));
  const candidates: { rank: number; cuts: number[] }[] = [];
  lists.forEach((list, k) => {
    for (let s = 1; s <= SPLIT_SAMPLES; s++) {
      const at = Math.floor((s * list.length) / (SPLIT_SAMPLES + 1));
      const pivot = list[at]!;
      const cuts = lists.map((other, q) => (q === k ? at : countSmaller(text, other, pivot, budget)));
      candidates.push({ rank: sum(cuts), cuts });
    }
  });
  candidates.sort((a, b) => a.rank - b.rank);
  const result: number[][] = [lists.map(() => 0)];
  let from = 0;
  for (let r = 1; r < pieces; r++) {
    const target = Math.round((r * total) / pieces);
    // Candidates are sorted by rank: advance while the next one is at least as close to the target.
    while (from + 1 < candidates.length && Math.abs(candidates[from + 1]!.rank - target) <= Math.abs(candidates[from]!.rank - target)) from++;
    const previous = result[r - 1]!;
    result.push(candidates[from]!.cuts.map((c, k) => Math.max(c, previous[k]!)));
  }
  result.push(lists.map((l) => l.length));
  return result;
}

/** Number of suffixes in the sorted `list` smaller than suffix `pivot` (not in the list). */
function countSmaller(text: Int32Array, list: Int32Array, pivot: number, budget: Budget): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSuffixes(text, list[mid]!, pivot, budget) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Runs tasks inline or one worker each; resolves once every worker has exited. Rejects with
 * RepetitiveTextError when a task ran out of budget (after stopping the others).
 */
async function runTasks(tasks: SuffixTask[], inline: boolean): Promise<TaskResult[]> {
  if (inline) return tasks.map(runTask);
  const workers = tasks.map((suffixTask) => new Worker(new URL('./suffixArrayWorker.js', import.meta.url), { workerData: { suffixTask } }));
  const outcomes = workers.map((worker) => workerOutcome(worker));
  try {
    return await Promise.all(outcomes);
  } catch (error) {
    // One failed: stop the others (they may be deep in a long merge) before anyone retries.
    await Promise.all(workers.map((w) => w.terminate()));
    await Promise.allSettled(outcomes);
    throw error;
  }
}

/** The worker's result once it has exited (so that its memory is released). */
function workerOutcome(worker: Worker): Promise<TaskResult> {
  return new Promise((resolve, reject) => {
    let message: TaskMessage | null = null;
    worker.on('message', (m: TaskMessage) => (message = m));
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (message && 'result' in message) resolve(message.result);
      else if (message && 'repetitive' in message) reject(new RepetitiveTextError());
      else if (message && 'error' in message) reject(new Error(`suffix-array worker failed: ${message.error}`));
      else reject(new Error(`suffix-array worker exited with code ${code} before reporting`));
    });
  });
}
