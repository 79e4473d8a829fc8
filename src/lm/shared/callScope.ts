import { LmscopeError } from '../../core/errors.js';
import { lmAborted, lmTimeout } from './lmErrors.js';

/** One call's cancellation: the caller's signal and its timeout merged into one signal. */
export interface CallScope {
  /** Aborts when the caller aborts or the timeout passes; `reason` is the LmscopeError to throw. */
  readonly signal: AbortSignal;
  /** Throws `lm_aborted` or `lm_timeout` once the call should stop. */
  throwIfStopped(): void;
  /** The typed error for a failure caused by stopping (e.g. fetch's AbortError), else undefined. */
  stoppedError(): LmscopeError | undefined;
  /** Clears the timer and listeners; call in `finally`. */
  dispose(): void;
}

/**
 * Starts a scope for one backend call.
 * @example const scope = createCallScope('completion', request); try { ... } finally { scope.dispose(); }
 */
export function createCallScope(what: string, options: { signal?: AbortSignal; timeoutMs?: number }): CallScope {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(lmAborted(what));
  let timer: NodeJS.Timeout | undefined;
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.timeoutMs !== undefined && options.timeoutMs > 0 && !controller.signal.aborted) {
    const ms = options.timeoutMs;
    timer = setTimeout(() => controller.abort(lmTimeout(what, ms)), ms);
    timer.unref?.();
  }
  const stoppedError = (): LmscopeError | undefined =>
    controller.signal.aborted && LmscopeError.isInstance(controller.signal.reason) ? controller.signal.reason : undefined;
  return {
    signal: controller.signal,
    throwIfStopped() {
      const error = stoppedError();
      if (error) throw error;
    },
    stoppedError,
    dispose() {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Waits `ms` milliseconds unless `signal` aborts first (then rejects with its reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
