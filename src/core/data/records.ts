import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LmscopeError, type ErrorLocation } from '../errors.js';
import { readByteLines } from './byteStream.js';

/** A parsed record and where it came from (line is 1-based; row index for Parquet/JSON arrays). */
export interface SourcedRecord {
  value: Record<string, unknown>;
  file: string;
  line: number;
}

export interface ReadOptions {
  /** Skip lines that fail to parse instead of throwing; each skip is reported. */
  skipBad?: boolean;
  onSkip?: (error: LmscopeError) => void;
}

export type RecordFormat = 'jsonl' | 'json' | 'parquet' | 'text';

/** Format from the file name, ignoring a trailing .gz / .zst. */
export function formatOf(file: string): RecordFormat {
  const base = file.replace(/\.(gz|zst)$/i, '').toLowerCase();
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return 'jsonl';
  if (base.endsWith('.json')) return 'json';
  if (base.endsWith('.parquet')) return 'parquet';
  if (base.endsWith('.txt') || base.endsWith('.text') || base.endsWith('.md')) return 'text';
  throw new LmscopeError('unknown_format', `cannot tell the format of ${file}: expected .jsonl, .json, .parquet or .txt (optionally .gz/.zst)`, { where: { file } });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 strictly, so bad bytes are reported instead of silently replaced. */
export function decodeUtf8Strict(bytes: Uint8Array, where: ErrorLocation): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const at = findInvalidUtf8(bytes);
    throw new LmscopeError('invalid_utf8', `invalid UTF-8 at byte ${at} of the line; re-encode the file as UTF-8`, { where });
  }
}

function findInvalidUtf8(bytes: Uint8Array): number {
  for (let lo = 0, hi = bytes.length; ; ) {
    if (hi - lo <= 1) return lo;
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid;
    }
  }
}

/**
 * Streams JSON objects from JSONL (plain, .gz, .zst), a JSON array, Parquet, or plain text
 * (a .txt file is one record `{text}`), with file and line in every error.
 */
export async function* readRecords(file: string, options: ReadOptions = {}): AsyncGenerator<SourcedRecord> {
  const format = formatOf(file);
  if (format === 'parquet') {
    yield* readParquetRecords(file);
    return;
  }
  if (format === 'json') {
    yield* readJsonArrayRecords(file);
    return;
  }
  if (format === 'text') {
    const { readDecompressedChunks } = await import('./byteStream.js');
    const chunks: Uint8Array[] = [];
    for await (const c of readDecompressedChunks(file)) chunks.push(c);
    const text = decodeUtf8Strict(Buffer.concat(chunks), { file });
    yield { value: { text, path: path.basename(file) }, file, line: 1 };
    return;
  }
  for await (const { bytes, line } of readByteLines(file)) {
    if (bytes.length === 0 || isBlank(bytes)) continue;
    try {
      const text = decodeUtf8Strict(bytes, { file, line });
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new LmscopeError('malformed_json', `malformed JSON: ${(error as Error).message}`, { where: { file, line } });
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new LmscopeError('malformed_json', 'expected a JSON object on each line', { where: { file, line } });
      }
      yield { value: value as Record<string, unknown>, file, line };
    } catch (error) {
      if (options.skipBad && LmscopeError.isInstance(error)) {
        options.onSkip?.(error);
        continue;
      }
      throw error;
    }
  }
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 32 && b !== 9 && b !== 13) return false;
  return true;
}

async function* readJsonArrayRecords(file: string): AsyncGenerator<SourcedRecord> {
  const { readDecompressedChunks } = await import('./byteStream.js');
  const chunks: Uint8Array[] = [];
  for await (const c of readDecompressedChunks(file)) chunks.push(c);
  const text = decodeUtf8Strict(Buffer.concat(chunks), { file });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LmscopeError('malformed_json', `malformed JSON: ${(error as Error).message}`, { where: { file } });
  }
  if (!Array.isArray(value)) throw new LmscopeError('malformed_json', 'expected a JSON array of objects', { where: { file } });
  for (let i = 0; i < value.length; i++) {
    const row = value[i];
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new LmscopeError('malformed_json', `array element ${i} is not an object`, { where: { file, item: `element ${i}` } });
    }
    yield { value: row as Record<string, unknown>, file, line: i + 1 };
  }
}

async function* readParquetRecords(file: string): AsyncGenerator<SourcedRecord> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  await fs.access(file).catch(() => {
    throw new LmscopeError('file_not_found', `cannot read ${file}: no such file`, { where: { file } });
  });
  let buffer;
  let metadata;
  try {
    buffer = await asyncBufferFromFile(file);
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new LmscopeError('bad_parquet', `cannot read ${file} as Parquet: ${(error as Error).message}`, { where: { file } });
  }
  const rows = Number(metadata.num_rows);
  const batch = 10_000;
  for (let start = 0; start < rows; start += batch) {
    const objects = await parquetReadObjects({ file: buffer, metadata, compressors, rowStart: start, rowEnd: Math.min(start + batch, rows) });
    for (let i = 0; i < objects.length; i++) {
      yield { value: normalizeParquetValue(objects[i]) as Record<string, unknown>, file, line: start + i + 1 };
    }
  }
}

/** Parquet int64 columns arrive as bigint; JSON cannot carry those, so narrow safe ones to number. */
function normalizeParquetValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(normalizeParquetValue);
  if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeParquetValue(v);
    return out;
  }
  return value;
}

/** Reads a whole JSON file (small inputs such as trees and results) with a clear error. */
export async function readJsonFile<T = unknown>(file: string): Promise<T> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new LmscopeError('file_not_found', `cannot read ${file}: no such file`, { where: { file } });
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new LmscopeError('malformed_json', `malformed JSON: ${(error as Error).message}`, { where: { file } });
  }
}

/** All records of a file in memory (for small datasets). */
export async function readAllRecords(file: string, options: ReadOptions = {}): Promise<SourcedRecord[]> {
  const out: SourcedRecord[] = [];
  for await (const r of readRecords(file, options)) out.push(r);
  return out;
}
