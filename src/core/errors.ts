/** Where a problem was found: any subset of file, line, field, and free-form detail. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  field?: string;
  /** e.g. a row id, a shard directory, a request parameter. */
  item?: string;
}

export interface LmscopeErrorOptions {
  where?: ErrorLocation;
  /** HTTP status the server answers with; 400 for bad input unless said otherwise. */
  status?: number;
  isRetryable?: boolean;
  cause?: unknown;
}

const MARKER = Symbol.for('lmscope.error');

/**
 * The one error type of lmscope: a stable machine-readable `code`, a message a person can act on,
 * and where the problem is. The CLI prints it and exits non-zero; the server answers it as JSON.
 */
export class LmscopeError extends Error {
  readonly [MARKER] = true;
  readonly code: string;
  readonly where: ErrorLocation | undefined;
  readonly status: number;
  readonly isRetryable: boolean;

  constructor(code: string, message: string, options: LmscopeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LmscopeError';
    this.code = code;
    this.where = options.where;
    this.status = options.status ?? 400;
    this.isRetryable = options.isRetryable ?? false;
  }

  /** Works across copies of this module (e.g. two installed versions). */
  static isInstance(value: unknown): value is LmscopeError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, ...(this.where ? { where: this.where } : {}) };
  }
}

export interface SerializedError {
  code: string;
  message: string;
  where?: ErrorLocation;
}

/** "file:line field" rendering used by the CLI. */
export function formatLocation(where: ErrorLocation | undefined): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.file) parts.push(where.line !== undefined ? `${where.file}:${where.line}` : where.file);
  else if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.field) parts.push(`field "${where.field}"`);
  if (where.item) parts.push(where.item);
  return parts.join(', ');
}

/** One line for a terminal: "error [code] at file:line: message". */
export function formatErrorForCli(error: unknown): string {
  if (LmscopeError.isInstance(error)) {
    const loc = formatLocation(error.where);
    return `error [${error.code}]${loc ? ` at ${loc}` : ''}: ${error.message}`;
  }
  if (error instanceof Error) return `error [internal]: ${error.message}`;
  return `error [internal]: ${String(error)}`;
}

/** Turns anything thrown into the JSON body and status the HTTP API answers with. */
export function toHttpError(error: unknown): { status: number; body: { error: SerializedError } } {
  if (LmscopeError.isInstance(error)) return { status: error.status, body: { error: error.toJSON() } };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: { code: 'internal', message } } };
}

/** Shorthand for input errors: `badInput('field "text" is missing', { file, line, field: 'text' })`. */
export function badInput(message: string, where?: ErrorLocation, code = 'bad_input'): LmscopeError {
  return new LmscopeError(code, message, { where, status: 400 });
}
