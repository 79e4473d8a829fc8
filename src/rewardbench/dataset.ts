import { badInput, type ErrorLocation } from '../core/errors.js';
import { readRecords } from '../core/data/index.js';
import { isTiesSubset, type Rb2Dataset, type Rb2Row, type RowSource } from './types.js';

/**
 * Loads RewardBench 2 from a local JSONL (plain/.gz/.zst), JSON array or Parquet file in the
 * published schema, checking every row; errors name the file, line and row id.
 *
 * @example const { rows } = await loadRewardBench2('reward-bench-2/test.parquet');
 */
export async function loadRewardBench2(file: string): Promise<Rb2Dataset> {
  const rows: Rb2Row[] = [];
  const sources: RowSource[] = [];
  const seen = new Map<string, number>();
  for await (const record of readRecords(file)) {
    const row = parseRb2Row(record.value, { file: record.file, line: record.line });
    const earlier = seen.get(row.id);
    if (earlier !== undefined) {
      throw badInput(`duplicate row id "${row.id}" (first seen on line ${earlier}); ids must be unique so scores can be matched to rows`, { file, line: record.line, field: 'id', item: `row ${row.id}` }, 'duplicate_row_id');
    }
    seen.set(row.id, record.line);
    rows.push(row);
    sources.push({ file: record.file, line: record.line });
  }
  if (rows.length === 0) throw badInput(`${file} has no rows`, { file }, 'empty_dataset');
  return { rows, sources };
}

/** Checks one record against the published schema and returns it typed; throws with the row id. */
export function parseRb2Row(value: Record<string, unknown>, where: ErrorLocation = {}): Rb2Row {
  const rawId = value.id;
  if (typeof rawId !== 'string' && !(typeof rawId === 'number' && Number.isFinite(rawId))) {
    throw badInput('row has no "id" (expected a string)', { ...where, field: 'id' }, 'malformed_row');
  }
  const id = String(rawId);
  const at = (field: string): ErrorLocation => ({ ...where, field, item: `row ${id}` });
  const prompt = value.prompt;
  if (typeof prompt !== 'string') throw badInput(`row ${id}: "prompt" must be a string`, at('prompt'), 'malformed_row');
  const subset = value.subset;
  if (typeof subset !== 'string' || subset === '') throw badInput(`row ${id}: "subset" must be a non-empty string`, at('subset'), 'malformed_row');
  const chosen = stringList(value.chosen, id, 'chosen', at);
  const rejected = stringList(value.rejected, id, 'rejected', at);
  if (chosen.length === 0) throw badInput(`row ${id}: "chosen" is empty; every row needs at least one correct completion`, at('chosen'), 'malformed_row');
  if (rejected.length === 0) throw badInput(`row ${id}: "rejected" is empty; every row needs at least one incorrect completion`, at('rejected'), 'malformed_row');
  checkCount(value.num_correct, chosen.length, id, 'num_correct', 'chosen', at);
  checkCount(value.num_incorrect, rejected.length, id, 'num_incorrect', 'rejected', at);
  checkCount(value.total_completions, chosen.length + rejected.length, id, 'total_completions', 'chosen + rejected', at);
  if (isTiesSubset(subset)) parseTiesId(id, at('id'));
  const row: Rb2Row = { id, prompt, chosen, rejected, subset };
  if (Array.isArray(value.models)) row.models = value.models.map(String);
  if (value.additional_metadata && typeof value.additional_metadata === 'object' && !Array.isArray(value.additional_metadata)) {
    row.additional_metadata = value.additional_metadata as Record<string, unknown>;
  }
  return row;
}

/** A Ties row id "<sample_type>:<prompt_id>", split as `process_single_model` does. */
export interface TiesId {
  sampleType: string;
  promptId: number;
}

/** Parses a Ties id; Python's `int()` accepts surrounding spaces, a sign and digit underscores. */
export function parseTiesId(id: string, where: ErrorLocation = {}): TiesId {
  const parts = id.split(':');
  if (parts.length !== 2) {
    throw badInput(`Ties row id "${id}" must look like "ref:<number>" or "tied:<number>" (exactly one colon)`, { ...where, item: `row ${id}` }, 'malformed_row');
  }
  const [sampleType, promptText] = parts as [string, string];
  if (!/^\s*[+-]?\d(?:_?\d)*\s*$/.test(promptText)) {
    throw badInput(`Ties row id "${id}": prompt id "${promptText}" is not an integer`, { ...where, item: `row ${id}` }, 'malformed_row');
  }
  const promptId = Number(promptText.trim().replace(/_/g, ''));
  return { sampleType, promptId: Object.is(promptId, -0) ? 0 : promptId };
}

function stringList(value: unknown, id: string, field: string, at: (f: string) => ErrorLocation): string[] {
  if (!Array.isArray(value)) throw badInput(`row ${id}: "${field}" must be a list of strings`, at(field), 'malformed_row');
  value.forEach((entry, i) => {
    if (typeof entry !== 'string') throw badInput(`row ${id}: "${field}"[${i}] is ${entry === null ? 'null' : typeof entry}, expected a string`, at(field), 'malformed_row');
  });
  return value as string[];
}

/** Counts are optional (custom datasets), but when present they must agree with the lists. */
function checkCount(value: unknown, expected: number, id: string, field: string, what: string, at: (f: string) => ErrorLocation): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || value !== expected) {
    throw badInput(`row ${id}: "${field}" is ${JSON.stringify(value)} but ${what} has ${expected}; scores would be grouped wrongly`, at(field), 'malformed_row');
  }
}
