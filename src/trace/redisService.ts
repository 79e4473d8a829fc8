import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { LmscopeError } from '../core/errors.js';
import type { IndexRegistry } from '../index/registry.js';
import { runTraceJob, traceCacheKey, type TraceJob, type TraceService } from './service.js';
import type { TraceResult } from './trace.js';

const QUEUE = 'lmscope-trace';
/** OLMoTrace's cache policy: 1 hour on write, extended to 12 hours on each hit. */
const TTL_ON_WRITE_S = 3600;
const TTL_ON_HIT_S = 43_200;

function connect(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest = null on blocking connections.
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/**
 * API side of the Redis mode: looks up the shared result cache, else enqueues the job and waits
 * for a worker (`lmscope serve --worker`) up to `timeoutMs`, answering 503 when it takes longer.
 */
export function createRedisTraceService(redisUrl: string, timeoutMs: number): TraceService {
  const connection = connect(redisUrl);
  const cache = connect(redisUrl);
  const queue = new Queue<TraceJob, TraceResult>(QUEUE, { connection });
  const eventsConnection = connect(redisUrl);
  const events = new QueueEvents(QUEUE, { connection: eventsConnection });
  const eventsReady = events.waitUntilReady();
  return {
    mode: 'redis',
    async trace(job) {
      const key = `lmscope:trace:${traceCacheKey(job)}`;
      const hit = await cache.get(key);
      if (hit) {
        await cache.expire(key, TTL_ON_HIT_S);
        return { ...(JSON.parse(hit) as TraceResult), cached: true };
      }
      await eventsReady;
      const queued = await queue.add('trace', job, { removeOnComplete: 100, removeOnFail: 100 });
      let result: TraceResult;
      try {
        // Completion events can be missed while the event stream (re)connects, so also poll.
        const stopPolling = new AbortController();
        try {
          result = await Promise.race([queued.waitUntilFinished(events, timeoutMs), pollUntilFinished(queue, queued.id!, timeoutMs, stopPolling.signal)]);
        } finally {
          stopPolling.abort();
        }
      } catch (error) {
        const message = (error as Error).message ?? '';
        if (/timed out|timeout/i.test(message)) {
          await queued.remove().catch(() => undefined);
          throw new LmscopeError('trace_timeout', `no worker finished the trace within ${timeoutMs} ms: the service is overloaded, try again`, { status: 503, isRetryable: true });
        }
        // Errors thrown in the worker come back as messages; keep bad-input errors 4xx.
        const parsed = /^\[(\w+)\] (.*)$/s.exec(message);
        if (parsed) throw new LmscopeError(parsed[1]!, parsed[2]!, { status: parsed[1] === 'trace_timeout' ? 503 : 400 });
        throw new LmscopeError('worker_failed', `trace worker failed: ${message}`, { status: 502 });
      }
      await cache.set(key, JSON.stringify(result), 'EX', TTL_ON_WRITE_S);
      return { ...result, cached: false };
    },
    async close() {
      await Promise.allSettled([queue.close(), events.close()]);
      // Connections handed to BullMQ are shared, so BullMQ leaves them open: close them here.
      for (const c of [connection, cache, eventsConnection]) c.disconnect();
    },
  };
}

/** Resolves with the job's result once it completes (checked every 100 ms), or fails like the job. */
async function pollUntilFinished(queue: Queue<TraceJob, TraceResult>, id: string, timeoutMs: number, signal: AbortSignal): Promise<TraceResult> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (signal.aborted) return new Promise(() => undefined); // the other path answered
    await new Promise((r) => setTimeout(r, 100));
    const job = await queue.getJob(id);
    if (!job) continue; // removed after completion: the event path answers
    const state = await job.getState();
    if (state === 'completed') return job.returnvalue;
    if (state === 'failed') throw new Error(job.failedReason);
  }
  throw new Error(`Job wait ${id} timed out before finishing`);
}

/** Worker side: takes trace jobs from the queue and runs them on this process's indexes. */
export function startRedisTraceWorker(redisUrl: string, registry: IndexRegistry, concurrency = 1): { close(): Promise<void> } {
  const workerConnection = connect(redisUrl);
  const worker = new Worker<TraceJob, TraceResult>(
    QUEUE,
    async (job: Job<TraceJob>) => {
      try {
        return runTraceJob(registry, job.data);
      } catch (error) {
        if (LmscopeError.isInstance(error)) throw new Error(`[${error.code}] ${error.message}`);
        throw error;
      }
    },
    { connection: workerConnection, concurrency },
  );
  worker.on('error', (error) => console.error(`trace worker: ${error.message}`));
  return {
    async close() {
      await worker.close();
      workerConnection.disconnect();
    },
  };
}
