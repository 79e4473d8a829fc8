import { badInput } from '../../core/errors.js';
import type { RewardFunction } from '../types.js';
import { promptHash, seededUniform } from './hash.js';

/**
 * Bernoulli(γ) reward, independent of the response. The paper draws with an unseeded
 * random.random(); here the draw is a hash of (seed, prompt id, sample index), so runs replay.
 */
export const randomReward: RewardFunction = {
  name: 'random',
  description: 'Random: 1 with probability γ (default 0.5), independent of the response; replayable from (seed, prompt, sample)',
  score(item, context) {
    const p = context.probability;
    if (!(p >= 0 && p <= 1)) throw badInput(`the random reward's probability must be in [0, 1], got ${p}`, { field: 'probability' });
    const sample = item.sampleIndex ?? 0;
    if (!Number.isInteger(sample) || sample < 0) throw badInput(`sampleIndex must be a whole number >= 0, got ${sample}`, { field: 'sampleIndex' });
    const u = seededUniform(context.seed, item.promptId ?? promptHash(item.prompt), sample);
    return { reward: u < p ? 1 : 0 };
  },
};
