import { sampleKey, type SampleRecord } from './evaluate.js';
import type { Problem } from './datasets.js';
import { coverageAtN, majorityAtN, methodMetrics, powersOfTwoUpTo, type CurvePoint, type MethodMetrics } from './metrics.js';
import type { EvalSetting } from './methods.js';

/** One method's accuracy-vs-thinking curve. */
export interface MethodCurve {
  method: string;
  points: (CurvePoint & { problems: number; rejected?: number })[];
}

/** Parallel sampling at n: majority-vote and coverage accuracy (percent) and total thinking per problem. */
export interface ParallelRow {
  n: number;
  majority: number;
  coverage: number;
  thinkingTokens: number;
}

export interface EvalSummary {
  /** Problems with every planned sample done. */
  complete: number;
  problems: number;
  /** Control, Scaling and Performance per method: the paper's table. */
  table: MethodMetrics[];
  curves: MethodCurve[];
  parallel: ParallelRow[];
}

/**
 * Aggregates sample records into one point per setting (accuracy in percent, mean thinking
 * tokens) and the metrics table; parallel sampling adds maj@n/cov@n for n = 1, 2, 4, ….
 * Only problems whose samples are all done count, so a half-finished run summarises honestly.
 */
export function summarize(records: readonly SampleRecord[], settings: readonly EvalSetting[], problems: readonly Problem[], same?: (a: string, b: string) => boolean): EvalSummary {
  const byKey = new Map(records.map((r) => [r.key, r]));
  const completeProblems = problems.filter((p) => settings.every((s) => Array.from({ length: s.samples }, (_, i) => byKey.has(sampleKey(s, p.id, i))).every(Boolean)));
  const curves = new Map<string, MethodCurve>();
  let parallel: ParallelRow[] = [];
  for (const setting of settings) {
    const curve = curves.get(setting.method) ?? { method: setting.method, points: [] };
    curves.set(setting.method, curve);
    const rows = completeProblems.map((p) => Array.from({ length: setting.samples }, (_, i) => byKey.get(sampleKey(setting, p.id, i))!));
    if (setting.method === 'parallel') {
      parallel = parallelRows(rows, same);
      for (const row of parallel) curve.points.push({ label: `maj@${row.n}`, thinkingTokens: row.thinkingTokens, accuracy: row.majority, aMin: null, aMax: null, problems: rows.length });
      continue;
    }
    const flat = rows.flat();
    const aMax = setting.aMax ?? (setting.method === 'bf' && flat.length > 0 ? mean(flat.map((r) => r.limit)) : null);
    curve.points.push({
      label: setting.label,
      thinkingTokens: mean(flat.map((r) => r.thinkingTokens)),
      accuracy: 100 * mean(flat.map((r) => (r.correct ? 1 : 0))),
      aMin: setting.aMin,
      aMax,
      problems: rows.length,
      ...(setting.rejectAbove !== undefined ? { rejected: flat.filter((r) => !r.withinBudget).length } : {}),
    });
  }
  const list = [...curves.values()].map((c) => ({ ...c, points: c.points.filter((p) => p.problems > 0) }));
  return { complete: completeProblems.length, problems: problems.length, table: list.map((c) => methodMetrics(c.method, c.points)), curves: list, parallel };
}

function parallelRows(rows: SampleRecord[][], same?: (a: string, b: string) => boolean): ParallelRow[] {
  if (rows.length === 0) return [];
  const samples = rows[0]!.length;
  return powersOfTwoUpTo(samples).map((n) => ({
    n,
    majority: 100 * mean(rows.map((r) => majorityAtN(r.map(toVote), n, same))),
    coverage: 100 * mean(rows.map((r) => coverageAtN(r.map(toVote), n))),
    thinkingTokens: mean(rows.map((r) => r.slice(0, n).reduce((sum, x) => sum + x.thinkingTokens, 0))),
  }));
}

function toVote(r: SampleRecord): { answer: string | null; correct: boolean } {
  return { answer: r.extracted, correct: r.correct };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
