import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendLine } from '../core/atomic.js';
import { readRecords } from '../core/data/index.js';
import { badInput } from '../core/errors.js';

/** A string-to-string cache of LM answers, kept in memory and appended to a JSONL file line by line. */
export interface AnswerCache {
  get(key: string): string | undefined;
  set(key: string, value: string, extra?: Record<string, unknown>): Promise<void>;
  readonly size: number;
}

/** A stable key for a request: sha256 over its parts (model, prompt kind, inputs). */
export function cacheKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Opens (or starts) a JSONL cache at `file`: one `{key, value, ...extra}` per line. A line cut off by
 * a crash is skipped, so an interrupted run resumes from its last whole answer.
 * Without a file the cache lives in memory only.
 */
export async function openAnswerCache(file?: string): Promise<AnswerCache> {
  const entries = new Map<string, string>();
  if (file && !/\.jsonl$/i.test(file)) throw badInput(`cache file must end in .jsonl, got ${file}`, { file }, 'bad_cache');
  if (file && existsSync(file)) {
    for await (const record of readRecords(file, { skipBad: true })) {
      const { key, value } = record.value;
      if (typeof key === 'string' && typeof value === 'string') entries.set(key, value);
    }
  }
  return {
    get: (key) => entries.get(key),
    async set(key, value, extra = {}) {
      entries.set(key, value);
      if (file) await appendLine(file, JSON.stringify({ key, value, ...extra }));
    },
    get size() {
      return entries.size;
    },
  };
}

/** Runs `work` over items with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  });
  await Promise.all(runners);
  return out;
}
