import { createReadStream, promises as fs } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { LmscopeError } from '../errors.js';

/** Compression inferred from the file name. */
export type Compression = 'none' | 'gzip' | 'zstd';

export function compressionOf(file: string): Compression {
  if (/\.gz$/i.test(file)) return 'gzip';
  if (/\.zst$/i.test(file)) return 'zstd';
  return 'none';
}

/** Decompressed bytes of a file as an async stream of chunks. */
export async function* readDecompressedChunks(file: string): AsyncGenerator<Uint8Array> {
  try {
    await fs.access(file);
  } catch {
    throw new LmscopeError('file_not_found', `cannot read ${file}: no such file`, { where: { file } });
  }
  const compression = compressionOf(file);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  if (compression === 'gzip') {
    const gunzip = createGunzip();
    raw.pipe(gunzip);
    raw.on('error', (e) => gunzip.destroy(e));
    try {
      for await (const chunk of gunzip) yield chunk as Buffer;
    } catch (error) {
      throw new LmscopeError('bad_compression', `cannot decompress ${file} as gzip: ${(error as Error).message}`, { where: { file } });
    }
    return;
  }
  if (compression === 'zstd') {
    // Node 20's zlib has no zstd; fzstd is a pure-JS streaming decoder.
    const pending: Uint8Array[] = [];
    const decoder = new Decompress((chunk) => pending.push(chunk));
    try {
      for await (const chunk of raw) {
        decoder.push(chunk as Buffer);
        while (pending.length) yield pending.shift()!;
      }
      decoder.push(new Uint8Array(0), true);
    } catch (error) {
      throw new LmscopeError('bad_compression', `cannot decompress ${file} as zstd: ${(error as Error).message}`, { where: { file } });
    }
    while (pending.length) yield pending.shift()!;
    return;
  }
  for await (const chunk of raw) yield chunk as Buffer;
}

/** Lines (without the newline) with 1-based line numbers; a final line without newline counts. */
export async function* readByteLines(file: string): AsyncGenerator<{ bytes: Buffer; line: number }> {
  let carry: Buffer | null = null;
  let line = 0;
  for await (const chunk of readDecompressedChunks(file)) {
    let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      line += 1;
      let end = nl;
      if (end > start && buf[end - 1] === 13) end -= 1; // tolerate CRLF
      yield { bytes: buf.subarray(start, end), line };
      start = nl + 1;
    }
    carry = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
    buf = Buffer.alloc(0);
  }
  if (carry && carry.length > 0) {
    line += 1;
    yield { bytes: carry, line };
  }
}
