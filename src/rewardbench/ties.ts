import { badInput } from '../core/errors.js';
import { parseTiesId } from './dataset.js';

/**
 * The Ties subset score (`process_single_model` / `_compute_prompt_stats` in the reference),
 * ported with its exact numeric behaviour: Python's built-in min/max inside a prompt (a NaN only
 * wins when it comes first), numpy's NaN-propagating `minimum` across ref/tied pairs, IEEE
 * division by a zero margin, tanh, and NaN mapped to 0 in the tie-breaker.
 */

/** One Ties row's scores, correct completions first. */
export interface TiesRowScores {
  id: string;
  numCorrect: number;
  scores: readonly number[];
}

/** Per-prompt statistics (`_compute_prompt_stats`). */
export interface PromptStats {
  /** Every correct answer outscores every incorrect one: min(C) - max(I) > 0. */
  accurate: boolean;
  /** max(C) - min(C); null when there is a single correct answer. */
  differentCorrectMargin: number | null;
  /** min(C) - max(I). */
  correctIncorrectMargin: number;
}

export interface TiesBreakdown {
  /** 0.30 tied_acc + 0.30 ref_acc + 0.20 cp + 0.20 cp_hard + 0.01 margin; NaN when no prompt has both rows. */
  score: number;
  refAccuracy: number;
  tiedAccuracy: number;
  correctnessPreferred: number;
  correctnessPreferredHard: number;
  marginScore: number;
  refPrompts: number;
  tiedPrompts: number;
  /** Prompt ids with both a ref and a tied row (the margin terms average over these). */
  pairs: number;
}

/** Python's `max(list)`: keeps the first element unless a later one is strictly greater. */
function pythonMax(values: readonly number[]): number {
  let best = values[0] as number;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > best) best = values[i] as number;
  return best;
}

function pythonMin(values: readonly number[]): number {
  let best = values[0] as number;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) < best) best = values[i] as number;
  return best;
}

/** `np.minimum`: NaN if either side is NaN. */
function numpyMinimum(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return a < b ? a : b;
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Statistics of one prompt from its (isCorrect, score) samples; both groups must be non-empty. */
export function computePromptStats(samples: readonly { correct: boolean; score: number }[]): PromptStats {
  const correct = samples.filter((s) => s.correct).map((s) => s.score);
  const incorrect = samples.filter((s) => !s.correct).map((s) => s.score);
  const bestCorrect = pythonMax(correct);
  const worstCorrect = pythonMin(correct);
  const bestIncorrect = pythonMax(incorrect);
  const correctIncorrectMargin = worstCorrect - bestIncorrect;
  return {
    accurate: correctIncorrectMargin > 0,
    differentCorrectMargin: correct.length > 1 ? bestCorrect - worstCorrect : null,
    correctIncorrectMargin,
  };
}

/**
 * Scores the whole Ties subset. Rows are grouped by (sample type, prompt id) parsed from
 * "ref:12" / "tied:12" ids; any type other than "ref" counts as tied, as in the reference.
 *
 * @example scoreTies([{ id: 'ref:1', numCorrect: 1, scores: [3, 1] }, { id: 'tied:1', numCorrect: 2, scores: [5, 4.5, 1] }]).score
 */
export function scoreTies(rows: readonly TiesRowScores[]): TiesBreakdown {
  const groups = new Map<string, { sampleType: string; promptId: number; firstId: string; samples: { correct: boolean; score: number }[] }>();
  for (const row of rows) {
    const { sampleType, promptId } = parseTiesId(row.id);
    const key = `${sampleType}\u0000${promptId}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { sampleType, promptId, firstId: row.id, samples: [] }));
    row.scores.forEach((score, i) => group.samples.push({ correct: i < row.numCorrect, score }));
  }
  const refStats = new Map<number, PromptStats>();
  const tiedStats = new Map<number, PromptStats>();
  const tiedRowId = new Map<number, string>();
  for (const group of groups.values()) {
    const stats = computePromptStats(group.samples);
    if (group.sampleType === 'ref') refStats.set(group.promptId, stats);
    else {
      tiedStats.set(group.promptId, stats);
      tiedRowId.set(group.promptId, group.firstId);
    }
  }
  const accuracy = (stats: Map<number, PromptStats>): number => (stats.size ? mean([...stats.values()].map((s) => (s.accurate ? 1 : 0))) : 0);
  const refAccuracy = accuracy(refStats);
  const tiedAccuracy = accuracy(tiedStats);

  const pairs = [...refStats.keys()].filter((pid) => tiedStats.has(pid)).sort((a, b) => a - b);
  const preferred: number[] = [];
  const preferredHard: number[] = [];
  const margins: number[] = [];
  for (const pid of pairs) {
    const tied = tiedStats.get(pid) as PromptStats;
    const ref = refStats.get(pid) as PromptStats;
    const dcm = tied.differentCorrectMargin;
    if (dcm === null) {
      // The reference compares a float with None here and stops with a TypeError.
      throw badInput(`Ties row "${tiedRowId.get(pid)}" has a single correct completion, so the spread between correct answers is undefined; tied rows need at least two`, { item: `row ${tiedRowId.get(pid)}`, field: 'chosen' }, 'ties_single_correct');
    }
    const hardMargin = numpyMinimum(ref.correctIncorrectMargin, tied.correctIncorrectMargin);
    preferred.push(tied.correctIncorrectMargin > dcm ? 1 : 0);
    preferredHard.push(hardMargin > dcm ? 1 : 0);
    const margin = Math.tanh(hardMargin / dcm - 1);
    margins.push(Number.isNaN(margin) ? 0 : margin);
  }
  const correctnessPreferred = mean(preferred);
  const correctnessPreferredHard = mean(preferredHard);
  const marginScore = mean(margins);
  const score = 0.3 * tiedAccuracy + 0.3 * refAccuracy + 0.2 * correctnessPreferred + 0.2 * correctnessPreferredHard + 0.01 * marginScore;
  return { score, refAccuracy, tiedAccuracy, correctnessPreferred, correctnessPreferredHard, marginScore, refPrompts: refStats.size, tiedPrompts: tiedStats.size, pairs: pairs.length };
}
