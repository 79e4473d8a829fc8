import { LmscopeError } from '../../core/errors.js';

/** Statuses worth another try: overload, rate limits and server faults (not "not implemented"). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Statuses that mean "this server does not offer that endpoint". */
export function isUnsupportedStatus(status: number): boolean {
  return status === 404 || status === 405 || status === 501;
}

/** The server answered with an error status; its own message is kept. */
export function httpError(url: string, status: number, bodyText: string, attempts: number): LmscopeError {
  const detail = serverMessage(bodyText);
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  return new LmscopeError('lm_http_error', `the server answered HTTP ${status}${tries}${detail ? `: ${detail}` : ''}`, {
    where: { item: url },
    // Client errors pass through; server faults become 502 (the fault is upstream).
    status: status >= 400 && status < 500 ? status : 502,
    isRetryable: isRetryableStatus(status),
  });
}

/** The server's answer was not the JSON we expected. */
export function badResponse(url: string, problem: string, attempts = 1, retryable = false): LmscopeError {
  const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  return new LmscopeError('lm_bad_response', `the server gave an answer lmscope cannot read: ${problem}${tries}; is it an OpenAI-compatible server?`, {
    where: { item: url },
    status: 502,
    isRetryable: retryable,
  });
}

/** The server could not be reached at all. */
export function networkError(url: string, cause: unknown, attempts: number): LmscopeError {
  const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
  return new LmscopeError('lm_unreachable', `could not reach the server (${reason}) after ${attempts} attempt${attempts > 1 ? 's' : ''}; is it running?`, {
    where: { item: url },
    status: 502,
    isRetryable: true,
    cause,
  });
}

/** Extracts `error.message` (OpenAI, vLLM), `error` or `message`, else a short excerpt of the body. */
export function serverMessage(bodyText: string): string {
  try {
    const body = JSON.parse(bodyText) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
    if (typeof body.error === 'string') return body.error;
    if (body.error && typeof body.error.message === 'string') return body.error.message;
    if (typeof body.message === 'string') return body.message;
    if (typeof body.detail === 'string') return body.detail;
  } catch {
    // not JSON: fall through to an excerpt
  }
  const text = bodyText.trim().replace(/\s+/g, ' ');
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
