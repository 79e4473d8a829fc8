import { badInput } from '../../core/errors.js';
import type { LanguageModel } from '../../lm/types.js';
import { extractFinalAnswer } from '../answers.js';
import { gradeMathAnswer, type AnswerGrader } from '../grade.js';
import { difficultyFilter, goldAnswer, type Solver } from './difficulty.js';
import { labelDomains } from './domains.js';
import type { PoolItem } from './pool.js';
import { qualityFilter, type QualityReason } from './quality.js';
import { selectDiverse, type Selected, type SelectionOptions, type SelectionReason } from './select.js';

export interface CurateOptions extends Pick<SelectionOptions, 'domainDraw' | 'uniformPicks' | 'longTraceTokens'> {
  /** How many questions to select (s1K: 1000). */
  n: number;
  seed?: number;
  grade?: AnswerGrader;
  /** Trace length in tokens for rows without a precomputed length (s1: the Qwen2.5 tokenizer). */
  countTokens: (text: string) => number;
  solvers?: Solver[];
  classifier?: LanguageModel;
  solverMaxTokens?: number;
  onSolverResponse?: (itemId: string, solver: string, response: string) => Promise<void> | void;
  onDomainLabel?: (itemId: string, domain: string, reply: string) => Promise<void> | void;
  /** Progress: a stage starts (with its item count), an item of it finishes. */
  onStage?: (stage: 'difficulty' | 'domains', total: number) => void;
  onItem?: () => void;
  signal?: AbortSignal;
}

/** Counts at every stage and what was chosen: what `lmscope think curate --json` prints. */
export interface CurationReport {
  n: number;
  seed: number;
  counts: { pool: number; afterQuality: number; afterDifficulty: number; selected: number; seedsBenchmark: number; seedsLongMath: number; sampled: number; domains: number; selectedDomains: number };
  qualityDropped: Partial<Record<QualityReason, number>>;
  difficulty: { dropped: number; solvedBy: Record<string, number> };
  /** Candidates per domain after the difficulty filter. */
  domainCounts: Record<string, number>;
  selectedPerDomain: Record<string, number>;
  selected: { id: string; domain: string; traceTokens: number; source: string; reason: SelectionReason }[];
}

/**
 * s1K-style curation: quality filter → difficulty filter → domain labels and trace lengths →
 * seeds plus domain-diverse, length-biased sampling. Deterministic for a given seed (and
 * deterministic models).
 * @example await curateReasoningSet(items, { n: 1000, seed: 0, countTokens: (t) => tokenizer.encode(t).length })
 */
export async function curateReasoningSet(items: PoolItem[], options: CurateOptions): Promise<{ report: CurationReport; selected: Selected[] }> {
  if (!Number.isInteger(options.n) || options.n < 1) throw badInput('n must be a positive whole number', { field: 'n' });
  const seed = options.seed ?? 0;
  const grade = options.grade ?? gradeMathAnswer;
  const quality = qualityFilter(items);
  options.onStage?.('difficulty', quality.kept.length);
  const difficulty = await difficultyFilter(quality.kept, { grade, solvers: options.solvers, maxTokens: options.solverMaxTokens, onResponse: options.onSolverResponse, onItem: options.onItem, signal: options.signal });
  for (const item of difficulty.kept) item.traceTokens ??= options.countTokens(item.trace);
  options.onStage?.('domains', difficulty.kept.length);
  const domainCounts = await labelDomains(difficulty.kept, { classifier: options.classifier, onLabel: options.onDomainLabel, onItem: options.onItem, signal: options.signal });
  const attemptCorrect = (item: PoolItem): boolean => {
    if (typeof item.raw.attempt_correct === 'boolean') return item.raw.attempt_correct;
    const extracted = extractFinalAnswer(item.attempt) ?? item.attempt.trim();
    return extracted !== '' && grade(extracted, goldAnswer(item.solution));
  };
  const selected = selectDiverse(difficulty.kept, { n: options.n, seed, attemptCorrect, domainDraw: options.domainDraw, uniformPicks: options.uniformPicks, longTraceTokens: options.longTraceTokens });
  const selectedPerDomain: Record<string, number> = {};
  for (const s of selected) selectedPerDomain[s.item.domain!] = (selectedPerDomain[s.item.domain!] ?? 0) + 1;
  const count = (reason: SelectionReason): number => selected.filter((s) => s.reason === reason).length;
  const report: CurationReport = {
    n: options.n,
    seed,
    counts: {
      pool: items.length,
      afterQuality: quality.kept.length,
      afterDifficulty: difficulty.kept.length,
      selected: selected.length,
      seedsBenchmark: count('seed_benchmark'),
      seedsLongMath: count('seed_long_math'),
      sampled: count('sampled'),
      domains: Object.keys(domainCounts).length,
      selectedDomains: Object.keys(selectedPerDomain).length,
    },
    qualityDropped: quality.dropped,
    difficulty: { dropped: difficulty.dropped, solvedBy: difficulty.solvedBy },
    domainCounts: sortKeys(domainCounts),
    selectedPerDomain: sortKeys(selectedPerDomain),
    selected: selected.map((s) => ({ id: s.item.id, domain: s.item.domain!, traceTokens: s.item.traceTokens!, source: s.item.source, reason: s.reason })),
  };
  return { report, selected };
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
