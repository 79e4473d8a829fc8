import { LmscopeError } from '../core/errors.js';

/**
 * Runs tasks with at most `concurrency` in flight. On the first failure, or when `signal` aborts,
 * no new task starts; tasks already running finish (their results are kept), then the failure
 * (or an `aborted` error) is thrown.
 */
export async function runBounded(tasks: readonly (() => Promise<void>)[], concurrency: number, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && !signal?.aborted && next < tasks.length) {
      const task = tasks[next++] as () => Promise<void>;
      try {
        await task();
      } catch (error) {
        if (failure === undefined) failure = error;
      }
    }
  };
  const width = Math.max(1, Math.min(Math.floor(concurrency) || 1, tasks.length));
  await Promise.all(Array.from({ length: width }, worker));
  if (failure !== undefined) throw failure;
  if (signal?.aborted && next < tasks.length) {
    throw new LmscopeError('aborted', `stopped after ${next} of ${tasks.length} work units; run again to resume from the cache`, { status: 499 });
  }
}
