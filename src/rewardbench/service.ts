import { badInput } from '../core/errors.js';
import { readRecords } from '../core/data/index.js';
import { correlateWithDownstream, loadDownstreamRecords, parseDownstreamRecord, type CorrelationReport, type DownstreamRecord } from './correlate.js';
import { loadRewardBench2 } from './dataset.js';
import { compareWithPublished, reportToRow, type ComparisonRow } from './leaderboard.js';
import { renderSubsetPlotSvg } from './plot.js';
import { loadRewardBench1, scoreRewardBench1, type Rb1Report } from './rb1.js';
import { readResultRow } from './resultsStore.js';
import { scoreRewardBench2, type MissingPolicy, type Rb2Report, type RowRule } from './score.js';
import type { ScoresFile } from './scoresFile.js';

/**
 * The operations behind both the CLI and the HTTP routes, so `--json` output and route answers
 * are the same objects. Each reads the files it is given and nothing else.
 */

export type Benchmark = 'rewardbench2' | 'rewardbench';

/** RewardBench 2 rows list their completions; RewardBench 1 rows have one chosen string. */
export async function detectBenchmark(dataFile: string): Promise<Benchmark> {
  for await (const record of readRecords(dataFile)) {
    return typeof record.value.chosen === 'string' ? 'rewardbench' : 'rewardbench2';
  }
  throw badInput(`${dataFile} has no rows`, { file: dataFile }, 'empty_dataset');
}

export interface ScoreRequest {
  data: string;
  scores: ScoresFile;
  benchmark?: Benchmark | 'auto';
  rule?: RowRule;
  missing?: MissingPolicy;
  model?: string | null;
  includeRows?: boolean;
}

/** Scores precomputed per-completion scores against a dataset file (RewardBench 2 or 1). */
export async function scoreFromFiles(request: ScoreRequest): Promise<Rb2Report | Rb1Report> {
  const benchmark = !request.benchmark || request.benchmark === 'auto' ? await detectBenchmark(request.data) : request.benchmark;
  const model = request.model ?? request.scores.model ?? null;
  if (benchmark === 'rewardbench') {
    const rows = await loadRewardBench1(request.data);
    return scoreRewardBench1(rows, request.scores.entries, { missing: request.missing, model });
  }
  const { rows } = await loadRewardBench2(request.data);
  return scoreRewardBench2(rows, request.scores.entries, { rule: request.rule, missing: request.missing, includeRows: request.includeRows, model });
}

export interface ComparisonRequest {
  /** Run folders, report.json files or published summaries. */
  results?: readonly string[];
  /** Reports already in memory (e.g. one the UI just scored). */
  reports?: readonly Rb2Report[];
  /** Published models to include (substring match); default: the paper's top 10. */
  models?: readonly string[];
  top?: number;
  title?: string;
}

export interface Comparison {
  rows: ComparisonRow[];
  svg: string;
}

/** A table of results next to published numbers, plus the subset plot of the same rows. */
export async function compareResults(request: ComparisonRequest): Promise<Comparison> {
  const runs = [...(request.reports ?? []).map((report) => reportToRow(report)), ...(await Promise.all((request.results ?? []).map((file) => readResultRow(file))))];
  const rows = compareWithPublished(runs, { models: request.models, top: request.top ?? 10 });
  // Runs first so they are never cut; then published rows that have per-domain numbers.
  const plotted = [...rows.filter((r) => r.kind === 'run'), ...rows.filter((r) => r.kind === 'published' && Object.keys(r.subsets).length > 0)].slice(0, Math.max(8, runs.length));
  return { rows, svg: renderSubsetPlotSvg(plotted, { title: request.title ?? 'RewardBench 2 subset scores' }) };
}

/** Correlation of RewardBench 2 scores with best-of-N accuracy from a file or given records. */
export async function correlateFrom(input: { file?: string; records?: readonly unknown[]; resamples?: number; seed?: number; level?: number }): Promise<CorrelationReport> {
  if (input.level !== undefined && !(input.level > 0 && input.level < 1)) throw badInput(`level must be between 0 and 1, got ${input.level}`, { field: 'level' });
  if (input.resamples !== undefined && !(Number.isInteger(input.resamples) && input.resamples >= 1 && input.resamples <= 100_000)) throw badInput(`resamples must be an integer from 1 to 100000, got ${input.resamples}`, { field: 'resamples' });
  let records: DownstreamRecord[];
  if (input.file) records = await loadDownstreamRecords(input.file);
  else if (input.records) {
    records = input.records.map((value, i) => {
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw badInput(`records[${i}] is not an object`, { item: `record ${i}` }, 'malformed_record');
      return parseDownstreamRecord(value as Record<string, unknown>, { item: `record ${i}` });
    });
  } else throw badInput('give a file of records or the records themselves', { field: 'file' });
  return correlateWithDownstream(records, { resamples: input.resamples, seed: input.seed, level: input.level });
}
