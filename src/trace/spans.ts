import { LmscopeError } from '../core/errors.js';
import type { IndexEngine } from '../index/engine.js';
import { compareSuffix, findRange, lastLcp, ptrAt, prepareQuery, type PreparedQuery } from '../index/shard.js';
import type { TraceSettings } from './settings.js';

/** A maximal span before ranking: tokens [left, right) of the response. */
export interface CandidateSpan {
  left: number;
  right: number;
  count: number;
  segmentByShard: [number, number][];
}

export interface SpanFinderStats {
  positions: number;
  searches: number;
  countQueries: number;
}

export interface SpanFinderOptions {
  /** Index of taken-down documents: a span must occur at least once outside it. */
  takedown?: IndexEngine;
  deadline?: number;
}

type MatchLengths = (ids: number[], positions: number[], stats: SpanFinderStats, deadline: number) => Int32Array;

function checkDeadline(deadline: number): void {
  if (Date.now() > deadline) throw new LmscopeError('trace_timeout', 'tracing took longer than the time limit; the server may be overloaded, try again', { status: 503, isRetryable: true });
}

/**
 * Longest match per start position, fast path: one LCP-tracking binary search per shard (no
 * separate count searches), the bound len(l+1) >= len(l) - 1 to stop shard loops early, and
 * free answers once a match reaches the end of the response.
 */
export function longestMatchesFast(engine: IndexEngine): MatchLengths {
  return (ids, positions, stats, deadline) => {
    const out = new Int32Array(ids.length);
    const q = engine.prepare(ids);
    let prevStart = -1;
    let prevLen = 0;
    for (const l of positions) {
      if ((stats.searches & 63) === 0) checkDeadline(deadline);
      const known = prevStart >= 0 ? Math.max(0, prevStart + prevLen - l) : 0;
      let len: number;
      if (known >= ids.length - l) len = ids.length - l; // a suffix of an occurring string occurs
      else {
        len = engine.longestMatch(q, l, ids.length, known);
        stats.searches++;
      }
      out[l] = len;
      prevStart = l;
      prevLen = len;
    }
    return out;
  };
}

/**
 * The reference algorithm (OLMoTrace's engine): for every position, a full find of the rest of the
 * response on each shard (two boundary searches), then LCP with the neighbours of the insertion rank.
 * Kept for comparison in benchmarks and as a test oracle.
 */
export function longestMatchesReference(engine: IndexEngine): MatchLengths {
  return (ids, _positions, stats, deadline) => {
    const out = new Int32Array(ids.length);
    const q: PreparedQuery = prepareQuery(ids, engine.tokenizer.tokenWidth);
    for (let l = 0; l < ids.length; l++) {
      if ((l & 63) === 0) checkDeadline(deadline);
      let best = 0;
      for (const shard of engine.shards) {
        const [start, end] = plainFind(shard, q, l, ids.length);
        stats.searches += 2;
        if (end > start) {
          best = ids.length - l;
          continue;
        }
        for (const rank of [start - 1, start]) {
          if (rank < 0 || rank >= shard.tokenCount) continue;
          compareSuffix(shard, ptrAt(shard, rank) / shard.tokenWidth, q, l, ids.length, 0);
          if (lastLcp > best) best = lastLcp;
        }
      }
      out[l] = best;
    }
    return out;
  };
}

/** Binary search without prefix skipping, as a plain suffix-array find does. */
function plainFind(shard: Parameters<typeof compareSuffix>[0], q: PreparedQuery, from: number, to: number): [number, number] {
  const bound = (strict: boolean, lo: number): number => {
    let hi = shard.tokenCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const sign = compareSuffix(shard, ptrAt(shard, mid) / shard.tokenWidth, q, from, to, 0);
      if (sign < 0 || (strict && sign === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = bound(false, 0);
  return [start, bound(true, start)];
}

/**
 * OLMoTrace span finding: longest matches, delimiter cut, word-boundary back-off, minimum length,
 * maximum frequency and the maximality filter, in the reference order.
 */
export function findMaximalSpans(engine: IndexEngine, ids: number[], settings: TraceSettings, options: SpanFinderOptions & { algorithm?: 'fast' | 'reference' } = {}): { spans: CandidateSpan[]; stats: SpanFinderStats } {
  const tokenizer = engine.tokenizer;
  const L = ids.length;
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const isBow = (id: number) => !settings.enforceWordBoundaries || tokenizer.isWordStart(id);
  const delimiters = new Set(settings.delimiterIds ?? tokenizer.delimiterIds);
  const stats: SpanFinderStats = { positions: 0, searches: 0, countQueries: 0 };
  // Only word-start positions can start a span, so only they are searched.
  const positions: number[] = [];
  for (let l = 0; l < L; l++) if (isBow(ids[l]!)) positions.push(l);
  stats.positions = positions.length;
  const matcher = options.algorithm === 'reference' ? longestMatchesReference(engine) : longestMatchesFast(engine);
  const lengths = matcher(ids, positions, stats, deadline);

  const countOf = (left: number, right: number) => {
    stats.countQueries++;
    const slice = ids.slice(left, right);
    const segmentByShard = engine.shards.map((s) => findRange(s, prepareQuery(slice, s.tokenWidth)));
    return { count: segmentByShard.reduce((a, [x, y]) => a + y - x, 0), segmentByShard };
  };

  const spans: CandidateSpan[] = [];
  let maxRight = -1;
  for (const l of positions) {
    let len = lengths[l]!;
    if (options.takedown) len = shrinkForTakedown(engine, options.takedown, ids, l, len);
    // Delimiter cut: a delimiter may end a span but not sit inside it.
    for (let p = 0; p < len - 1; p++) {
      if (delimiters.has(ids[l + p]!)) {
        len = p + 1;
        break;
      }
    }
    // Word-boundary back-off: the token after the span must start a word (or the response ends).
    if (settings.enforceWordBoundaries) while (len > 0 && l + len < L && !isBow(ids[l + len]!)) len--;
    if (len <= 0 || len < settings.minSpanLength) continue;
    // Maximality: spans are visited by increasing left end; a nested span can never be kept,
    // so its count query is skipped (the result equals the reference's order of checks).
    if (l + len <= maxRight) continue;
    const { count, segmentByShard } = countOf(l, l + len);
    if (count === 0 || count > settings.maxSpanFrequency) continue;
    spans.push({ left: l, right: l + len, count, segmentByShard });
    maxRight = l + len;
  }
  return { spans, stats };
}

/** Shrinks a match until it occurs more often in the main index than in the takedown index. */
function shrinkForTakedown(main: IndexEngine, takedown: IndexEngine, ids: number[], l: number, len: number): number {
  while (len > 0) {
    const slice = ids.slice(l, l + len);
    if (main.count(slice) > takedown.count(slice)) return len;
    len--;
  }
  return 0;
}
