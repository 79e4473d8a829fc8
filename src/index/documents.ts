import path from 'node:path';
import { LmscopeError } from '../core/errors.js';
import { readRecords } from '../core/data/index.js';

/** One corpus document: its text, the other fields as metadata, and where it was read. */
export interface CorpusDocument {
  text: string;
  metadata: Record<string, unknown>;
  file: string;
  /** 1-based line (or row) number in `file`. */
  line: number;
}

export interface CorpusReadOptions {
  textField?: string;
  /** Skip bad lines and documents (reported through onSkip) instead of stopping. */
  skipBad?: boolean;
  onSkip?: (error: LmscopeError) => void;
}

/**
 * Streams documents from JSONL(.gz/.zst), JSON, Parquet or text files in the given order.
 * A missing or non-string text field and an empty document are errors that name file, line and field.
 */
export async function* readCorpusDocuments(files: string[], options: CorpusReadOptions = {}): AsyncGenerator<CorpusDocument> {
  const field = options.textField ?? 'text';
  for (const file of files) {
    for await (const record of readRecords(file, { skipBad: options.skipBad, onSkip: options.onSkip })) {
      const where = { file, line: record.line, field };
      const value = record.value[field];
      let problem: LmscopeError | undefined;
      if (value === undefined) problem = new LmscopeError('missing_field', `document has no "${field}" field (use --text-field to name another)`, { where });
      else if (typeof value !== 'string') problem = new LmscopeError('bad_field', `"${field}" must be a string, got ${Array.isArray(value) ? 'array' : typeof value}`, { where });
      else if (value.trim().length === 0) problem = new LmscopeError('empty_document', 'document text is empty', { where });
      if (problem) {
        if (options.skipBad) {
          options.onSkip?.(problem);
          continue;
        }
        throw problem;
      }
      const metadata: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(record.value)) if (k !== field) metadata[k] = v;
      yield { text: value as string, metadata, file, line: record.line };
    }
  }
}

/** Paths relative to the inputs' common folder, as stored in document metadata. */
export function relativeInputPaths(files: string[]): Map<string, string> {
  const abs = files.map((f) => path.resolve(f));
  let common = abs.length ? path.dirname(abs[0]!) : '';
  for (const a of abs) while (common && !a.startsWith(common + path.sep)) common = path.dirname(common) === common ? '' : path.dirname(common);
  return new Map(files.map((f, i) => [f, common ? path.relative(common, abs[i]!) : abs[i]!]));
}
