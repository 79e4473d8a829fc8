import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LmscopeError } from '../core/errors.js';
import { getTokenizer, type Tokenizer } from '../tokenizers/index.js';
import type { TokenWidth } from '../tokenizers/tokenizer.js';
import { byteOrderKey, INDEX_MANIFEST, separatorId, SHARD_FILES, type IndexManifest } from './format.js';
import { longestMatchesOnShard, rangesOnShard, rangesOnShardSubset } from './batchSearch.js';
import { startShardThreads, type ShardThreads } from './shardWorkers.js';
import { countRange, docIxOfPtr, docMetadata, docTokenRange, findRange, loadShard, prepareQuery, ptrAt, searchBound, type PreparedQuery, type Shard } from './shard.js';

// ---------- result types ----------

export interface FindResult {
  count: number;
  /** [start, end) suffix-array ranks per shard. */
  segmentByShard: [number, number][];
}

export interface ProbResult {
  promptCount: number;
  count: number;
  /** count / promptCount, or -1 when the prompt does not occur (infini-gram's convention). */
  prob: number;
}

export interface NextTokenEntry {
  token: number;
  text: string;
  count: number;
  prob: number;
}

export interface NtdResult {
  promptCount: number;
  /** True when max-support sampling was used (counts are then estimates). */
  approx: boolean;
  distribution: NextTokenEntry[];
}

export interface InfgramProbResult extends ProbResult {
  /** Length in tokens of the longest prompt suffix that occurs (the ∞-gram context). */
  suffixLength: number;
}

export interface InfgramNtdResult extends NtdResult {
  suffixLength: number;
}

export interface DocumentWindow {
  /** Global document index over all shards. */
  docIx: number;
  shard: number;
  /** Document number within its shard. */
  shardDocIx: number;
  docLength: number;
  /** First token of the window within the document. */
  windowStart: number;
  /** Where the needle starts inside the window (tokens), or null when no needle. */
  needleOffset: number | null;
  needleLength: number;
  tokenIds: number[];
  text: string;
  metadata: unknown;
}

export interface CnfSearchResult {
  count: number;
  approx: boolean;
  documents: DocumentWindow[];
}

export interface IndexInfo {
  tokenizer: string;
  tokenWidth: TokenWidth;
  vocabSize: number;
  shards: { dir: string; documents: number; tokens: number; pointerWidth: number }[];
  documents: number;
  tokens: number;
}

export interface EngineLimits {
  maxQueryTokens: number;
  maxSupport: number;
  maxClauseFreq: number;
  maxDiffTokens: number;
  maxDocs: number;
  maxDisplayTokens: number;
}

export const DEFAULT_LIMITS: EngineLimits = { maxQueryTokens: 2048, maxSupport: 1000, maxClauseFreq: 50_000, maxDiffTokens: 100, maxDocs: 10, maxDisplayTokens: 10_000 };

export interface OpenOptions {
  /** Tokenizer for shards without an lmscope manifest (e.g. indexes built by infini-gram). */
  tokenizer?: string;
  limits?: Partial<EngineLimits>;
  /**
   * Threads for batched searches over shards (traces, bulk counts); 1 = the calling thread only.
   * Default: every core when the index has several shards and at least 100M tokens (below that a
   * batch takes a few milliseconds and threads gain little).
   */
  threads?: number;
}

const THREADED_MIN_TOKENS = 100_000_000;

/** A query given as text (tokenized with the index's tokenizer) or as token ids. */
export type QueryInput = { text: string } | { ids: number[] };

// ---------- loading ----------

/** Finds shard directories: an index folder (index.json), a folder of shards, or one shard. */
export function resolveShardDirs(dir: string): string[] {
  if (!existsSync(dir)) throw new LmscopeError('index_not_found', `no index at ${dir}`, { where: { file: dir } });
  if (existsSync(path.join(dir, SHARD_FILES.tokens))) return [dir];
  const manifestPath = path.join(dir, INDEX_MANIFEST);
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as IndexManifest;
    return m.shards.map((s) => path.join(dir, s));
  }
  const shardDirs = readdirSync(dir).filter((n) => n.startsWith('shard-'));
  if (shardDirs.length > 0) {
    throw new LmscopeError('index_incomplete', `${dir} holds ${shardDirs.length} shard(s) but no ${INDEX_MANIFEST}: the build did not finish; rerun the same build command to resume`, { where: { file: dir } });
  }
  const nested = readdirSync(dir).filter((n) => existsSync(path.join(dir, n, SHARD_FILES.tokens)));
  if (nested.length > 0) return nested.sort().map((n) => path.join(dir, n));
  throw new LmscopeError('index_not_found', `${dir} is not an index: no ${INDEX_MANIFEST} and no "${SHARD_FILES.tokens}" file`, { where: { file: dir } });
}

/** Opens one or more index directories as one index; all shards must share a tokenizer. */
export function openIndex(dirs: string[], options: OpenOptions = {}): IndexEngine {
  if (dirs.length === 0) throw new LmscopeError('index_not_found', 'no index directory given');
  const shardDirs = dirs.flatMap(resolveShardDirs);
  let tokenizerName = options.tokenizer;
  for (const d of shardDirs) {
    const mf = path.join(d, SHARD_FILES.manifest);
    if (existsSync(mf)) {
      const name = (JSON.parse(readFileSync(mf, 'utf8')) as { tokenizer: string }).tokenizer;
      if (tokenizerName && options.tokenizer === undefined && name !== tokenizerName) {
        throw new LmscopeError('bad_index', `shards use different tokenizers (${tokenizerName} and ${name})`, { where: { file: d } });
      }
      tokenizerName ??= name;
    }
  }
  if (!tokenizerName) throw new LmscopeError('bad_index', 'the index has no manifest: pass --tokenizer to say how it was tokenized');
  const tokenizer = getTokenizer(tokenizerName);
  const shards = shardDirs.map((d) => loadShard(d, tokenizer.tokenWidth));
  const tokens = shards.reduce((sum, s) => sum + s.tokenCount, 0);
  const threads = options.threads ?? (tokens >= THREADED_MIN_TOKENS ? os.availableParallelism() : 1);
  if (!Number.isInteger(threads) || threads < 1) throw new LmscopeError('bad_option', `threads must be a positive integer, got ${threads}`, { where: { field: 'threads' } });
  return createIndexEngine(shards, tokenizer, { ...DEFAULT_LIMITS, ...options.limits }, startShardThreads(shards, threads));
}

// ---------- the engine ----------

export interface IndexEngine {
  readonly tokenizer: Tokenizer;
  readonly shards: readonly Shard[];
  readonly limits: EngineLimits;
  /** Token ids of a query, validated against the vocabulary and the length limit. */
  toIds(query: QueryInput, field?: string): number[];
  find(ids: number[]): FindResult;
  count(ids: number[]): number;
  prob(promptIds: number[], nextId: number): ProbResult;
  ntd(promptIds: number[], maxSupport?: number): NtdResult;
  infgramProb(promptIds: number[], nextId: number): InfgramProbResult;
  infgramNtd(promptIds: number[], maxSupport?: number): InfgramNtdResult;
  searchCnf(cnf: number[][][], options?: { maxClauseFreq?: number; maxDiffTokens?: number; maxDocs?: number; maxDisplayTokens?: number; seed?: number }): CnfSearchResult;
  docByIx(docIx: number, maxDisplayTokens?: number): DocumentWindow;
  docByRank(shard: number, rank: number, needleLength: number, contextTokens: number): DocumentWindow;
  docByPtr(shard: number, ptr: number, needleLength: number, contextTokens: number): DocumentWindow;
  /**
   * For each start, the length of the longest prefix of ids[start..] that occurs in any shard
   * (OLMoTrace's per-position primitive), all searches of a shard advanced together.
   */
  longestMatches(ids: number[], starts: readonly number[]): { best: Int32Array; byShard: Int32Array[] };
  /**
   * Suffix-array rank ranges [start, end) per shard of each token range ids[from, to), searched
   * together. `absent(range, shard)` may name pairs known not to occur (e.g. from
   * `longestMatches`): they are not searched and report the empty range [0, 0].
   */
  findMany(ids: number[], ranges: readonly (readonly [number, number])[], absent?: (range: number, shard: number) => boolean): FindResult[];
  /** log P_unigram(token) over the whole index; -10000 for absent tokens. */
  unigramLogprob(id: number): number;
  /** Threads that batched searches use (1: the calling thread only). */
  readonly searchThreads: number;
  /** Stops the search threads; the engine goes on searching on the calling thread (an open engine never keeps the process alive, so this is optional). */
  close(): Promise<void>;
  info(): IndexInfo;
  totalTokens: number;
  totalDocs: number;
}

function createIndexEngine(shards: Shard[], tokenizer: Tokenizer, limits: EngineLimits, threads: ShardThreads | null): IndexEngine {
  const width = tokenizer.tokenWidth;
  const sep = separatorId(width);
  const totalTokens = shards.reduce((s, x) => s + x.tokenCount, 0);
  const totalDocs = shards.reduce((s, x) => s + x.docCount, 0);
  const docBase: number[] = [];
  shards.reduce((acc, s) => (docBase.push(acc), acc + s.docCount), 0);

  const unigramCounts = new Map<number, number>();
  for (const s of shards) for (const [id, c] of s.unigram ?? []) unigramCounts.set(id, (unigramCounts.get(id) ?? 0) + c);
  const logTotal = Math.log(totalTokens);
  const unigramLogprob = (id: number): number => {
    let c = unigramCounts.get(id);
    if (c === undefined && unigramCounts.size === 0) c = count([id]);
    return c ? Math.log(c) - logTotal : -10000;
  };

  const checkIds = (ids: number[], field: string): void => {
    if (ids.length > limits.maxQueryTokens) throw new LmscopeError('query_too_long', `query has ${ids.length} tokens; the limit is ${limits.maxQueryTokens}`, { where: { field } });
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 0 || (id >= tokenizer.vocabSize && id !== sep)) {
        throw new LmscopeError('id_out_of_range', `token id ${id} is outside the vocabulary [0, ${tokenizer.vocabSize - 1}]`, { where: { field } });
      }
    }
  };

  const checkRange = (from: number, to: number, n: number): void => {
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to <= n)) throw new LmscopeError('bad_request', `range [${from}, ${to}) is outside the ${n} query tokens`, { where: { field: 'ranges' } });
  };

  function longestMatches(ids: number[], starts: readonly number[]): { best: Int32Array; byShard: Int32Array[] } {
    for (const l of starts) checkRange(l, l, ids.length);
    const q = prepareQuery(ids, width);
    const byShard = threads ? threads.longestMatches(ids, starts) : shards.map((shard) => longestMatchesOnShard(shard, q, starts, ids.length));
    const best = new Int32Array(starts.length);
    for (const here of byShard) for (let i = 0; i < best.length; i++) if (here[i]! > best[i]!) best[i] = here[i]!;
    return { best, byShard };
  }

  function findMany(ids: number[], ranges: readonly (readonly [number, number])[], absent?: (range: number, shard: number) => boolean): FindResult[] {
    for (const [from, to] of ranges) checkRange(from, to, ids.length);
    const q = prepareQuery(ids, width);
    const perShard = threads
      ? threads.ranges(ids, ranges, absent)
      : shards.map((shard, s) => (absent ? rangesOnShardSubset(shard, q, ranges, ranges.map((_, i) => i).filter((i) => !absent(i, s))) : rangesOnShard(shard, q, ranges)));
    return ranges.map((_, i) => {
      const segmentByShard = perShard.map((r) => r[i]!);
      return { count: segmentByShard.reduce((a, [x, y]) => a + y - x, 0), segmentByShard };
    });
  }

  function find(ids: number[]): FindResult {
    const q = prepareQuery(ids, width);
    const segmentByShard = shards.map((s) => findRange(s, q));
    return { count: segmentByShard.reduce((sum, [a, b]) => sum + (b - a), 0), segmentByShard };
  }

  // Reused query buffers: counting is the hottest call and should allocate nothing.
  let scratch: PreparedQuery = prepareQuery(new Array(64).fill(0), width);
  function count(ids: number[]): number {
    if (ids.length > scratch.ids.length) scratch = prepareQuery(new Array(ids.length * 2).fill(0), width);
    for (let i = 0; i < ids.length; i++) {
      scratch.ids[i] = ids[i]!;
      scratch.keys[i] = byteOrderKey(ids[i]!, width);
    }
    let total = 0;
    for (let s = 0; s < shards.length; s++) total += countRange(shards[s]!, scratch, 0, ids.length);
    return total;
  }

  function prob(promptIds: number[], nextId: number): ProbResult {
    const promptCount = count(promptIds);
    if (promptCount === 0) return { promptCount, count: 0, prob: -1 };
    const c = count([...promptIds, nextId]);
    return { promptCount, count: c, prob: c / promptCount };
  }

  /**
   * Next token after the prompt at a rank; -1 at the end of the shard's file. The end sorts first
   * (a shorter suffix), unlike the separator that sorts last, so the two must stay apart while the
   * range is split; both are reported as the separator.
   */
  const nextTokenAt = (shard: Shard, rank: number, promptLen: number): number => {
    const pos = ptrAt(shard, rank) / width + promptLen;
    return pos < shard.tokenCount ? shard.tokens[pos]! : -1;
  };

  function ntd(promptIds: number[], maxSupport = limits.maxSupport): NtdResult {
    const f = find(promptIds);
    const promptCount = f.count;
    // unit: the smallest power of two with count <= unit * maxSupport (infini-gram's sampling).
    let unit = 1;
    while (promptCount > unit * maxSupport) unit *= 2;
    const counts = new Map<number, number>();
    const add = (next: number, c: number): void => {
      const token = next === -1 ? sep : next;
      counts.set(token, (counts.get(token) ?? 0) + c);
    };
    f.segmentByShard.forEach(([start, end], si) => {
      const shard = shards[si]!;
      const walk = (lo: number, hi: number): void => {
        if (hi <= lo) return;
        const first = nextTokenAt(shard, lo, promptIds.length);
        const last = nextTokenAt(shard, hi - 1, promptIds.length);
        // Suffixes are sorted, so equal first and last next tokens cover the whole range.
        if (first === last) {
          add(first, hi - lo);
          return;
        }
        if (unit > 1 && hi - lo <= 4 * unit) {
          for (let r = lo; r < hi; r += unit) add(nextTokenAt(shard, r, promptIds.length), Math.min(unit, hi - r));
          return;
        }
        const mid = (lo + hi) >>> 1;
        walk(lo, mid);
        walk(mid, hi);
      };
      walk(start, end);
    });
    const distribution = [...counts.entries()]
      .map(([token, c]) => ({ token, text: token === sep ? '' : tokenizer.decode([token]), count: c, prob: promptCount ? c / promptCount : 0 }))
      .sort((a, b) => b.count - a.count || a.token - b.token);
    return { promptCount, approx: unit > 1, distribution };
  }

  /** Longest suffix of the prompt that occurs: binary lifting, then binary search on length. */
  function longestOccurringSuffix(promptIds: number[]): number {
    const L = promptIds.length;
    const occurs = (len: number) => len === 0 || count(promptIds.slice(L - len)) > 0;
    let lo = 0;
    let step = 1;
    while (lo + step <= L && occurs(lo + step)) {
      lo += step;
      step *= 2;
    }
    let hi = Math.min(L, lo + step) + 1; // occurs(hi) is false or hi = L + 1
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (occurs(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  function infgramProb(promptIds: number[], nextId: number): InfgramProbResult {
    const k = longestOccurringSuffix(promptIds);
    return { ...prob(promptIds.slice(promptIds.length - k), nextId), suffixLength: k };
  }

  function infgramNtd(promptIds: number[], maxSupport?: number): InfgramNtdResult {
    const k = longestOccurringSuffix(promptIds);
    return { ...ntd(promptIds.slice(promptIds.length - k), maxSupport), suffixLength: k };
  }

  function window(shardIx: number, ptr: number | null, shardDocIx: number, needleLength: number, contextTokens: number): DocumentWindow {
    const shard = shards[shardIx]!;
    const [start, end] = docTokenRange(shard, shardDocIx);
    let from = start;
    let to = end;
    let needleOffset: number | null = null;
    if (ptr !== null) {
      const pos = ptr / width;
      from = Math.max(start, pos - contextTokens);
      to = Math.min(end, pos + needleLength + contextTokens);
      needleOffset = pos - from;
    } else {
      to = Math.min(end, start + contextTokens);
    }
    const tokenIds = Array.from(shard.tokens.subarray(from, to));
    return {
      docIx: docBase[shardIx]! + shardDocIx,
      shard: shardIx,
      shardDocIx,
      docLength: end - start,
      windowStart: from - start,
      needleOffset,
      needleLength: ptr === null ? 0 : needleLength,
      tokenIds,
      text: tokenizer.decode(tokenIds),
      metadata: docMetadata(shard, shardDocIx),
    };
  }

  const checkShard = (shard: number): Shard => {
    const s = shards[shard];
    if (!Number.isInteger(shard) || !s) throw new LmscopeError('bad_request', `shard must be in [0, ${shards.length - 1}], got ${shard}`, { where: { field: 'shard' } });
    return s;
  };
  const checkContext = (n: number, field: string): void => {
    if (!Number.isInteger(n) || n < 0 || n > limits.maxDisplayTokens) throw new LmscopeError('bad_request', `${field} must be in [0, ${limits.maxDisplayTokens}], got ${n}`, { where: { field } });
  };

  function docByPtr(shardIx: number, ptr: number, needleLength: number, contextTokens: number): DocumentWindow {
    const s = checkShard(shardIx);
    checkContext(contextTokens, 'context');
    if (!Number.isInteger(ptr) || ptr < 0 || ptr >= s.tokenCount * width || ptr % width !== 0) throw new LmscopeError('bad_request', `ptr must be a multiple of ${width} in [0, ${s.tokenCount * width})`, { where: { field: 'ptr' } });
    return window(shardIx, ptr, docIxOfPtr(s, ptr), needleLength, contextTokens);
  }

  function docByRank(shardIx: number, rank: number, needleLength: number, contextTokens: number): DocumentWindow {
    const s = checkShard(shardIx);
    if (!Number.isInteger(rank) || rank < 0 || rank >= s.tokenCount) throw new LmscopeError('bad_request', `rank must be in [0, ${s.tokenCount - 1}] for shard ${shardIx}`, { where: { field: 'rank' } });
    return docByPtr(shardIx, ptrAt(s, rank), needleLength, contextTokens);
  }

  function docByIx(docIx: number, maxDisplayTokens = limits.maxDisplayTokens): DocumentWindow {
    if (!Number.isInteger(docIx) || docIx < 0 || docIx >= totalDocs) throw new LmscopeError('bad_request', `document index must be in [0, ${totalDocs - 1}], got ${docIx}`, { where: { field: 'docIx' } });
    checkContext(maxDisplayTokens, 'maxDisplayTokens');
    let si = shards.length - 1;
    while (docBase[si]! > docIx) si--;
    return window(si, null, docIx - docBase[si]!, 0, maxDisplayTokens);
  }

  function searchCnf(cnf: number[][][], options: { maxClauseFreq?: number; maxDiffTokens?: number; maxDocs?: number; maxDisplayTokens?: number; seed?: number } = {}): CnfSearchResult {
    const maxClauseFreq = options.maxClauseFreq ?? limits.maxClauseFreq;
    const maxDiff = options.maxDiffTokens ?? limits.maxDiffTokens;
    const maxDocs = Math.min(options.maxDocs ?? 1, limits.maxDocs);
    if (cnf.length === 0 || cnf.some((c) => c.length === 0 || c.some((g) => g.length === 0))) throw new LmscopeError('bad_request', 'a CNF query needs at least one clause, each with at least one non-empty n-gram', { where: { field: 'cnf' } });
    let approx = false;
    const anchors: { shard: number; ptr: number; length: number }[] = [];
    shards.forEach((shard, si) => {
      // Occurrences (token positions, sorted) of each OR-clause, subsampled above maxClauseFreq.
      const clauses = cnf.map((clause) => {
        const positions: { pos: number; len: number }[] = [];
        let total = 0;
        const ranges = clause.map((ngram) => ({ ngram, range: findRange(shard, prepareQuery(ngram, width)) }));
        for (const r of ranges) total += r.range[1] - r.range[0];
        const stride = total > maxClauseFreq ? total / maxClauseFreq : 1;
        if (stride > 1) approx = true;
        for (const { ngram, range } of ranges) {
          for (let x = range[0]; x < range[1]; x += stride) positions.push({ pos: ptrAt(shard, Math.floor(x)) / width, len: ngram.length });
        }
        positions.sort((a, b) => a.pos - b.pos);
        return positions;
      });
      const docOf = (pos: number) => docIxOfPtr(shard, pos * width);
      // Chain: keep anchors of clause 0 that reach every next clause within maxDiff in the same document.
      for (const first of clauses[0]!) {
        let prev = first;
        let ok = true;
        for (let c = 1; c < clauses.length && ok; c++) {
          const list = clauses[c]!;
          const doc = docOf(prev.pos);
          let best: { pos: number; len: number } | null = null;
          let lo = 0;
          let hi = list.length;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (list[mid]!.pos < prev.pos - maxDiff) lo = mid + 1;
            else hi = mid;
          }
          for (let i = lo; i < list.length && list[i]!.pos <= prev.pos + maxDiff; i++) {
            if (docOf(list[i]!.pos) === doc) {
              best = list[i]!;
              break;
            }
          }
          if (best) prev = best;
          else ok = false;
        }
        if (ok) anchors.push({ shard: si, ptr: first.pos * width, length: first.len });
      }
    });
    // Seeded sample of matching documents (with replacement, as infini-gram's search_docs).
    let state = (options.seed ?? 42) >>> 0 || 1;
    const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
    const documents: DocumentWindow[] = [];
    for (let i = 0; i < maxDocs && anchors.length > 0; i++) {
      const a = anchors[Math.floor(rand() * anchors.length)]!;
      documents.push(docByPtr(a.shard, a.ptr, a.length, Math.min(options.maxDisplayTokens ?? 100, limits.maxDisplayTokens)));
    }
    return { count: anchors.length, approx, documents };
  }

  function toIds(query: QueryInput, field = 'query'): number[] {
    let ids: number[];
    if ('ids' in query) {
      if (!Array.isArray(query.ids)) throw new LmscopeError('bad_request', 'ids must be an array of integers', { where: { field } });
      ids = query.ids;
    } else {
      if (typeof query.text !== 'string') throw new LmscopeError('bad_request', 'query must be a string', { where: { field } });
      // Cheap guard before tokenizing something huge: a token is at least one byte.
      if (query.text.length > limits.maxQueryTokens * 64) throw new LmscopeError('query_too_long', `query has ${query.text.length} characters; the limit is about ${limits.maxQueryTokens} tokens`, { where: { field } });
      ids = tokenizer.encode(query.text);
    }
    checkIds(ids, field);
    return ids;
  }

  return {
    tokenizer,
    shards,
    limits,
    toIds,
    find,
    count,
    prob,
    ntd,
    infgramProb,
    infgramNtd,
    searchCnf,
    docByIx,
    docByRank,
    docByPtr,
    longestMatches,
    findMany,
    unigramLogprob,
    totalTokens,
    totalDocs,
    get searchThreads() {
      return threads?.threadCount ?? 1;
    },
    close: async () => threads?.close(),
    info: () => ({
      tokenizer: tokenizer.name,
      tokenWidth: width,
      vocabSize: tokenizer.vocabSize,
      shards: shards.map((s) => ({ dir: s.dir, documents: s.docCount, tokens: s.tokenCount, pointerWidth: s.pointerWidth })),
      documents: totalDocs,
      tokens: totalTokens,
    }),
  };
}
