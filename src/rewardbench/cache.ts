import { promises as fs } from 'node:fs';
import { appendLine } from '../core/atomic.js';

/**
 * One cached judgment. `index` is the completion index (chosen first, then rejected), or null for
 * a row-level ranking verdict. Scores that are NaN are stored as null.
 */
export interface CacheEntry {
  id: string;
  index: number | null;
  scorer: string;
  score: number;
  /** Ranking verdicts: the slot of the correct answer, the parsed verdict and the row result. */
  position?: number;
  verdict?: string;
  result?: number;
  /** The judge's answer text, kept for the instance browser. */
  raw?: string;
}

/** Per-completion score cache: append-only JSONL, so runs resume and re-scoring is free. */
export interface ScoreCache {
  get(scorer: string, id: string, index: number | null): CacheEntry | undefined;
  put(entry: CacheEntry): Promise<void>;
  /** Entries held (loaded plus added). */
  readonly size: number;
  /** Lines that could not be read when the cache was opened (e.g. one cut off by a crash). */
  readonly skippedLines: number;
}

function keyOf(scorer: string, id: string, index: number | null): string {
  return `${scorer}\u0000${id}\u0000${index ?? 'row'}`;
}

/** A cache that lives in memory only (HTTP requests, tests). */
export function createMemoryCache(): ScoreCache {
  return createCache(new Map(), 0, async () => {});
}

/**
 * Opens (or starts) a cache file. A torn or malformed line, as a killed process may leave at the
 * end, is skipped and counted; appends are serialised so concurrent workers never interleave.
 */
export async function openScoreCache(file: string): Promise<ScoreCache> {
  const entries = new Map<string, CacheEntry>();
  let skipped = 0;
  let text = '';
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let needsNewline = text.length > 0 && !text.endsWith('\n');
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const entry = parseEntry(line);
    if (entry) entries.set(keyOf(entry.scorer, entry.id, entry.index), entry);
    else skipped++;
  }
  let chain = Promise.resolve();
  const write = (entry: CacheEntry): Promise<void> => {
    const line = JSON.stringify({ ...entry, score: Number.isFinite(entry.score) ? entry.score : null });
    // A torn last line gets its own line, so the next entry stays readable.
    const prefix = needsNewline ? '\n' : '';
    needsNewline = false;
    chain = chain.then(() => appendLine(file, prefix + line));
    return chain;
  };
  return createCache(entries, skipped, write);
}

function createCache(entries: Map<string, CacheEntry>, skippedLines: number, write: (entry: CacheEntry) => Promise<void>): ScoreCache {
  return {
    get: (scorer, id, index) => entries.get(keyOf(scorer, id, index)),
    async put(entry) {
      entries.set(keyOf(entry.scorer, entry.id, entry.index), entry);
      await write(entry);
    },
    get size() {
      return entries.size;
    },
    skippedLines,
  };
}

function parseEntry(line: string): CacheEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.scorer !== 'string') return undefined;
  if (!(v.index === null || (typeof v.index === 'number' && Number.isInteger(v.index)))) return undefined;
  const entry: CacheEntry = { id: v.id, index: v.index as number | null, scorer: v.scorer, score: typeof v.score === 'number' ? v.score : NaN };
  if (typeof v.position === 'number') entry.position = v.position;
  if (typeof v.verdict === 'string') entry.verdict = v.verdict;
  if (typeof v.result === 'number') entry.result = v.result;
  if (typeof v.raw === 'string') entry.raw = v.raw;
  return entry;
}
