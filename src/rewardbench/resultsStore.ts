import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/atomic.js';
import { badInput } from '../core/errors.js';
import { readJsonFile } from '../core/data/index.js';
import { reportToRow, type ComparisonRow } from './leaderboard.js';
import type { Rb2Report } from './score.js';
import type { RowScoreEntry } from './scoresFile.js';
import { isTiesSubset, type Rb2Row } from './types.js';

/** File names inside a run's output folder. */
export const RUN_FILES = {
  cache: 'cache.jsonl',
  scores: 'scores.jsonl',
  report: 'report.json',
  summary: 'summary.json',
  perRow: 'eval-set-scores.json',
} as const;

/**
 * Writes a finished run: `scores.jsonl` ({id, scores} lines that `rewardbench score` reads back),
 * `report.json` (without per-row results), and the published layouts (`summary.json` like `eval-set/<model>.json`,
 * `eval-set-scores.json` like `eval-set-scores/<model>.json`). Each file is written atomically.
 */
export async function writeRunResults(dir: string, input: { rows: readonly Rb2Row[]; entries: ReadonlyMap<string, RowScoreEntry>; report: Rb2Report; modelType: string }): Promise<void> {
  const { rows, entries, report } = input;
  const model = report.model ?? report.scorer ?? 'unknown';
  const rowResults = new Map((report.rows ?? []).map((r) => [r.id, r.result]));
  const lines = rows
    .filter((row) => entries.has(row.id))
    .map((row) => {
      const entry = entries.get(row.id) as RowScoreEntry;
      return JSON.stringify({ id: row.id, subset: row.subset, ...(entry.scores ? { scores: entry.scores.map(finiteOrNull) } : {}), ...(entry.result !== undefined ? { result: entry.result } : {}) });
    });
  await writeFileAtomic(path.join(dir, RUN_FILES.scores), lines.length ? `${lines.join('\n')}\n` : '');
  // Per-row results live in scores.jsonl and eval-set-scores.json; the report stays small.
  const { rows: _rows, ...summaryReport } = report;
  await writeFileAtomic(path.join(dir, RUN_FILES.report), `${JSON.stringify(summaryReport, null, 2)}\n`);
  const summary: Record<string, unknown> = { model, model_type: input.modelType };
  for (const [name, s] of Object.entries(report.subsets)) summary[name] = s.score;
  await writeFileAtomic(path.join(dir, RUN_FILES.summary), `${JSON.stringify(summary, null, 4)}\n`);
  const scored = rows.filter((row) => entries.has(row.id));
  const perRow = {
    id: scored.map((r) => r.id),
    subset: scored.map((r) => r.subset),
    num_correct: scored.map((r) => r.chosen.length),
    scores: scored.map((r) => entries.get(r.id)?.scores?.map(finiteOrNull) ?? null),
    results: scored.map((r) => (isTiesSubset(r.subset) ? null : (rowResults.get(r.id) ?? entries.get(r.id)?.result ?? null))),
    model,
    model_type: input.modelType,
  };
  await writeFileAtomic(path.join(dir, RUN_FILES.perRow), `${JSON.stringify(perRow)}\n`);
}

/**
 * Reads a result for comparison tables: a run folder, a `report.json`, or a published summary
 * (`{"model": .., "Factuality": 0.7, ...}` with fractions).
 */
export async function readResultRow(file: string): Promise<ComparisonRow> {
  let target = file;
  const stat = await fs.stat(file).catch(() => null);
  if (!stat) throw badInput(`cannot read ${file}: no such file or folder`, { file }, 'file_not_found');
  if (stat.isDirectory()) target = path.join(file, RUN_FILES.report);
  const value = await readJsonFile<Record<string, unknown>>(target);
  if (value && value.benchmark === 'rewardbench2' && typeof value.subsets === 'object') return reportToRow(value as unknown as Rb2Report);
  if (value && typeof value === 'object' && typeof value.model === 'string') {
    const subsets: Record<string, number | null> = {};
    const values: number[] = [];
    for (const [key, v] of Object.entries(value)) {
      if (typeof v !== 'number' || ['model_type', 'chat_template'].includes(key)) continue;
      subsets[key] = Math.round(v * 1000) / 10;
      values.push(v);
    }
    if (values.length === 0) throw badInput(`${target} has no subset scores`, { file: target }, 'malformed_results');
    return { model: value.model, kind: 'run', judge: false, average: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 10, subsets };
  }
  throw badInput(`${target} is neither a rewardbench report nor a published summary`, { file: target }, 'malformed_results');
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
