import { badInput } from '../core/errors.js';
import { GRADER_MODES, type GraderMode } from './grader/index.js';
import { loadLabelIndex, type LabelIndex } from './labelData.js';
import { resolveReward } from './registry.js';
import { DEFAULT_REWARD_CONTEXT, type RewardContext } from './types.js';

/** Settings of a reward server or a scoring run, as given on the command line or in a request. */
export interface RewardSettings {
  reward?: string;
  data?: string;
  seed?: number;
  probability?: number;
  grader?: string;
  style?: string;
}

/** A validated configuration: the default reward (if any), the context, and the loaded labels. */
export interface RewardConfig {
  reward?: string;
  context: RewardContext;
  labels?: LabelIndex;
}

/** Checks settings and loads the labelled data file, so a server fails at start, not on the first request. */
export async function loadRewardConfig(settings: RewardSettings): Promise<RewardConfig> {
  if (settings.reward !== undefined) resolveReward(settings.reward);
  const labels = settings.data ? await loadLabelIndex(settings.data) : undefined;
  const context = contextWith(
    {
      ...DEFAULT_REWARD_CONTEXT,
      ...(labels ? { lookup: labels.lookup } : {}),
      ...(settings.reward === 'one_shot' && labels?.first?.answer ? { oneShot: { prompt: labels.first.prompt, answer: labels.first.answer } } : {}),
    },
    settings,
  );
  return { reward: settings.reward, context, labels };
}

/** A context with per-request overrides (seed, probability, grader, style), each checked. */
export function contextWith(base: RewardContext, overrides: RewardSettings): RewardContext {
  const context = { ...base };
  if (overrides.seed !== undefined) {
    if (!Number.isInteger(overrides.seed)) throw badInput(`seed must be a whole number, got ${overrides.seed}`, { field: 'seed' });
    context.seed = overrides.seed;
  }
  if (overrides.probability !== undefined) {
    if (!(typeof overrides.probability === 'number' && overrides.probability >= 0 && overrides.probability <= 1)) {
      throw badInput(`probability must be a number in [0, 1], got ${overrides.probability}`, { field: 'probability' });
    }
    context.probability = overrides.probability;
  }
  if (overrides.grader !== undefined) {
    if (!(GRADER_MODES as readonly string[]).includes(overrides.grader)) throw badInput(`grader must be one of ${GRADER_MODES.join(', ')}, got "${overrides.grader}"`, { field: 'grader' });
    context.grader = overrides.grader as GraderMode;
  }
  if (overrides.style !== undefined) {
    if (overrides.style !== 'boxed' && overrides.style !== 'r1') throw badInput(`style must be boxed or r1, got "${overrides.style}"`, { field: 'style' });
    context.style = overrides.style;
  }
  return context;
}
