import { LmscopeError } from '../../core/errors.js';

/** The OpenAI error body: `{error: {message, type, code, param}}`, which OpenAI clients understand. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; code: string; param: string | null };
}

/** Turns anything thrown by a handler into an OpenAI-shaped error and its HTTP status. */
export function toOpenAiError(error: unknown): { status: number; body: OpenAiErrorBody } {
  if (LmscopeError.isInstance(error)) {
    const status = error.status >= 400 && error.status <= 599 ? error.status : 500;
    return {
      status,
      body: { error: { message: error.message, type: status < 500 ? 'invalid_request_error' : 'server_error', code: error.code, param: error.where?.field ?? null } },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: { message, type: 'server_error', code: 'internal', param: null } } };
}

/** 501 for an endpoint the wrapped backend cannot serve. */
export function notServed(what: string, details?: string): LmscopeError {
  return new LmscopeError('unsupported', `this model cannot serve ${what}${details ? `: ${details}` : ''}`, { status: 501 });
}
