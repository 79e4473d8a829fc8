/** Bounds how many calls run at once; waiting callers can give up through their signal. */
export interface Semaphore {
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Calls running now. */
  readonly active: number;
  /** Calls waiting for a slot. */
  readonly waiting: number;
}

/**
 * Creates a semaphore with `limit` slots (1 makes a queue that runs calls one at a time).
 * @example const queue = createSemaphore(1); await queue.run(() => work());
 */
export function createSemaphore(limit: number): Semaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`semaphore limit must be a positive integer, got ${limit}`);
  let active = 0;
  const waiters: (() => void)[] = [];
  const release = (): void => {
    active--;
    const next = waiters.shift();
    if (next) next();
  };
  const acquire = (signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      if (active < limit) {
        active++;
        return resolve();
      }
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        active++;
        resolve();
      };
      const onAbort = (): void => {
        const at = waiters.indexOf(grant);
        if (at >= 0) waiters.splice(at, 1);
        reject(signal?.reason);
      };
      waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  return {
    async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      await acquire(signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiters.length;
    },
  };
}
