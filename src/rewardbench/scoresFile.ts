import { badInput, LmscopeError, type ErrorLocation } from '../core/errors.js';
import { decodeUtf8Strict, formatOf, readDecompressedChunks, readRecords } from '../core/data/index.js';

/** Precomputed scores for one row: one score per completion (chosen first), or a row result. */
export interface RowScoreEntry {
  id: string;
  /** Completion scores; NaN where the runner wrote null or NaN. */
  scores?: number[];
  /** A per-row result given directly (e.g. a 4-way ranking judge), used when `scores` is absent. */
  result?: number;
}

export interface ScoresFile {
  entries: Map<string, RowScoreEntry>;
  /** The `model` field of a published per-row results file, when present. */
  model?: string;
}

/**
 * Reads precomputed per-completion scores: JSONL (plain/.gz/.zst) or JSON lines of
 * `{"id", "scores"}`, Parquet with the same columns, or a published `eval-set-scores/<model>.json`
 * file (columns `id`, `scores`, `results`). Python's bare NaN / Infinity tokens are accepted.
 */
export async function readScoresFile(file: string): Promise<ScoresFile> {
  const format = formatOf(file);
  if (format === 'parquet') {
    const entries = new Map<string, RowScoreEntry>();
    for await (const record of readRecords(file)) addEntry(entries, record.value, { file, line: record.line });
    return { entries };
  }
  const text = await readText(file);
  if (format === 'json') {
    const value = parseLenientJson(text, { file });
    return fromJsonValue(value, file);
  }
  const entries = new Map<string, RowScoreEntry>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const value = parseLenientJson(line, { file, line: i + 1 });
    if (!isObject(value)) throw badInput('expected a JSON object on each line', { file, line: i + 1 }, 'malformed_json');
    addEntry(entries, value, { file, line: i + 1 });
  });
  return { entries };
}

/** Builds entries from in-memory records (HTTP bodies), with the same checks as files. */
export function scoresFromRecords(records: readonly unknown[], source = 'request'): ScoresFile {
  const entries = new Map<string, RowScoreEntry>();
  records.forEach((value, i) => {
    if (!isObject(value)) throw badInput(`scores[${i}] is not an object`, { file: source, line: i + 1 }, 'malformed_scores');
    addEntry(entries, value, { file: source, line: i + 1 });
  });
  return { entries };
}

function fromJsonValue(value: unknown, file: string): ScoresFile {
  if (Array.isArray(value)) return scoresFromRecords(value, file);
  if (isObject(value) && Array.isArray(value.id)) {
    // Published per-row results are column-oriented: {"id": [...], "scores": [...], "results": [...]}.
    const ids = value.id as unknown[];
    const scores = Array.isArray(value.scores) ? value.scores : [];
    const results = Array.isArray(value.results) ? value.results : [];
    const entries = new Map<string, RowScoreEntry>();
    ids.forEach((id, i) => addEntry(entries, { id, scores: scores[i] ?? undefined, results: results[i] ?? undefined }, { file, line: i + 1 }));
    return { entries, ...(typeof value.model === 'string' ? { model: value.model } : {}) };
  }
  throw badInput('expected a JSON array of {"id", "scores"} objects or a published results file with an "id" column', { file }, 'malformed_scores');
}

function addEntry(entries: Map<string, RowScoreEntry>, value: Record<string, unknown>, where: ErrorLocation): void {
  const rawId = value.id;
  if (typeof rawId !== 'string' && typeof rawId !== 'number') throw badInput('scores line has no "id"', { ...where, field: 'id' }, 'malformed_scores');
  const id = String(rawId);
  if (entries.has(id)) throw badInput(`row ${id} has scores twice`, { ...where, item: `row ${id}` }, 'duplicate_scores');
  const entry: RowScoreEntry = { id };
  if (value.scores !== undefined && value.scores !== null) entry.scores = parseScoreList(value.scores, { ...where, field: 'scores', item: `row ${id}` });
  const result = value.result ?? value.results;
  if (result !== undefined && result !== null) {
    if (typeof result !== 'number') throw badInput(`row ${id}: "result" must be a number`, { ...where, field: 'result', item: `row ${id}` }, 'malformed_scores');
    entry.result = result;
  }
  if (!entry.scores && entry.result === undefined) throw badInput(`row ${id} has neither "scores" nor "result"`, { ...where, item: `row ${id}` }, 'malformed_scores');
  entries.set(id, entry);
}

/**
 * One score per completion. A one-element list is unwrapped (some reward models return one,
 * and the reference takes element 0); null becomes NaN.
 */
export function parseScoreList(value: unknown, where: ErrorLocation = {}): number[] {
  if (!Array.isArray(value)) throw badInput('"scores" must be a list with one number per completion', where, 'malformed_scores');
  return value.map((entry, i) => {
    const inner = Array.isArray(entry) ? entry[0] : entry;
    if (inner === null || inner === undefined) return NaN;
    if (typeof inner !== 'number') throw badInput(`"scores"[${i}] is ${JSON.stringify(entry)}, expected a number`, where, 'malformed_scores');
    return inner;
  });
}

async function readText(file: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  try {
    for await (const chunk of readDecompressedChunks(file)) chunks.push(chunk);
  } catch (error) {
    if (LmscopeError.isInstance(error)) throw error;
    throw new LmscopeError('file_not_found', `cannot read ${file}: ${(error as Error).message}`, { where: { file } });
  }
  return decodeUtf8Strict(Buffer.concat(chunks), { file });
}

/** JSON.parse that also accepts Python's NaN, Infinity and -Infinity tokens outside strings. */
export function parseLenientJson(text: string, where: ErrorLocation = {}): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const patched = text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (token) => {
      if (token.startsWith('"')) return token;
      if (token === 'NaN') return 'null';
      return token.startsWith('-') ? '-1e999' : '1e999';
    });
    try {
      return JSON.parse(patched);
    } catch (error) {
      throw new LmscopeError('malformed_json', `malformed JSON: ${(error as Error).message}`, { where });
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
