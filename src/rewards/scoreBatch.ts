import { badInput, LmscopeError, type SerializedError } from '../core/errors.js';
import { groupAdvantages, type GroupAdvantages } from './advantages.js';
import { promptHash } from './functions/hash.js';
import { resolveReward } from './registry.js';
import type { RewardContext, RewardItem, RewardResult } from './types.js';

export interface BatchScore {
  reward: string;
  rewards: number[];
  results: RewardResult[];
  /** Items that could not be scored (their reward is 0 and `results[i].error` says why). */
  failures: number;
  /** Present when a group size was given: GRPO advantages over consecutive groups. */
  advantages?: GroupAdvantages;
}

/**
 * Scores a batch with one reward. Items that cannot be scored (a missing label, a prompt outside
 * the labelled set) get reward 0 with an error and are counted, so no zero is silent. Responses
 * to the same prompt get sample indices 0, 1, 2, ... in batch order unless they carry their own.
 */
export function scoreBatch(rewardName: string, items: RewardItem[], context: RewardContext, options: { groupSize?: number } = {}): BatchScore {
  const reward = resolveReward(rewardName);
  const seen = new Map<string, number>();
  const results = items.map((item): RewardResult => {
    const promptId = item.promptId ?? promptHash(item.prompt);
    const occurrence = seen.get(promptId) ?? 0;
    seen.set(promptId, occurrence + 1);
    try {
      return reward.score({ ...item, promptId, sampleIndex: item.sampleIndex ?? occurrence }, context);
    } catch (error) {
      return { reward: 0, error: toItemError(error) };
    }
  });
  const rewards = results.map((r) => r.reward);
  const batch: BatchScore = { reward: reward.name, rewards, results, failures: results.filter((r) => r.error).length };
  if (options.groupSize !== undefined) batch.advantages = groupAdvantages(rewards, options.groupSize);
  return batch;
}

function toItemError(error: unknown): SerializedError {
  if (LmscopeError.isInstance(error)) return error.toJSON();
  return { code: 'reward_failed', message: error instanceof Error ? error.message : String(error) };
}

/** Validates loosely typed items (from JSON) into RewardItems, naming the first bad field. */
export function parseRewardItems(raw: unknown, where: { file?: string; field?: string } = {}): RewardItem[] {
  if (!Array.isArray(raw)) throw badInput('"items" must be an array of {prompt, response, label}', { ...where, field: where.field ?? 'items' });
  return raw.map((value, i) => parseRewardItem(value, { ...where, item: `items[${i}]` }));
}

export function parseRewardItem(value: unknown, where: { file?: string; line?: number; item?: string } = {}): RewardItem {
  if (typeof value !== 'object' || value === null) throw badInput('each item must be an object {prompt, response, label}', where);
  const v = value as Record<string, unknown>;
  if (typeof v.response !== 'string') throw badInput('"response" must be a string', { ...where, field: 'response' });
  if (v.prompt !== undefined && typeof v.prompt !== 'string') throw badInput('"prompt" must be a string', { ...where, field: 'prompt' });
  if (v.label !== undefined && v.label !== null && typeof v.label !== 'string' && typeof v.label !== 'number') {
    throw badInput('"label" must be a string or a number', { ...where, field: 'label' });
  }
  const sampleIndex = v.sampleIndex ?? v.sample_index;
  if (sampleIndex !== undefined && (!Number.isInteger(sampleIndex) || (sampleIndex as number) < 0)) {
    throw badInput('"sampleIndex" must be a whole number >= 0', { ...where, field: 'sampleIndex' });
  }
  const promptId = v.promptId ?? v.prompt_id ?? v.id;
  return {
    prompt: (v.prompt as string | undefined) ?? '',
    response: v.response,
    label: v.label === undefined || v.label === null ? (v.label as null | undefined) : String(v.label),
    ...(promptId !== undefined ? { promptId: String(promptId) } : {}),
    ...(sampleIndex !== undefined ? { sampleIndex: sampleIndex as number } : {}),
  };
}
