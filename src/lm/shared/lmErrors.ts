import { LmscopeError } from '../../core/errors.js';

/** Errors every backend raises the same way, so callers can act on `code` and `isRetryable`. */

/** The caller cancelled through its AbortSignal. */
export function lmAborted(what: string): LmscopeError {
  return new LmscopeError('lm_aborted', `${what} was cancelled`, { status: 499, isRetryable: false });
}

/** The call ran past its `timeoutMs`; trying again (or with a longer timeout) may work. */
export function lmTimeout(what: string, timeoutMs: number): LmscopeError {
  return new LmscopeError('lm_timeout', `${what} got no answer within ${timeoutMs} ms; retry or raise timeoutMs`, {
    status: 504,
    isRetryable: true,
  });
}

/** The prompt does not fit the model's context window. */
export function lmContextOverflow(promptTokens: number, contextSize: number): LmscopeError {
  return new LmscopeError(
    'lm_context_overflow',
    `the prompt has ${promptTokens} tokens but the context holds ${contextSize}; shorten the prompt or raise the context size`,
    { status: 400, where: { field: 'prompt' } },
  );
}
