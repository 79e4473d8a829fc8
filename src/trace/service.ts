import { createHash } from 'node:crypto';
import { createLruCache } from '../core/lru.js';
import type { IndexRegistry } from '../index/registry.js';
import type { TraceSettings } from './settings.js';
import { traceResponse, type TraceResult } from './trace.js';

export interface TraceJob {
  index: string | null;
  prompt: string;
  response: string;
  settings: Partial<TraceSettings>;
}

/** Where traces run: in this process (with an LRU cache) or on workers behind a Redis queue. */
export interface TraceService {
  readonly mode: 'in-process' | 'redis';
  trace(job: TraceJob): Promise<TraceResult & { cached: boolean }>;
  close(): Promise<void>;
}

/** Cache key: sha256 of the index name and the request, as OLMoTrace's API keys its cache. */
export function traceCacheKey(job: TraceJob): string {
  return createHash('sha256').update(JSON.stringify(['trace', job.index, job.prompt, job.response, job.settings])).digest('hex');
}

/** Runs one job against the registry (used by the in-process service and by queue workers). */
export function runTraceJob(registry: IndexRegistry, job: TraceJob): TraceResult {
  const engine = registry.get(job.index ?? undefined);
  return traceResponse(engine, { prompt: job.prompt, response: job.response }, { settings: job.settings, indexName: job.index ?? registry.names()[0] ?? null });
}

export function createInProcessTraceService(registry: IndexRegistry, cacheEntries = 256): TraceService {
  const cache = createLruCache<TraceResult>(cacheEntries, 12 * 3600 * 1000);
  return {
    mode: 'in-process',
    async trace(job) {
      const key = traceCacheKey(job);
      const hit = cache.get(key);
      if (hit) return { ...hit, cached: true };
      const result = runTraceJob(registry, job);
      cache.set(key, result);
      return { ...result, cached: false };
    },
    async close() {},
  };
}
