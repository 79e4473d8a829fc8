import { formatErrorForCli } from '../core/errors.js';

/** Runs a command body: prints an LmscopeError as one actionable line and sets a non-zero exit. */
export function action<A extends unknown[]>(body: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (error) {
      process.stderr.write(`${formatErrorForCli(error)}\n`);
      if (process.env.LMSCOPE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = 1;
    }
  };
}

/** Writes a result as pretty JSON (for --json) to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Parses "1 2 3" or "1,2,3" into ids. */
export function parseIdList(text: string): number[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0) throw new Error(`not a token id: "${s}"`);
      return n;
    });
}

export function parseIntOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${value}`);
  return Math.trunc(n);
}

export function parseFloatOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${value}`);
  return n;
}
