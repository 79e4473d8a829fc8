import { badInput, type ErrorLocation } from '../core/errors.js';
import { readRecords } from '../core/data/index.js';
import { bootstrapPearson, pearsonOrNaN, type BootstrapInterval } from './stats.js';
import { RB2_SUBSETS } from './types.js';

/** One reward model: its RewardBench 2 score(s) and its best-of-N downstream accuracy(ies). */
export interface DownstreamRecord {
  model: string;
  rb2Average: number;
  rb2Subsets: Record<string, number>;
  bonAverage: number;
  bonTasks: Record<string, number>;
}

export interface CorrelationResult {
  r: number | null;
  n: number;
  interval: (Omit<BootstrapInterval, 'low' | 'high'> & { low: number | null; high: number | null }) | null;
}

/** The object `lmscope rewardbench correlate --json` prints and `POST /api/rewardbench/correlate` returns. */
export interface CorrelationReport {
  models: string[];
  /** RewardBench 2 average against the best-of-N average (the paper's headline, 0.87). */
  overall: CorrelationResult;
  /** Each RewardBench 2 domain against the best-of-N average. */
  bySubset: Record<string, CorrelationResult>;
  /** The RewardBench 2 average against each downstream task. */
  byTask: Record<string, CorrelationResult>;
  paper: { overall: number; bySubset: Record<string, number>; note: string };
  warnings: string[];
}

/** Paper §5 / Fig. 3: 113 reward models, best-of-16 with Tulu 3 8B SFT as the generator. */
export const PAPER_CORRELATIONS = {
  overall: 0.87,
  bySubset: { Factuality: 0.94, 'Precise IF': 0.77, Math: 0.91, Safety: 0.87, Focus: 0.6, Ties: 0.7 } as Record<string, number>,
  note: '113 reward models, 16 candidates per prompt from Tulu 3 8B SFT, 7 downstream tasks',
};

/**
 * Reads one record: `{"model", "rb2": number | {"Factuality": .., "average"?: ..}, "bon": number | {"GSM8K": .., "average"?: ..}}`
 * (also spelled `rewardbench2` and `bestOfN`). Scales may be fractions or percent.
 */
export function parseDownstreamRecord(value: Record<string, unknown>, where: ErrorLocation = {}): DownstreamRecord {
  const model = value.model;
  if (typeof model !== 'string' || model === '') throw badInput('record has no "model" name', { ...where, field: 'model' }, 'malformed_record');
  const rb2 = value.rb2 ?? value.rewardbench2;
  const bon = value.bon ?? value.bestOfN;
  const rb2Parts = numbersOf(rb2, model, 'rb2', where);
  const bonParts = numbersOf(bon, model, 'bon', where);
  const rb2Subsets = withoutAverage(rb2Parts.parts);
  const bonTasks = withoutAverage(bonParts.parts);
  const sixPresent = RB2_SUBSETS.every((s) => s in rb2Subsets);
  const rb2Average = rb2Parts.average ?? (sixPresent ? mean(RB2_SUBSETS.map((s) => rb2Subsets[s] as number)) : mean(Object.values(rb2Subsets)));
  const bonAverage = bonParts.average ?? mean(Object.values(bonTasks));
  return { model, rb2Average, rb2Subsets, bonAverage, bonTasks };
}

/** Reads downstream records from JSONL, a JSON array or Parquet. */
export async function loadDownstreamRecords(file: string): Promise<DownstreamRecord[]> {
  const records: DownstreamRecord[] = [];
  for await (const r of readRecords(file)) records.push(parseDownstreamRecord(r.value, { file: r.file, line: r.line }));
  if (records.length === 0) throw badInput(`${file} has no records`, { file }, 'empty_dataset');
  return records;
}

/**
 * Pearson correlation between RewardBench 2 scores and best-of-N accuracy across reward models,
 * each with a seeded percentile-bootstrap interval over models.
 *
 * @example correlateWithDownstream(records, { resamples: 2000, seed: 7 }).overall.r
 */
export function correlateWithDownstream(records: readonly DownstreamRecord[], options: { resamples?: number; level?: number; seed?: number } = {}): CorrelationReport {
  const warnings: string[] = [];
  if (records.length < 3) warnings.push(`only ${records.length} models: a correlation needs at least 3 to mean anything`);
  const correlate = (pairs: [number, number][]): CorrelationResult => {
    const xs = pairs.map((p) => p[0]);
    const ys = pairs.map((p) => p[1]);
    const r = pearsonOrNaN(xs, ys);
    if (Number.isNaN(r)) return { r: null, n: pairs.length, interval: null };
    const ci = bootstrapPearson(xs, ys, options);
    return { r, n: pairs.length, interval: { ...ci, low: nullIfNaN(ci.low), high: nullIfNaN(ci.high) } };
  };
  const overall = correlate(records.map((r) => [r.rb2Average, r.bonAverage]));
  if (overall.r === null) warnings.push('the overall correlation is undefined: one side has no variance');
  const bySubset: Record<string, CorrelationResult> = {};
  for (const subset of keysOf(records.map((r) => r.rb2Subsets))) {
    bySubset[subset] = correlate(records.filter((r) => subset in r.rb2Subsets).map((r) => [r.rb2Subsets[subset] as number, r.bonAverage]));
  }
  const byTask: Record<string, CorrelationResult> = {};
  for (const task of keysOf(records.map((r) => r.bonTasks))) {
    byTask[task] = correlate(records.filter((r) => task in r.bonTasks).map((r) => [r.rb2Average, r.bonTasks[task] as number]));
  }
  return { models: records.map((r) => r.model), overall, bySubset, byTask, paper: PAPER_CORRELATIONS, warnings };
}

function numbersOf(value: unknown, model: string, field: string, where: ErrorLocation): { average?: number; parts: Record<string, number> } {
  if (typeof value === 'number' && Number.isFinite(value)) return { average: value, parts: {} };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const parts: Record<string, number> = {};
    for (const [key, v] of Object.entries(value)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw badInput(`model ${model}: "${field}.${key}" must be a number`, { ...where, field: `${field}.${key}`, item: model }, 'malformed_record');
      parts[key] = v;
    }
    const average = parts.average ?? parts.overall ?? parts.Avg;
    if (Object.keys(withoutAverage(parts)).length === 0 && average === undefined) throw badInput(`model ${model}: "${field}" has no scores`, { ...where, field, item: model }, 'malformed_record');
    return { ...(average !== undefined ? { average } : {}), parts };
  }
  throw badInput(`model ${model}: "${field}" must be a number or an object of numbers`, { ...where, field, item: model }, 'malformed_record');
}

function withoutAverage(parts: Record<string, number>): Record<string, number> {
  const out = { ...parts };
  delete out.average;
  delete out.overall;
  delete out.Avg;
  return out;
}

function keysOf(maps: readonly Record<string, number>[]): string[] {
  const keys: string[] = [];
  for (const m of maps) for (const k of Object.keys(m)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function nullIfNaN(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
