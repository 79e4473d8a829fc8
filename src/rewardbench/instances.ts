import { scoreBestOfN, scoreRatingsRow } from './bestOfN.js';
import type { RowRule } from './score.js';
import type { RowScoreEntry } from './scoresFile.js';
import { computePromptStats } from './ties.js';
import { completionsOf, isTiesSubset, type Rb2Row } from './types.js';

/** One completion as the instance browser shows it. */
export interface InstanceCompletion {
  text: string;
  /** A correct completion (from `chosen`). */
  correct: boolean;
  score: number | null;
  /** Among the completions with the highest score. */
  top: boolean;
}

export interface Instance {
  id: string;
  subset: string;
  prompt: string;
  completions: InstanceCompletion[];
  /** Row result (partial credit included); null for Ties rows and rows without scores. */
  result: number | null;
  /** Whether the scorer ranked every correct completion above every incorrect one. */
  accurate: boolean | null;
}

export type InstanceFilter = 'all' | 'right' | 'wrong' | 'unscored';

export interface InstanceQuery {
  subset?: string;
  filter?: InstanceFilter;
  /** Case-insensitive text that the id or prompt must contain. */
  search?: string;
  offset?: number;
  limit?: number;
  rule?: RowRule;
}

/** A page of instances: what `POST /api/rewardbench/instances` returns. */
export interface InstancePage {
  total: number;
  offset: number;
  items: Instance[];
  subsets: string[];
}

/**
 * Builds the per-instance view (prompt, completions, their scores, which were correct) and pages
 * through it with filters.
 *
 * @example listInstances(rows, scores.entries, { filter: 'wrong', limit: 20 })
 */
export function listInstances(rows: readonly Rb2Row[], scores: ReadonlyMap<string, RowScoreEntry>, query: InstanceQuery = {}): InstancePage {
  const filter = query.filter ?? 'all';
  const search = query.search?.toLowerCase();
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.min(Math.max(1, query.limit ?? 20), 200);
  const subsets = [...new Set(rows.map((r) => r.subset))];
  const matching: Instance[] = [];
  for (const row of rows) {
    if (query.subset && row.subset !== query.subset) continue;
    if (search && !row.id.toLowerCase().includes(search) && !row.prompt.toLowerCase().includes(search)) continue;
    const instance = toInstance(row, scores.get(row.id), query.rule ?? 'reward');
    if (filter === 'unscored' && instance.accurate !== null) continue;
    if (filter === 'right' && instance.accurate !== true) continue;
    if (filter === 'wrong' && instance.accurate !== false) continue;
    matching.push(instance);
  }
  return { total: matching.length, offset, items: matching.slice(offset, offset + limit), subsets };
}

function toInstance(row: Rb2Row, entry: RowScoreEntry | undefined, rule: RowRule): Instance {
  const texts = completionsOf(row);
  const scores = entry?.scores;
  const finiteScores = (scores ?? []).filter((s) => !Number.isNaN(s));
  const best = finiteScores.length ? Math.max(...finiteScores) : NaN;
  const completions = texts.map((text, i) => {
    const score = scores?.[i];
    const shown = score === undefined || Number.isNaN(score) ? null : score;
    return { text, correct: i < row.chosen.length, score: shown, top: shown !== null && shown === best };
  });
  let result: number | null = null;
  let accurate: boolean | null = null;
  if (scores) {
    if (isTiesSubset(row.subset)) {
      accurate = computePromptStats(scores.map((score, i) => ({ correct: i < row.chosen.length, score }))).accurate;
    } else {
      result = rule === 'ratings' ? scoreRatingsRow(scores) : scoreBestOfN(scores);
      accurate = result === 1;
    }
  } else if (entry?.result !== undefined) {
    result = entry.result;
    accurate = result === 1;
  }
  return { id: row.id, subset: row.subset, prompt: row.prompt, completions, result, accurate };
}
