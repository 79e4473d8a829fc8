import { LmscopeError } from '../../core/errors.js';
import { sleep, type CallScope } from '../shared/callScope.js';
import { createSemaphore } from '../shared/semaphore.js';
import { badResponse, httpError, isRetryableStatus, networkError } from './openAiErrors.js';
import type { ResolvedOpenAiSettings } from './openAiOptions.js';

/** POSTs JSON with bounded concurrency, retries with exponential backoff, and the call's signal. */
export interface OpenAiTransport {
  postJson(url: string, body: unknown, scope: CallScope): Promise<unknown>;
}

const MAX_BACKOFF_MS = 10_000;

/** Creates the transport of one backend (its semaphore bounds that backend's requests). */
export function createOpenAiTransport(settings: ResolvedOpenAiSettings): OpenAiTransport {
  const slots = createSemaphore(settings.maxConcurrency);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;

  const backoff = (attempt: number, retryAfter: string | null): number => {
    const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_BACKOFF_MS);
    // Full jitter keeps many clients from retrying in lockstep.
    return Math.min(settings.retryDelayMs * 2 ** attempt, MAX_BACKOFF_MS) * (0.5 + Math.random() / 2);
  };

  return {
    async postJson(url, body, scope) {
      const payload = JSON.stringify(body);
      let lastError: LmscopeError | undefined;
      for (let attempt = 0; attempt <= settings.maxRetries; attempt++) {
        const attempts = attempt + 1;
        let retryAfter: string | null = null;
        try {
          const answer = await slots.run(async () => {
            const response = await fetch(url, { method: 'POST', headers, body: payload, signal: scope.signal });
            return { status: response.status, retryAfter: response.headers.get('retry-after'), text: await response.text() };
          }, scope.signal);
          retryAfter = answer.retryAfter;
          if (answer.status >= 200 && answer.status < 300) {
            try {
              return JSON.parse(answer.text) as unknown;
            } catch {
              lastError = badResponse(url, `invalid JSON (${JSON.stringify(answer.text.slice(0, 60))})`, attempts, true);
            }
          } else {
            lastError = httpError(url, answer.status, answer.text, attempts);
            if (!isRetryableStatus(answer.status)) throw lastError;
          }
        } catch (error) {
          const stopped = scope.stoppedError();
          if (stopped) throw stopped;
          if (LmscopeError.isInstance(error)) throw error;
          lastError = networkError(url, error, attempts);
        }
        if (attempt < settings.maxRetries) {
          try {
            await sleep(backoff(attempt, retryAfter), scope.signal);
          } catch {
            scope.throwIfStopped();
          }
        }
      }
      throw lastError ?? new LmscopeError('lm_http_error', `${url}: no attempt was made`, { status: 502 });
    },
  };
}
