import { badInput } from '../core/errors.js';

/** GRPO's denominator guard (OpenRLHF group_norm). */
export const ADVANTAGE_EPS = 1e-9;

export interface GroupAdvantages {
  advantages: number[];
  /** Per group: mean, std and whether every reward was equal (then every advantage is 0). */
  groups: { mean: number; std: number; degenerate: boolean }[];
}

/**
 * Group-relative advantages as GRPO computes them (OpenRLHF `group_norm`): within each group of
 * `groupSize` consecutive rewards, (r - mean) / (std + 1e-9), where std is the unbiased (N - 1)
 * estimator (torch.std's default). A group of one has std 0, so its advantage is 0.
 * @example groupAdvantages([1, 0, 0, 0], 4).advantages // [1.5, -0.5, -0.5, -0.5]
 */
export function groupAdvantages(rewards: number[], groupSize: number, eps = ADVANTAGE_EPS): GroupAdvantages {
  if (!Number.isInteger(groupSize) || groupSize < 1) throw badInput(`group size must be a whole number >= 1, got ${groupSize}`, { field: 'groupSize' });
  if (rewards.length % groupSize !== 0) {
    throw badInput(`${rewards.length} rewards do not split into groups of ${groupSize}: send whole groups (prompts x samples)`, { field: 'groupSize' });
  }
  const advantages: number[] = [];
  const groups: GroupAdvantages['groups'] = [];
  for (let start = 0; start < rewards.length; start += groupSize) {
    const group = rewards.slice(start, start + groupSize);
    const mean = group.reduce((a, b) => a + b, 0) / group.length;
    const variance = group.length > 1 ? group.reduce((a, r) => a + (r - mean) ** 2, 0) / (group.length - 1) : 0;
    const std = Math.sqrt(variance);
    groups.push({ mean, std, degenerate: std === 0 });
    for (const r of group) advantages.push((r - mean) / (std + eps));
  }
  return { advantages, groups };
}
