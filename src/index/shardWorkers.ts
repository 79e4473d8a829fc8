import { Worker } from 'node:worker_threads';
import { LmscopeError } from '../core/errors.js';
import type { TokenWidth } from '../tokenizers/tokenizer.js';
import { longestMatchesOnShard, rangesOnShardSubset } from './batchSearch.js';
import { prepareQuery, type Shard } from './shard.js';

/**
 * Batched searches fanned out over shards on worker threads.
 *
 * Shards live in SharedArrayBuffers (see loadShard), so a worker reads them in place. The calling
 * thread keeps a share of the shards and searches them while the workers search theirs, then
 * blocks on an Atomics flag until every worker is done: the engine's API stays synchronous, and
 * a hand-off costs tens of microseconds, which is why only batches (a trace's hundreds of
 * searches, bulk counts) use the threads and single queries do not.
 */
export interface ShardThreads {
  /** For each shard, the longest occurring prefix of ids[start..] per start. */
  longestMatches(ids: number[], starts: readonly number[]): Int32Array[];
  /** For each shard, [start, end) ranks of each range; ranges listed in `skip[shard]` are not searched and report [0, 0]. */
  ranges(ids: number[], ranges: readonly (readonly [number, number])[], skip?: (range: number, shard: number) => boolean): [number, number][][];
  /** The calling thread plus the workers. */
  readonly threadCount: number;
  close(): Promise<void>;
}

/** What a worker needs of a shard to search it. */
export interface SearchableShard {
  tokens: SharedArrayBuffer;
  table: SharedArrayBuffer;
  tokenWidth: TokenWidth;
  pointerWidth: number;
  tokenCount: number;
}

export interface SearchRequest {
  kind: 'longest' | 'ranges';
  ids: number[];
  starts?: readonly number[];
  ranges?: readonly (readonly [number, number])[];
  /** Per shard of this worker: the range indexes to search (ranges only). */
  searched?: number[][];
  /** Int32 flag (0 pending, 1 done, 2 failed) and result buffer for this worker. */
  flag: SharedArrayBuffer;
  result: SharedArrayBuffer;
  error: SharedArrayBuffer;
}

const ERROR_BYTES = 2048;
/** A worker that has not answered in this long is presumed gone. */
const WAIT_LIMIT_MS = 120_000;

function workerUrl(): URL {
  return new URL('./shardSearchWorker.js', import.meta.url);
}

/** Shard views a worker rebuilds from shared buffers (search fields only). */
export function searchableShard(s: SearchableShard): Shard {
  const raw = new Uint8Array(s.tokens);
  const tokens = s.tokenWidth === 1 ? raw : s.tokenWidth === 2 ? new Uint16Array(s.tokens, 0, s.tokenCount) : new Uint32Array(s.tokens, 0, s.tokenCount);
  return { dir: '', manifest: null, tokenWidth: s.tokenWidth, pointerWidth: s.pointerWidth, tokenCount: s.tokenCount, docCount: 0, tokens, table: new Uint8Array(s.table), docPtrs: new Float64Array(0), metadata: null, metaOffsets: null, unigram: null };
}

/** Runs one request over the given shards, writing results into `result` (layout shared with the caller). */
export function runSearchRequest(shards: readonly Shard[], request: Omit<SearchRequest, 'flag' | 'error'>): void {
  const width = shards[0]?.tokenWidth ?? 4;
  const q = prepareQuery(request.ids, width);
  if (request.kind === 'longest') {
    const starts = request.starts!;
    const out = new Int32Array(request.result);
    shards.forEach((shard, k) => out.set(longestMatchesOnShard(shard, q, starts, request.ids.length), k * starts.length));
  } else {
    const ranges = request.ranges!;
    const out = new Float64Array(request.result);
    shards.forEach((shard, k) => {
      rangesOnShardSubset(shard, q, ranges, request.searched![k]!).forEach(([start, end], i) => {
        out[(k * ranges.length + i) * 2] = start;
        out[(k * ranges.length + i) * 2 + 1] = end;
      });
    });
  }
}

/**
 * Splits shards between the calling thread and `threads - 1` workers (largest first onto the
 * least loaded). Returns null when one thread would do (a single shard, or running from
 * TypeScript sources where worker threads cannot load the .ts worker).
 */
export function startShardThreads(shards: readonly Shard[], threads: number): ShardThreads | null {
  const workerCount = Math.min(threads, shards.length) - 1;
  if (workerCount < 1 || import.meta.url.endsWith('.ts')) return null;
  const load = new Array(workerCount + 1).fill(0);
  const owner = new Array<number>(shards.length);
  [...shards.keys()].sort((a, b) => shards[b]!.tokenCount - shards[a]!.tokenCount).forEach((s) => {
    const t = load.indexOf(Math.min(...load));
    owner[s] = t;
    load[t] += shards[s]!.tokenCount;
  });
  const shardsOf = (t: number) => [...shards.keys()].filter((s) => owner[s] === t);
  const lost = new Set<number>();
  const workers = Array.from({ length: workerCount }, (_, w) => {
    const mine: SearchableShard[] = shardsOf(w + 1).map((s) => {
      const shard = shards[s]!;
      if (!(shard.tokens.buffer instanceof SharedArrayBuffer) || !(shard.table.buffer instanceof SharedArrayBuffer)) throw new LmscopeError('internal', 'shards must be loaded into shared memory to be searched on threads');
      return { tokens: shard.tokens.buffer, table: shard.table.buffer, tokenWidth: shard.tokenWidth, pointerWidth: shard.pointerWidth, tokenCount: shard.tokenCount };
    });
    const worker = new Worker(workerUrl(), { workerData: { shards: mine } });
    worker.unref(); // an open index never keeps the process alive
    // A worker that failed or exited between requests hands its shards back to the calling thread.
    const markLost = () => lost.add(w);
    worker.on('error', markLost);
    worker.on('exit', markLost);
    return worker;
  });

  /** Posts a request to every worker, runs the caller's share, waits, and returns each thread's result buffer. */
  const run = (kind: SearchRequest['kind'], ids: number[], resultBytes: (shardCount: number) => number, extra: (shardList: number[]) => Partial<SearchRequest>): Map<number, { shardList: number[]; result: SharedArrayBuffer }> => {
    const out = new Map<number, { shardList: number[]; result: SharedArrayBuffer }>();
    const pending: { flag: Int32Array; error: Uint8Array; w: number }[] = [];
    workers.forEach((worker, w) => {
      if (lost.has(w)) return;
      const shardList = shardsOf(w + 1);
      const request: SearchRequest = { kind, ids, flag: new SharedArrayBuffer(4), result: new SharedArrayBuffer(Math.max(8, resultBytes(shardList.length))), error: new SharedArrayBuffer(ERROR_BYTES), ...extra(shardList) };
      worker.postMessage(request);
      out.set(w + 1, { shardList, result: request.result });
      pending.push({ flag: new Int32Array(request.flag), error: new Uint8Array(request.error), w });
    });
    const own = [...shards.keys()].filter((s) => owner[s] === 0 || lost.has(owner[s]! - 1));
    const ownResult = new SharedArrayBuffer(Math.max(8, resultBytes(own.length)));
    runSearchRequest(own.map((s) => shards[s]!), { kind, ids, result: ownResult, ...extra(own) });
    out.set(0, { shardList: own, result: ownResult });
    for (const p of pending) {
      const started = Date.now();
      while (Atomics.load(p.flag, 0) === 0) {
        if (Atomics.wait(p.flag, 0, 0, 1000) === 'timed-out' && Date.now() - started > WAIT_LIMIT_MS) {
          throw new LmscopeError('search_thread_lost', `search thread ${p.w + 1} did not answer within ${WAIT_LIMIT_MS / 1000} s`, { status: 503, isRetryable: true });
        }
      }
      if (Atomics.load(p.flag, 0) === 2) {
        const message = new TextDecoder().decode(p.error.slice()).replace(/\0+$/, '');
        throw new LmscopeError('search_thread_failed', `search thread ${p.w + 1} failed: ${message}`, { status: 500 });
      }
    }
    return out;
  };

  return {
    get threadCount() {
      return workerCount + 1 - lost.size;
    },
    longestMatches(ids, starts) {
      const byThread = run('longest', ids, (n) => n * starts.length * 4, () => ({ starts }));
      const perShard: Int32Array[] = new Array(shards.length);
      for (const { shardList, result } of byThread.values()) {
        const all = new Int32Array(result);
        shardList.forEach((s, k) => (perShard[s] = all.slice(k * starts.length, (k + 1) * starts.length)));
      }
      return perShard;
    },
    ranges(ids, ranges, skip) {
      const searchedFor = (s: number) => ranges.map((_, i) => i).filter((i) => !skip?.(i, s));
      const byThread = run('ranges', ids, (n) => n * ranges.length * 16, (shardList) => ({ ranges, searched: shardList.map(searchedFor) }));
      const perShard: [number, number][][] = new Array(shards.length);
      for (const { shardList, result } of byThread.values()) {
        const all = new Float64Array(result);
        shardList.forEach((s, k) => (perShard[s] = ranges.map((_, i) => [all[(k * ranges.length + i) * 2]!, all[(k * ranges.length + i) * 2 + 1]!])));
      }
      return perShard;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
