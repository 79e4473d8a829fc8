import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { LmscopeError } from '../core/errors.js';
import type { TokenWidth } from '../tokenizers/tokenizer.js';
import { byteOrderKey, SHARD_FILES, type ShardManifest } from './format.js';

/**
 * One shard loaded into memory, with the low-level operations every query is built from.
 * Vocabulary: `ptr` is a byte offset into `tokenized`, `pos` a token position (ptr / width),
 * `rank` a suffix-array position, `docIx` a document number within the shard.
 */
export interface Shard {
  dir: string;
  manifest: ShardManifest | null;
  tokenWidth: TokenWidth;
  pointerWidth: number;
  /** Token positions (separators included). */
  tokenCount: number;
  docCount: number;
  /** Token id at a token position (the separator reads as 0xFF.. of the width). */
  tokens: Uint8Array | Uint16Array | Uint32Array;
  table: Uint8Array;
  /** Byte offset of each document's separator. */
  docPtrs: Float64Array;
  metadata: Buffer | null;
  metaOffsets: Float64Array | null;
  unigram: Map<number, number> | null;
}

const MAX_FILE_BYTES = 2 ** 32 - 1;

/** Loads and checks a shard directory (infini-gram v6 layout, with or without an lmscope manifest). */
export function loadShard(dir: string, expectedWidth?: TokenWidth): Shard {
  const file = (name: string) => path.join(dir, name);
  for (const required of [SHARD_FILES.tokens, SHARD_FILES.table, SHARD_FILES.offsets]) {
    if (!existsSync(file(required))) throw new LmscopeError('bad_index', `shard ${dir} has no "${required}" file`, { where: { file: file(required) } });
  }
  let manifest: ShardManifest | null = null;
  if (existsSync(file(SHARD_FILES.manifest))) {
    try {
      manifest = JSON.parse(readFileSync(file(SHARD_FILES.manifest), 'utf8')) as ShardManifest;
    } catch (error) {
      throw new LmscopeError('bad_index', `cannot parse shard manifest: ${(error as Error).message}`, { where: { file: file(SHARD_FILES.manifest) } });
    }
  }
  const width = (manifest?.tokenWidth ?? expectedWidth) as TokenWidth | undefined;
  if (width === undefined) throw new LmscopeError('bad_index', `shard ${dir} has no manifest: name its tokenizer (--tokenizer) so the token width is known`, { where: { file: dir } });
  if (expectedWidth !== undefined && width !== expectedWidth) throw new LmscopeError('bad_index', `shard ${dir} stores u${width * 8} tokens but u${expectedWidth * 8} was expected`, { where: { file: dir } });

  const tokenBytes = statSync(file(SHARD_FILES.tokens)).size;
  const tableBytes = statSync(file(SHARD_FILES.table)).size;
  const offsetBytes = statSync(file(SHARD_FILES.offsets)).size;
  for (const [name, size] of [[SHARD_FILES.tokens, tokenBytes], [SHARD_FILES.table, tableBytes]] as const) {
    if (size > MAX_FILE_BYTES) throw new LmscopeError('shard_too_large', `${name} is ${size} bytes; shards over 4 GiB are not supported in memory: rebuild with a smaller --shard-tokens`, { where: { file: file(name) } });
  }
  if (tokenBytes % width !== 0) throw new LmscopeError('bad_index', `tokenized has ${tokenBytes} bytes, not a multiple of the token width ${width}`, { where: { file: file(SHARD_FILES.tokens) } });
  const tokenCount = tokenBytes / width;
  const pointerWidth = tokenCount === 0 ? 0 : tableBytes / tokenCount;
  if (tokenCount > 0 && (!Number.isInteger(pointerWidth) || pointerWidth < 1 || pointerWidth > 8)) {
    throw new LmscopeError('bad_index', `files disagree in size: table has ${tableBytes} bytes for ${tokenCount} tokens`, { where: { file: file(SHARD_FILES.table) } });
  }
  if (offsetBytes % 8 !== 0) throw new LmscopeError('bad_index', `offset has ${offsetBytes} bytes, not a multiple of 8`, { where: { file: file(SHARD_FILES.offsets) } });
  const docCount = offsetBytes / 8;
  if (manifest && (manifest.tokens !== tokenCount || manifest.documents !== docCount)) {
    throw new LmscopeError('bad_index', `files disagree with the manifest: ${tokenCount} tokens and ${docCount} documents on disk, manifest says ${manifest.tokens} and ${manifest.documents}`, { where: { file: dir } });
  }

  // Shared memory: search threads (shardWorkers.ts) read the same bytes without a copy.
  const tokenRaw = readShared(file(SHARD_FILES.tokens), tokenBytes);
  const tokens = width === 1 ? tokenRaw : width === 2 ? new Uint16Array(tokenRaw.buffer, 0, tokenCount) : new Uint32Array(tokenRaw.buffer, 0, tokenCount);
  const table = readShared(file(SHARD_FILES.table), tableBytes);
  const docPtrs = readU64Array(file(SHARD_FILES.offsets));
  for (let i = 0; i < docPtrs.length; i++) {
    if (docPtrs[i]! >= tokenBytes || (i > 0 && docPtrs[i]! <= docPtrs[i - 1]!)) {
      throw new LmscopeError('bad_index', `document offset ${i} (${docPtrs[i]}) is out of order or past the token file`, { where: { file: file(SHARD_FILES.offsets), item: `document ${i}` } });
    }
  }
  let metadata: Buffer | null = null;
  let metaOffsets: Float64Array | null = null;
  if (existsSync(file(SHARD_FILES.metadata)) && existsSync(file(SHARD_FILES.metaOffsets))) {
    metadata = readFileSync(file(SHARD_FILES.metadata));
    metaOffsets = readU64Array(file(SHARD_FILES.metaOffsets));
    if (metaOffsets.length !== docCount) throw new LmscopeError('bad_index', `metaoff lists ${metaOffsets.length} documents but offset lists ${docCount}`, { where: { file: file(SHARD_FILES.metaOffsets) } });
  }
  let unigram: Map<number, number> | null = null;
  if (existsSync(file(SHARD_FILES.unigram))) {
    unigram = new Map();
    for (const line of readFileSync(file(SHARD_FILES.unigram), 'utf8').split('\n')) {
      if (!line) continue;
      const [id, count] = line.split(' ');
      unigram.set(Number(id), Number(count));
    }
  }
  return { dir, manifest, tokenWidth: width, pointerWidth, tokenCount, docCount, tokens, table, docPtrs, metadata, metaOffsets, unigram };
}

/** Reads a whole file into a SharedArrayBuffer. */
function readShared(file: string, size: number): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(size));
  const fd = openSync(file, 'r');
  try {
    for (let at = 0; at < size; ) {
      const n = readSync(fd, out, at, Math.min(size - at, 1 << 30), at);
      if (n === 0) throw new LmscopeError('bad_index', `${file} ended after ${at} of ${size} bytes (changed while loading?)`, { where: { file } });
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

function readU64Array(file: string): Float64Array {
  const b = readFileSync(file);
  const out = new Float64Array(b.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt32LE(i * 8) + b.readUInt32LE(i * 8 + 4) * 4294967296;
  return out;
}

/** Byte pointer stored at a suffix-array rank. */
export function ptrAt(shard: Shard, rank: number): number {
  const w = shard.pointerWidth;
  const t = shard.table;
  let at = rank * w;
  if (w === 4) return (t[at]! | (t[at + 1]! << 8) | (t[at + 2]! << 16)) + t[at + 3]! * 16777216;
  let value = 0;
  let scale = 1;
  for (let b = 0; b < w; b++, at++, scale *= 256) value += t[at]! * scale;
  return value;
}

/** Query prepared once: ids plus their byte-order keys. */
export interface PreparedQuery {
  ids: Uint32Array;
  keys: Float64Array;
}

export function prepareQuery(ids: ArrayLike<number>, width: TokenWidth): PreparedQuery {
  const u = Uint32Array.from(ids as ArrayLike<number>);
  const keys = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) keys[i] = byteOrderKey(u[i]!, width);
  return { ids: u, keys };
}

/** Tokens matched by the last `compareSuffix` call (kept out of the return value so the hot loop allocates nothing). */
export let lastLcp = 0;

/**
 * Compares the suffix at token position `pos` with q[from..to), knowing the first `skip` tokens
 * are equal: < 0 when the suffix sorts before, 0 when it starts with the query range, > 0 after.
 * Sets `lastLcp` to the tokens matched from `from`.
 */
export function compareSuffix(shard: Shard, pos: number, q: PreparedQuery, from: number, to: number, skip: number): number {
  const toks = shard.tokens;
  const n = shard.tokenCount;
  const m = to - from;
  const ids = q.ids;
  for (let i = skip; i < m; i++) {
    const p = pos + i;
    if (p >= n) {
      lastLcp = i;
      return -1;
    }
    const a = toks[p]!;
    const b = ids[from + i]!;
    if (a !== b) {
      lastLcp = i;
      return byteOrderKey(a, shard.tokenWidth) < q.keys[from + i]! ? -1 : 1;
    }
  }
  lastLcp = m;
  return 0;
}

/** `compareSuffix` returning [sign, lcp] (for code off the hot path). */
export function compareAt(shard: Shard, pos: number, q: PreparedQuery, from: number, to: number, skip: number): [number, number] {
  const sign = compareSuffix(shard, pos, q, from, to, skip);
  return [sign, lastLcp];
}

/** LCPs found by the last `searchRank` (module state keeps the hot path free of allocations). */
export let boundLcpBefore = 0;
export let boundLcpAt = 0;
/** Smallest rank seen by the last non-strict `searchRank` whose suffix sorts after the query without starting with it. */
export let boundAbove = 0;
export let boundAboveLcp = 0;

/**
 * First rank in [lo, hi) whose suffix is >= q[from..to) (`strict`: > q as a prefix), using the
 * bounds' common prefix to skip tokens already known to match (Manber-Myers). Sets the longest
 * common prefixes with the suffixes just before and at the returned rank.
 */
export function searchRank(shard: Shard, q: PreparedQuery, from: number, to: number, strict: boolean, lo = 0, hi = shard.tokenCount, lcpLoStart = 0, lcpHiStart = 0): number {
  let lcpLo = lcpLoStart; // lcp of the query with the suffix at lo-1 (known to sort before)
  let lcpHi = lcpHiStart; // lcp with the suffix at hi (known to sort after)
  let above = hi;
  let aboveLcp = lcpHiStart;
  const width = shard.tokenWidth;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const skip = lcpLo < lcpHi ? lcpLo : lcpHi;
    const sign = compareSuffix(shard, ptrAt(shard, mid) / width, q, from, to, skip);
    if (sign < 0 || (strict && sign === 0)) {
      lo = mid + 1;
      lcpLo = lastLcp;
    } else {
      hi = mid;
      lcpHi = lastLcp;
      if (sign > 0) {
        above = mid;
        aboveLcp = lastLcp;
      }
    }
  }
  boundLcpBefore = lcpLo;
  boundLcpAt = lcpHi;
  boundAbove = above;
  boundAboveLcp = aboveLcp;
  return lo;
}

/** `searchRank` returning its LCPs as an object (for code off the hot path). */
export function searchBound(shard: Shard, q: PreparedQuery, from: number, to: number, strict: boolean, lo = 0, hi = shard.tokenCount): { rank: number; lcpBefore: number; lcpAt: number } {
  const rank = searchRank(shard, q, from, to, strict, lo, hi);
  return { rank, lcpBefore: boundLcpBefore, lcpAt: boundLcpAt };
}

/** Number of suffixes starting with q[from..to): the upper search only spans ranks the lower one left open. */
export function countRange(shard: Shard, q: PreparedQuery, from = 0, to = q.ids.length): number {
  if (to <= from) return shard.tokenCount;
  const start = searchRank(shard, q, from, to, false);
  lastRangeStart = start;
  if (boundLcpAt < to - from) return 0; // the suffix at `start` does not start with the query
  const end = searchRank(shard, q, from, to, true, start + 1, boundAbove, to - from, boundAboveLcp);
  return end - start;
}
/** Start rank of the last `countRange` (the insertion point when the count is 0). */
let lastRangeStart = 0;

/** [start, end) ranks of suffixes starting with q[from..to). */
export function findRange(shard: Shard, q: PreparedQuery, from = 0, to = q.ids.length): [number, number] {
  if (to <= from) return [0, shard.tokenCount];
  const count = countRange(shard, q, from, to);
  return [lastRangeStart, lastRangeStart + count];
}

/** Token id at a token position. */
export function tokenAt(shard: Shard, pos: number): number {
  return shard.tokens[pos]!;
}

/** Document number (within the shard) holding byte pointer `ptr`. */
export function docIxOfPtr(shard: Shard, ptr: number): number {
  const d = shard.docPtrs;
  let lo = 0;
  let hi = d.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (d[mid]! <= ptr) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Token positions [start, end) of a document's text (after its separator). */
export function docTokenRange(shard: Shard, docIx: number): [number, number] {
  const w = shard.tokenWidth;
  const start = shard.docPtrs[docIx]! / w + 1;
  const end = docIx + 1 < shard.docCount ? shard.docPtrs[docIx + 1]! / w : shard.tokenCount;
  return [start, end];
}

/** The raw metadata line of a document, or null when the shard has none. */
export function docMetadata(shard: Shard, docIx: number): unknown {
  if (!shard.metadata || !shard.metaOffsets) return null;
  const start = shard.metaOffsets[docIx]!;
  const end = docIx + 1 < shard.metaOffsets.length ? shard.metaOffsets[docIx + 1]! : shard.metadata.length;
  const line = shard.metadata.subarray(start, end).toString('utf8').trim();
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}
