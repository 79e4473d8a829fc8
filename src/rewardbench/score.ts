import { badInput } from '../core/errors.js';
import { scoreBestOfN, scoreRatingsRow } from './bestOfN.js';
import type { RowScoreEntry } from './scoresFile.js';
import { scoreTies, type TiesBreakdown } from './ties.js';
import { isTiesSubset, RB2_SUBSETS, type Rb2Row } from './types.js';

/** How non-Ties rows turn scores into a result: reward-model scores or 1-10 judge ratings. */
export type RowRule = 'reward' | 'ratings';

/** What to do with dataset rows that have no scores. */
export type MissingPolicy = 'error' | 'skip';

export interface ScoreOptions {
  rule?: RowRule;
  missing?: MissingPolicy;
  /** Include per-row results in the report (the instance browser needs them). */
  includeRows?: boolean;
  model?: string | null;
  scorer?: string | null;
}

export interface SubsetResult {
  /** Fraction in [0, 1]; the Ties subset ranges over [-0.01, 1.01]; null when undefined (NaN). */
  score: number | null;
  rows: number;
  /** Sum of per-row results (partial credit included); absent for Ties. */
  correct?: number;
  ties?: TiesBreakdown;
}

export interface RowResult {
  id: string;
  subset: string;
  scores: (number | null)[] | null;
  /** Per-row result; null for Ties rows (scored as a whole) and rows without scores. */
  result: number | null;
}

/** The object `lmscope rewardbench score --json` prints and `POST /api/rewardbench/score` returns. */
export interface Rb2Report {
  benchmark: 'rewardbench2';
  model: string | null;
  scorer: string | null;
  rule: RowRule;
  /** Unweighted mean of the subset scores (the six domains for the full dataset). */
  overall: number | null;
  subsets: Record<string, SubsetResult>;
  coverage: { rows: number; scored: number; missing: number; missingIds: string[]; unknownIds: number };
  warnings: string[];
  rows?: RowResult[];
}

/**
 * Scores RewardBench 2 rows from per-completion scores (or given row results): best-of-n with the
 * tie penalty for non-Ties subsets, the weighted Ties formula, and the plain mean over subsets.
 *
 * @example const report = scoreRewardBench2(dataset.rows, (await readScoresFile('scores.jsonl')).entries);
 */
export function scoreRewardBench2(rows: readonly Rb2Row[], scores: ReadonlyMap<string, RowScoreEntry>, options: ScoreOptions = {}): Rb2Report {
  const rule = options.rule ?? 'reward';
  const warnings: string[] = [];
  const bySubset = new Map<string, { results: number[]; ties: { id: string; numCorrect: number; scores: number[] }[]; rows: number }>();
  const rowResults: RowResult[] = [];
  const missingIds: string[] = [];
  for (const row of rows) {
    const entry = scores.get(row.id);
    let bucket = bySubset.get(row.subset);
    if (!bucket) bySubset.set(row.subset, (bucket = { results: [], ties: [], rows: 0 }));
    if (!entry) {
      if ((options.missing ?? 'error') === 'error') {
        throw badInput(`row ${row.id} (${row.subset}) has no scores; score every row or allow missing rows to skip them`, { item: `row ${row.id}` }, 'missing_scores');
      }
      missingIds.push(row.id);
      if (options.includeRows) rowResults.push({ id: row.id, subset: row.subset, scores: null, result: null });
      continue;
    }
    const total = row.chosen.length + row.rejected.length;
    if (entry.scores && entry.scores.length !== total) {
      throw badInput(`row ${row.id} has ${total} completions (${row.chosen.length} chosen + ${row.rejected.length} rejected) but ${entry.scores.length} scores`, { item: `row ${row.id}`, field: 'scores' }, 'score_count_mismatch');
    }
    bucket.rows++;
    if (isTiesSubset(row.subset)) {
      if (!entry.scores) throw badInput(`Ties row ${row.id} needs one score per completion; a row result cannot be used for Ties`, { item: `row ${row.id}`, field: 'scores' }, 'missing_scores');
      bucket.ties.push({ id: row.id, numCorrect: row.chosen.length, scores: entry.scores });
      if (options.includeRows) rowResults.push({ id: row.id, subset: row.subset, scores: nullable(entry.scores), result: null });
      continue;
    }
    const result = entry.scores ? (rule === 'ratings' ? scoreRatingsRow(entry.scores) : scoreBestOfN(entry.scores)) : (entry.result as number);
    bucket.results.push(result);
    if (options.includeRows) rowResults.push({ id: row.id, subset: row.subset, scores: entry.scores ? nullable(entry.scores) : null, result });
  }

  const subsets: Record<string, SubsetResult> = {};
  for (const name of orderSubsets([...bySubset.keys()])) {
    const bucket = bySubset.get(name)!;
    if (bucket.rows === 0) {
      warnings.push(`subset ${name} has no scored rows and is left out`);
    } else if (isTiesSubset(name)) {
      const ties = scoreTies(bucket.ties);
      if (ties.pairs === 0) warnings.push(`subset ${name}: no prompt id has both a "ref:" and a "tied:" row, so the margin terms and the score are undefined (NaN), as in the reference`);
      subsets[name] = { score: finite(ties.score), rows: bucket.rows, ties: { ...ties } };
    } else {
      const correct = bucket.results.reduce((a, b) => a + b, 0);
      subsets[name] = { score: correct / bucket.results.length, rows: bucket.rows, correct };
    }
  }
  const subsetScores = Object.values(subsets).map((s) => s.score);
  const overall = subsetScores.length > 0 && subsetScores.every((s) => s !== null) ? (subsetScores as number[]).reduce((a, b) => a + b, 0) / subsetScores.length : null;
  const absent = RB2_SUBSETS.filter((name) => !(name in subsets));
  if (absent.length > 0 && absent.length < RB2_SUBSETS.length) warnings.push(`the overall score averages ${subsetScores.length} subsets; not in the data: ${absent.join(', ')}`);
  const known = new Set(rows.map((r) => r.id));
  const unknownIds = [...scores.keys()].filter((id) => !known.has(id)).length;
  if (unknownIds > 0) warnings.push(`${unknownIds} scored ids are not in the dataset (a different dataset version?)`);
  if (missingIds.length > 0) warnings.push(`${missingIds.length} rows have no scores and were left out`);

  const report: Rb2Report = {
    benchmark: 'rewardbench2',
    model: options.model ?? null,
    scorer: options.scorer ?? null,
    rule,
    overall,
    subsets,
    coverage: { rows: rows.length, scored: rows.length - missingIds.length, missing: missingIds.length, missingIds: missingIds.slice(0, 20), unknownIds },
    warnings,
  };
  if (options.includeRows) report.rows = rowResults;
  return report;
}

/** The six domains in paper order first, then any other subset names in first-seen order. */
export function orderSubsets(names: readonly string[]): string[] {
  const rank = (name: string): number => {
    const i = RB2_SUBSETS.findIndex((s) => s.toLowerCase() === name.toLowerCase());
    return i < 0 ? RB2_SUBSETS.length : i;
  };
  return names.map((name, i) => ({ name, i })).sort((a, b) => rank(a.name) - rank(b.name) || a.i - b.i).map((x) => x.name);
}

function finite(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

function nullable(values: readonly number[]): (number | null)[] {
  return values.map((v) => (Number.isFinite(v) ? v : null));
}
