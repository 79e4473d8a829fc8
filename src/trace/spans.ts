import { LmscopeError } from '../core/errors.js';
import type { FindResult, IndexEngine } from '../index/engine.js';
import { compareSuffix, lastLcp, ptrAt, prepareQuery, type PreparedQuery } from '../index/shard.js';
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

/** Longest match at each position (0 elsewhere) and, when known, per shard (to skip shards in count searches). */
type MatchLengths = (ids: number[], positions: number[], stats: SpanFinderStats, deadline: number) => { lengths: Int32Array; byShard?: Int32Array[] };

function checkDeadline(deadline: number): void {
  if (Date.now() > deadline) throw new LmscopeError('trace_timeout', 'tracing took longer than the time limit; the server may be overloaded, try again', { status: 503, isRetryable: true });
}

/**
 * Longest match per start position, fast path: the searches of all word-start positions advance
 * together on each shard (their memory reads overlap; see batchSearch.ts), each with prefix
 * skipping; no separate count searches.
 */
export function longestMatchesFast(engine: IndexEngine): MatchLengths {
  return (ids, positions, stats, deadline) => {
    checkDeadline(deadline);
    const out = new Int32Array(ids.length);
    const { best, byShard } = engine.longestMatches(ids, positions);
    positions.forEach((l, i) => (out[l] = best[i]!));
    stats.searches += positions.length * engine.shards.length;
    // Indexed by response position, like `lengths`.
    const shardLengths = byShard.map((perStart) => {
      const full = new Int32Array(ids.length);
      positions.forEach((l, i) => (full[l] = perStart[i]!));
      return full;
    });
    return { lengths: out, byShard: shardLengths };
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
    return { lengths: out };
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
  const { lengths, byShard } = matcher(ids, positions, stats, deadline);

  // Cuts first: what remains of each position's match after takedown, delimiters and word boundaries.
  const candidates: { left: number; right: number }[] = [];
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
    candidates.push({ left: l, right: l + len });
  }

  // Maximality and frequency, in the reference order: candidates by increasing left end, a span
  // nested in a kept one is dropped, a kept one must occur at most maxSpanFrequency times. Counts
  // are fetched in batches: walk assuming unknown counts pass, count every span that walk would
  // keep, and walk again until no count is missing (usually once; a span over the frequency
  // limit can expose spans it hid).
  const found = new Map<number, FindResult>();
  for (;;) {
    checkDeadline(deadline);
    const missing: number[] = [];
    walkMaximal(candidates, found, settings.maxSpanFrequency, (i) => missing.push(i));
    if (missing.length === 0) break;
    // A shard whose longest match at the span's start is shorter than the span cannot hold it.
    const ranges = missing.map((i) => [candidates[i]!.left, candidates[i]!.right] as const);
    const absent = byShard && ((k: number, s: number) => byShard[s]![ranges[k]![0]]! < ranges[k]![1] - ranges[k]![0]);
    const results = engine.findMany(ids, ranges, absent);
    missing.forEach((i, k) => found.set(i, results[k]!));
    stats.countQueries += missing.length;
  }
  const spans: CandidateSpan[] = walkMaximal(candidates, found, settings.maxSpanFrequency, () => {}).map((i) => ({ ...candidates[i]!, count: found.get(i)!.count, segmentByShard: found.get(i)!.segmentByShard }));
  return { spans, stats };
}

/** Indices of the candidates kept by the maximality and frequency rules; `onUnknown` for each one whose count is needed but missing (assumed to pass). */
function walkMaximal(candidates: readonly { left: number; right: number }[], found: ReadonlyMap<number, FindResult>, maxFrequency: number, onUnknown: (i: number) => void): number[] {
  const kept: number[] = [];
  let maxRight = -1;
  candidates.forEach(({ right }, i) => {
    if (right <= maxRight) return;
    const f = found.get(i);
    if (!f) onUnknown(i);
    else if (f.count === 0 || f.count > maxFrequency) return;
    kept.push(i);
    maxRight = right;
  });
  return kept;
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
