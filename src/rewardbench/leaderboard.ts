import type { Rb2Report } from './score.js';
import { RB2_SUBSETS } from './types.js';

/** A published RewardBench 2 result, in percent as published. */
export interface PublishedResult {
  model: string;
  /** LLM-as-judge (marked * in the paper). */
  judge: boolean;
  average: number;
  /** Domain scores in percent; absent where only the average was published. */
  subsets?: Record<(typeof RB2_SUBSETS)[number], number>;
  source: string;
}

const row = (model: string, judge: boolean, average: number, s: [number, number, number, number, number, number] | null, source: string): PublishedResult => ({
  model,
  judge,
  average,
  ...(s ? { subsets: { Factuality: s[0], 'Precise IF': s[1], Math: s[2], Safety: s[3], Focus: s[4], Ties: s[5] } } : {}),
  source,
});

const PAPER = 'RewardBench 2 paper (arXiv 2506.01937), Table 3';

/** Known results for regression checks and comparison tables. */
export const PUBLISHED_RESULTS: readonly PublishedResult[] = [
  row('google/gemini-2.5-flash-preview-04-17', true, 77.2, [65.7, 55.3, 81.1, 90.9, 86.7, 83.4], PAPER),
  row('nicolinho/QRM-Gemma-2-27B', false, 76.7, [78.5, 37.2, 69.9, 95.8, 95.4, 83.2], PAPER),
  row('infly/INF-ORM-Llama3.1-70B', false, 76.5, [74.1, 41.9, 69.9, 96.4, 90.3, 86.2], PAPER),
  row('anthropic/claude-opus-4-20250514', true, 76.5, [82.7, 41.9, 74.9, 89.5, 86.2, 83.7], PAPER),
  row('allenai/Llama-3.1-70B-Instruct-RM-RB2', false, 76.1, [81.3, 41.9, 69.9, 88.4, 86.5, 88.3], PAPER),
  row('Skywork/Skywork-Reward-Gemma-2-27B', false, 75.8, [73.7, 40.3, 70.5, 94.2, 93.2, 82.6], PAPER),
  row('anthropic/claude-3-7-sonnet-20250219', true, 75.4, [73.3, 54.4, 75.0, 90.3, 92.1, 67.2], PAPER),
  row('Skywork/Skywork-Reward-Gemma-2-27B-v0.2', false, 75.3, [76.7, 37.5, 67.2, 96.9, 91.7, 81.8], PAPER),
  row('LxzGordon/URM-LLaMa-3.1-8B', false, 73.9, [68.8, 45.0, 63.9, 91.8, 97.6, 76.5], PAPER),
  row('Skywork/Skywork-Reward-Llama-3.1-8B', false, 73.1, [69.9, 42.5, 62.8, 93.3, 96.2, 74.1], PAPER),
  row('openai/gpt-4.1-2025-04-14', true, 72.3, [82.9, 39.7, 65.2, 87.3, 73.4, 85.4], PAPER),
  row('claude-sonnet-4', true, 71.2, null, PAPER),
  row('gemini-2.5-pro-preview-05-06', true, 67.7, null, PAPER),
  row('ArmoRM-Llama3-8B', false, 66.5, null, PAPER),
  row('gpt-4o-2024-08-06', true, 64.9, null, PAPER),
  row('Skywork/Skywork-Reward-V2-Qwen3-0.6B', false, 61.3, [58.2, 40.0, 71.6, 84.4, 79.4, 34.0], 'allenai/reward-bench issue #253 (local run)'),
];

/** One line of a comparison table, in percent. */
export interface ComparisonRow {
  model: string;
  /** 'run' for results computed here, 'published' for known numbers. */
  kind: 'run' | 'published';
  judge: boolean;
  average: number | null;
  subsets: Record<string, number | null>;
}

/** A report's scores as a table row in percent (rounded to 0.1 like the paper). */
export function reportToRow(report: Rb2Report, name?: string): ComparisonRow {
  const subsets: Record<string, number | null> = {};
  for (const [subset, s] of Object.entries(report.subsets)) subsets[subset] = percent(s.score);
  return { model: name ?? report.model ?? report.scorer ?? 'this run', kind: 'run', judge: false, average: percent(report.overall), subsets };
}

/**
 * This run's rows next to published results, best average first.
 *
 * @example compareWithPublished([reportToRow(report)], { top: 10 })
 */
export function compareWithPublished(runs: readonly ComparisonRow[], options: { models?: readonly string[]; top?: number } = {}): ComparisonRow[] {
  const wanted = options.models?.length ? PUBLISHED_RESULTS.filter((p) => options.models!.some((m) => p.model.toLowerCase().includes(m.toLowerCase()))) : PUBLISHED_RESULTS.slice(0, options.top ?? PUBLISHED_RESULTS.length);
  const published: ComparisonRow[] = wanted.map((p) => ({ model: p.model, kind: 'published', judge: p.judge, average: p.average, subsets: { ...(p.subsets ?? {}) } }));
  return [...runs, ...published].sort((a, b) => (b.average ?? -Infinity) - (a.average ?? -Infinity));
}

function percent(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 10;
}
