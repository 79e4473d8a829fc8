import { badInput } from '../core/errors.js';
import { formatReward } from './functions/format.js';
import { groundTruthReward } from './functions/groundTruth.js';
import { incorrectReward, majorityReward, oneShotReward } from './functions/labelled.js';
import { pythonBlockReward, pythonMentionReward } from './functions/python.js';
import { randomReward } from './functions/random.js';
import type { RewardFunction } from './types.js';

/** The reward family of "Spurious Rewards" (plus the paper's code-inducing rewards), by name. */
const REWARDS: readonly RewardFunction[] = [groundTruthReward, majorityReward, formatReward, randomReward, incorrectReward, oneShotReward, pythonBlockReward, pythonMentionReward];

export const REWARD_NAMES = REWARDS.map((r) => r.name);

/** Every named reward with its description (combinators are described in `resolveReward`). */
export function listRewards(): { name: string; description: string }[] {
  return REWARDS.map(({ name, description }) => ({ name, description }));
}

/**
 * Finds a reward by name. Also accepts the paper's combinators: `inverse_<name>` (1 - r) and
 * `<a>_AND_<b>` (1 iff every part is 1), e.g. `inverse_format`, `ground_truth_AND_format`.
 * @example resolveReward('random').score({ prompt: 'q', response: 'r', sampleIndex: 3 }, ctx)
 */
export function resolveReward(name: string): RewardFunction {
  const base = REWARDS.find((r) => r.name === name);
  if (base) return base;
  if (name.includes('_AND_')) {
    const parts = name.split('_AND_').map(resolveReward);
    return {
      name,
      description: `1 iff all of ${parts.map((p) => p.name).join(', ')} are 1`,
      score(item, context) {
        const results = parts.map((p) => p.score(item, context));
        return { ...results[0], reward: results.every((r) => r.reward === 1) ? 1 : 0 };
      },
    };
  }
  if (name.startsWith('inverse_')) {
    const inner = resolveReward(name.slice('inverse_'.length));
    return {
      name,
      description: `1 - (${inner.description})`,
      score(item, context) {
        const result = inner.score(item, context);
        return { ...result, reward: 1 - result.reward };
      },
    };
  }
  throw badInput(`unknown reward "${name}": use one of ${REWARD_NAMES.join(', ')}, or inverse_<name>, or <a>_AND_<b>`, { field: 'reward' }, 'unknown_reward');
}
