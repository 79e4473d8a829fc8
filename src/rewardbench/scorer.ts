import type { RowRule } from './score.js';
import type { CompletionItem, Rb2Row } from './types.js';
import type { RankingSlot } from './judgePrompts.js';

/** A completion's score and, for judges, the raw answer it was parsed from. */
export interface ScoredCompletion {
  /** Higher is better; NaN when the scorer returned nothing usable. Ratings judges give 1-10 or -1. */
  score: number;
  raw?: string;
}

/**
 * Scores completions independently (reward models, ratings judges, log-likelihood). The `id`
 * names the scorer and its settings in the score cache: same id, same scores.
 */
export interface CompletionScorer {
  readonly id: string;
  /** Which per-row rule turns these scores into results for non-Ties rows. */
  readonly rule: RowRule;
  /** Completions per call that suit this scorer (one HTTP request, one model batch). */
  readonly batchSize: number;
  /** A line for reports when the scorer is a stand-in rather than a reward model. */
  readonly note?: string;
  scoreBatch(items: readonly CompletionItem[], signal?: AbortSignal): Promise<ScoredCompletion[]>;
}

/** A 4-way ranking verdict for one row. */
export interface RankingVerdict {
  verdict: RankingSlot | 'error';
  raw: string;
}

/** A judge that sees a row's four answers at once and picks the best (rankings mode). */
export interface RowJudge {
  readonly id: string;
  judgeRow(row: Rb2Row, answers: readonly [string, string, string, string], signal?: AbortSignal): Promise<RankingVerdict>;
}
