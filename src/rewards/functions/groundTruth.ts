import { badInput } from '../../core/errors.js';
import { gradeAnswer } from '../grader/index.js';
import type { RewardContext, RewardFunction, RewardItem, RewardResult } from '../types.js';

/** Multiple-choice labels switch to choice extraction, as the paper's verifier does for GPQA. */
const CHOICE = /^\(?([A-D])\)?$/;

/**
 * 1 if the answer in `response` equals `label`, else 0. Missing labels are errors, never a silent 0.
 * @example matchLabel({ prompt: 'p', response: '\\boxed{4}' }, '4', ctx).reward // 1
 */
export function matchLabel(item: RewardItem, label: string | null | undefined, context: RewardContext, field = 'label'): RewardResult {
  if (label === undefined || label === null || String(label).trim() === '') {
    throw badInput(`the item has no ${field}: this reward compares the response with a label`, { field }, 'missing_label');
  }
  const gold = String(label);
  const choice = CHOICE.exec(gold.trim());
  if (choice) {
    const found = extractChoice(item.response);
    return { reward: found === choice[1] ? 1 : 0, label: gold, extracted: found ?? '' };
  }
  const graded = gradeAnswer(gold, item.response, { mode: context.grader });
  return { reward: graded.equal ? 1 : 0, label: gold, extracted: graded.pred.extracted };
}

function extractChoice(response: string): string | undefined {
  const stated = /answer is:?\s*\(?([A-D])\)?/gi;
  let last: string | undefined;
  for (const m of response.matchAll(stated)) last = m[1]!.toUpperCase();
  if (last) return last;
  const boxed = /\\boxed\{\s*\(?([A-D])\)?\s*\}/g;
  for (const m of response.matchAll(boxed)) last = m[1];
  if (last) return last;
  const letters = response.match(/\b[A-D]\b/g);
  return letters ? letters[letters.length - 1] : undefined;
}

export const groundTruthReward: RewardFunction = {
  name: 'ground_truth',
  description: 'RLVR with the true answer: 1 if the extracted answer equals the label (the paper\'s `math` reward)',
  score: (item, context) => matchLabel(item, item.label, context),
};
