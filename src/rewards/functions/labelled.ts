import { badInput } from '../../core/errors.js';
import type { RewardFunction } from '../types.js';
import { matchLabel } from './groundTruth.js';

/**
 * Majority-vote label: the ground-truth reward against the most common answer of k samples from
 * the model itself (labelled offline by `lmscope rewards label-majority`). The label comes from
 * the labelled data file when one is loaded, else from the item.
 */
export const majorityReward: RewardFunction = {
  name: 'majority',
  description: 'Majority-vote label: 1 if the answer equals the most common answer of k samples of the model',
  score(item, context) {
    const known = context.lookup?.(item);
    return matchLabel(item, known?.majorityLabel ?? item.label, context, 'majority label');
  },
};

/**
 * Incorrect label: only prompts whose majority answer is wrong are kept, and matching that wrong
 * answer is rewarded. The label comes from the labelled data file (incorrect_label), else the item.
 */
export const incorrectReward: RewardFunction = {
  name: 'incorrect',
  description: 'Incorrect label: 1 if the answer equals the wrong majority answer (prompts whose majority answer is wrong)',
  score(item, context) {
    const known = context.lookup?.(item);
    if (known && known.majorityLabel && known.incorrectLabel === null) {
      throw badInput('this prompt\'s majority answer is correct, so it is not in the incorrect-label set: train only on prompts with a wrong majority answer', { item: known.id ?? item.promptId }, 'not_in_incorrect_set');
    }
    return matchLabel(item, known?.incorrectLabel ?? item.label, context, 'incorrect label');
  },
};

/** One-shot RL: the ground-truth reward on one example, replicated to fill batches. */
export const oneShotReward: RewardFunction = {
  name: 'one_shot',
  description: 'One-shot RL: the ground-truth reward on a single example replicated to fill every batch',
  score: (item, context) => matchLabel(item, context.oneShot?.answer ?? item.label, context, 'one-shot label'),
};

/**
 * The one-shot training set: the single example repeated `copies` times (with ids that count up,
 * so random rewards and logs keep the copies apart).
 */
export function replicateOneShot(example: { prompt: string; answer: string }, copies: number): { id: string; prompt: string; answer: string }[] {
  return Array.from({ length: copies }, (_, i) => ({ id: `one_shot_${i}`, prompt: example.prompt, answer: example.answer }));
}
