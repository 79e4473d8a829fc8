import { compareSuffix, lastLcp, ptrAt, type PreparedQuery, type Shard } from './shard.js';

/**
 * Many suffix-array binary searches over one shard, advanced together one level per round.
 *
 * Why: on an index far larger than the CPU caches, every level of a binary search is a cache and
 * TLB miss (about 0.4 µs each, twice per level: the pointer, then the tokens it points to), and a
 * lone search waits for each in turn. Advancing a whole batch level by level, with the reads of a
 * round issued in tight loops before any comparison needs them, keeps many misses in flight at
 * once. Each search is the same Manber-Myers search as `searchRank` (same ranks, same LCPs).
 */
export interface SearchBatch {
  /** Query token range [from, to) of each search. */
  from: Int32Array;
  to: Int32Array;
  /** Rank range [lo, hi) to search, and the LCPs known at its ends (0 if unknown). */
  lo: Float64Array;
  hi: Float64Array;
  lcpLo: Int32Array;
  lcpHi: Int32Array;
  /** `true`: first rank whose suffix sorts after every suffix starting with the query range. */
  strict: boolean;
}

export interface SearchBatchResult {
  rank: Float64Array;
  /** LCP of the query range with the suffixes just before and at `rank`. */
  lcpBefore: Int32Array;
  lcpAt: Int32Array;
  /** Smallest rank seen whose suffix sorts after the query without starting with it (non-strict), and its LCP. */
  above: Float64Array;
  aboveLcp: Int32Array;
}

export function newSearchBatch(size: number, strict: boolean): SearchBatch {
  return { from: new Int32Array(size), to: new Int32Array(size), lo: new Float64Array(size), hi: new Float64Array(size), lcpLo: new Int32Array(size), lcpHi: new Int32Array(size), strict };
}

export function runSearchBatch(shard: Shard, q: PreparedQuery, batch: SearchBatch): SearchBatchResult {
  const size = batch.from.length;
  const lo = Float64Array.from(batch.lo);
  const hi = Float64Array.from(batch.hi);
  const lcpLo = Int32Array.from(batch.lcpLo);
  const lcpHi = Int32Array.from(batch.lcpHi);
  const above = Float64Array.from(batch.hi);
  const aboveLcp = Int32Array.from(batch.lcpHi);
  const mid = new Float64Array(size);
  const pos = new Float64Array(size);
  const width = shard.tokenWidth;
  const tokens = shard.tokens;
  const n = shard.tokenCount;
  let active = new Int32Array(size);
  let activeCount = 0;
  for (let i = 0; i < size; i++) if (lo[i]! < hi[i]!) active[activeCount++] = i;
  let touched = 0;
  while (activeCount > 0) {
    // 1. Pointers at the midpoints: independent reads, issued back to back.
    for (let a = 0; a < activeCount; a++) {
      const i = active[a]!;
      const m = Math.floor((lo[i]! + hi[i]!) / 2);
      mid[i] = m;
      pos[i] = ptrAt(shard, m) / width;
    }
    // 2. Touch the first token each comparison will read, so those misses overlap too.
    for (let a = 0; a < activeCount; a++) {
      const i = active[a]!;
      const p = pos[i]! + (lcpLo[i]! < lcpHi[i]! ? lcpLo[i]! : lcpHi[i]!);
      if (p < n) touched ^= tokens[p]!;
    }
    // 3. Compare (now from cache) and narrow.
    let next = 0;
    for (let a = 0; a < activeCount; a++) {
      const i = active[a]!;
      const skip = lcpLo[i]! < lcpHi[i]! ? lcpLo[i]! : lcpHi[i]!;
      const sign = compareSuffix(shard, pos[i]!, q, batch.from[i]!, batch.to[i]!, skip);
      if (sign < 0 || (batch.strict && sign === 0)) {
        lo[i] = mid[i]! + 1;
        lcpLo[i] = lastLcp;
      } else {
        hi[i] = mid[i]!;
        lcpHi[i] = lastLcp;
        if (sign > 0) {
          above[i] = mid[i]!;
          aboveLcp[i] = lastLcp;
        }
      }
      if (lo[i]! < hi[i]!) active[next++] = i;
    }
    activeCount = next;
  }
  sink = touched;
  return { rank: lo, lcpBefore: lcpLo, lcpAt: lcpHi, above, aboveLcp };
}
/** Keeps the touching reads from being optimized away. */
export let sink = 0;

/** For each start, the longest prefix of q[start, to) that occurs in the shard. */
export function longestMatchesOnShard(shard: Shard, q: PreparedQuery, starts: ArrayLike<number>, to: number): Int32Array {
  const batch = newSearchBatch(starts.length, false);
  for (let i = 0; i < starts.length; i++) {
    batch.from[i] = starts[i]!;
    batch.to[i] = to;
    batch.hi[i] = shard.tokenCount;
  }
  const r = runSearchBatch(shard, q, batch);
  const out = new Int32Array(starts.length);
  for (let i = 0; i < starts.length; i++) out[i] = Math.max(r.lcpBefore[i]!, r.lcpAt[i]!);
  return out;
}

/** For each query range q[from, to), the rank range [start, end) of the suffixes starting with it. */
export function rangesOnShard(shard: Shard, q: PreparedQuery, ranges: readonly (readonly [number, number])[]): [number, number][] {
  const lower = newSearchBatch(ranges.length, false);
  ranges.forEach(([from, to], i) => {
    lower.from[i] = from;
    lower.to[i] = to;
    lower.hi[i] = shard.tokenCount;
  });
  const first = runSearchBatch(shard, q, lower);
  const out: [number, number][] = ranges.map((_, i) => [first.rank[i]!, first.rank[i]!]);
  // Upper bounds only where the query occurs, searched between the first match and the first
  // rank already seen to sort above it (as `countRange` does).
  const found = ranges.map((_, i) => i).filter((i) => first.lcpAt[i]! >= ranges[i]![1] - ranges[i]![0] && ranges[i]![1] > ranges[i]![0]);
  const upper = newSearchBatch(found.length, true);
  found.forEach((i, k) => {
    const len = ranges[i]![1] - ranges[i]![0];
    upper.from[k] = ranges[i]![0];
    upper.to[k] = ranges[i]![1];
    upper.lo[k] = first.rank[i]! + 1;
    upper.hi[k] = first.above[i]!;
    upper.lcpLo[k] = len;
    upper.lcpHi[k] = first.aboveLcp[i]!;
  });
  const second = runSearchBatch(shard, q, upper);
  found.forEach((i, k) => (out[i]![1] = second.rank[k]!));
  for (let i = 0; i < ranges.length; i++) if (ranges[i]![1] <= ranges[i]![0]) out[i] = [0, shard.tokenCount];
  return out;
}

/** `rangesOnShard` for the listed range indexes only; the others report the empty range [0, 0]. */
export function rangesOnShardSubset(shard: Shard, q: PreparedQuery, ranges: readonly (readonly [number, number])[], searched: readonly number[]): [number, number][] {
  const found = rangesOnShard(shard, q, searched.map((i) => ranges[i]!));
  const out: [number, number][] = ranges.map(() => [0, 0]);
  searched.forEach((i, k) => (out[i] = found[k]!));
  return out;
}
