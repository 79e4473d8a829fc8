import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LmscopeError } from '../core/errors.js';
import type { TokenWidth } from '../tokenizers/tokenizer.js';
import { byteOrderKey, pointerWidth, SHARD_FILES } from './format.js';
import { buildSuffixArrayParallel } from './parallelSuffixArray.js';

/** A shard's content in memory, as accumulated by the builder. */
export interface ShardContent {
  /**
   * Token ids with a separator (-1, i.e. all bits set) before each document; capacity >= length + 1.
   * Backed by a SharedArrayBuffer, the sort threads read it in place (otherwise large shards are copied once).
   */
  tokens: Int32Array;
  length: number;
  /** Token position of each document's separator. */
  docStarts: number[];
  /** One JSON line per document (without newline). */
  metadataLines: string[];
  tokenWidth: TokenWidth;
}

export interface ShardWriteResult {
  checksums: Record<string, string>;
  pointerWidth: number;
  seconds: { sort: number; write: number };
}

const CHUNK = 1 << 20;

/**
 * Writes one shard's files (tokenized, table, offset, metadata, metaoff, unigram) into `dir`.
 * Consumes `content.tokens`: after the token file is written, the array is remapped in place to
 * byte-order ranks and sorted on all cores; peak memory stays under 12 bytes per token beyond the
 * token array (about 11 with two threads, 8 for shards small enough to sort on one).
 */
export async function writeShardFiles(dir: string, content: ShardContent): Promise<ShardWriteResult> {
  const { tokens, length: n, tokenWidth: width } = content;
  const checksums: Record<string, string> = {};
  const t0 = Date.now();

  // 1. tokenized: little-endian ids of the given width.
  checksums[SHARD_FILES.tokens] = await writeChunked(path.join(dir, SHARD_FILES.tokens), n, (start, end) => {
    const slice = tokens.subarray(start, end);
    if (width === 4) return new Uint8Array(slice.buffer, slice.byteOffset, slice.byteLength);
    if (width === 2) return new Uint8Array(Uint16Array.from(slice).buffer);
    return Uint8Array.from(slice);
  });

  // 2. unigram counts (separator included), as sorted "id count" lines. Ids index a typed array
  // (vocabularies are far below 2^24); the separator (-1) is counted apart.
  let maxId = 0;
  for (let i = 0; i < n; i++) if (tokens[i]! > maxId) maxId = tokens[i]!;
  const idCounts = new Float64Array(maxId + 1);
  let separatorCount = 0;
  for (let i = 0; i < n; i++) {
    const id = tokens[i]!;
    if (id === -1) separatorCount++;
    else idCounts[id]!++;
  }
  const counts = new Map<number, number>();
  for (let id = 0; id <= maxId; id++) if (idCounts[id]! > 0) counts.set(id, idCounts[id]!);
  if (separatorCount > 0) counts.set(0xffffffff, separatorCount);
  const separator = width === 1 ? 0xff : width === 2 ? 0xffff : 0xffffffff;
  const ids = [...counts.keys()].sort((a, b) => a - b);
  const unigramText = ids.map((id) => `${id === 0xffffffff && width !== 4 ? separator : id} ${counts.get(id)}`).join('\n') + (ids.length ? '\n' : '');
  checksums[SHARD_FILES.unigram] = await writeWhole(path.join(dir, SHARD_FILES.unigram), Buffer.from(unigramText));

  // 3. offset: u64 byte offset of each document's separator.
  const offsets = Buffer.alloc(content.docStarts.length * 8);
  content.docStarts.forEach((pos, i) => offsets.writeBigUInt64LE(BigInt(pos * width), i * 8));
  checksums[SHARD_FILES.offsets] = await writeWhole(path.join(dir, SHARD_FILES.offsets), offsets);

  // 4. metadata + metaoff.
  const metaParts: Buffer[] = [];
  const metaOffsets = Buffer.alloc(content.metadataLines.length * 8);
  let metaPos = 0;
  content.metadataLines.forEach((line, i) => {
    const b = Buffer.from(`${line}\n`);
    metaOffsets.writeBigUInt64LE(BigInt(metaPos), i * 8);
    metaParts.push(b);
    metaPos += b.length;
  });
  checksums[SHARD_FILES.metadata] = await writeWhole(path.join(dir, SHARD_FILES.metadata), Buffer.concat(metaParts));
  checksums[SHARD_FILES.metaOffsets] = await writeWhole(path.join(dir, SHARD_FILES.metaOffsets), metaOffsets);
  const tWrite1 = Date.now() - t0;

  // 5. Remap ids to ranks of their byte-order keys (0 is the sentinel), then sort suffixes.
  const sortStart = Date.now();
  const alphabet = remapToByteOrderRanks(tokens, n, ids, width);
  tokens[n] = 0;
  // Parts + merge on all cores; a token array in a SharedArrayBuffer (as build.ts allocates it) is not copied.
  const sa = await buildSuffixArrayParallel(tokens.subarray(0, n + 1), alphabet);
  const sortSeconds = (Date.now() - sortStart) / 1000;

  // 6. table: byte offsets of suffixes in sorted order (skip the sentinel suffix at sa[0]).
  const writeStart = Date.now();
  const ptrWidth = pointerWidth(n * width);
  checksums[SHARD_FILES.table] = await writeChunked(path.join(dir, SHARD_FILES.table), n, (start, end) => {
    const out = new Uint8Array((end - start) * ptrWidth);
    for (let r = start, o = 0; r < end; r++, o += ptrWidth) {
      const ptr = sa[r + 1]! * width;
      // Low 32 bits with integer ops; higher bytes (shards over 4 GiB of tokens) by division.
      const lo = ptr >>> 0;
      out[o] = lo & 0xff;
      if (ptrWidth > 1) out[o + 1] = (lo >>> 8) & 0xff;
      if (ptrWidth > 2) out[o + 2] = (lo >>> 16) & 0xff;
      if (ptrWidth > 3) out[o + 3] = lo >>> 24;
      if (ptrWidth > 4) {
        let hi = Math.floor(ptr / 4294967296);
        for (let b = 4; b < ptrWidth; b++, hi >>>= 8) out[o + b] = hi & 0xff;
      }
    }
    return out;
  });
  return { checksums, pointerWidth: ptrWidth, seconds: { sort: sortSeconds, write: (tWrite1 + Date.now() - writeStart) / 1000 } };
}

/** Replaces each id by 1 + the rank of its byte-order key among the ids present; returns alphabet size. */
export function remapToByteOrderRanks(tokens: Int32Array, n: number, sortedIds: number[], width: TokenWidth): number {
  const keyed = sortedIds.map((id) => ({ id, key: id === 0xffffffff ? Infinity : byteOrderKey(id, width) }));
  keyed.sort((a, b) => a.key - b.key);
  const maxId = sortedIds.filter((id) => id !== 0xffffffff).reduce((a, b) => Math.max(a, b), 0);
  const rank = new Int32Array(maxId + 1);
  let separatorRank = 0;
  keyed.forEach(({ id }, i) => {
    if (id === 0xffffffff) separatorRank = i + 1;
    else rank[id] = i + 1;
  });
  for (let i = 0; i < n; i++) {
    const id = tokens[i]!;
    tokens[i] = id === -1 ? separatorRank : rank[id]!;
  }
  return keyed.length + 1;
}

async function writeWhole(file: string, data: Uint8Array): Promise<string> {
  await fs.writeFile(file, data);
  return createHash('sha256').update(data).digest('hex');
}

async function writeChunked(file: string, count: number, make: (start: number, end: number) => Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  const handle = await fs.open(file, 'w');
  try {
    for (let start = 0; start < count; start += CHUNK) {
      const bytes = make(start, Math.min(count, start + CHUNK));
      hash.update(bytes);
      await handle.write(bytes);
    }
    await handle.sync();
  } catch (error) {
    throw new LmscopeError('write_failed', `cannot write ${file}: ${(error as Error).message}`, { where: { file }, status: 500 });
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
