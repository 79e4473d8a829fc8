import { badInput } from '../core/errors.js';
import { createPythonRandom } from '../core/stats/index.js';
import type { ResultKind } from './results.js';

export interface SyntheticOptions {
  /** Probability of success with no weakness (default 0.7). */
  base?: number;
  /** Factor applied per ground-truth weakness the instance has (0.2, 0.4 or 0.5 in the paper). */
  decay: number;
  /** Seed of the draws (default 0; Python-compatible, as released). */
  seed?: number;
  kind?: ResultKind;
}

/** Per instance, how many of the given weaknesses it is associated with (labels "YES"). */
export function countWeaknesses(labelsPerWeakness: readonly (readonly (string | null | boolean)[])[]): number[] {
  if (labelsPerWeakness.length === 0) throw badInput('give at least one ground-truth weakness', { field: 'truth' });
  const total = labelsPerWeakness[0]!.length;
  const counts = new Array<number>(total).fill(0);
  labelsPerWeakness.forEach((labels, w) => {
    if (labels.length !== total) throw badInput(`weakness ${w} has labels for ${labels.length} instances, the first has ${total}`, { item: `weakness ${w}` }, 'size_mismatch');
    labels.forEach((label, i) => {
      if (label === 'YES' || label === true) counts[i]!++;
    });
  });
  return counts;
}

/**
 * The paper's synthetic results: instance i succeeds with probability base x decay^m(i), where m(i)
 * counts its ground-truth weaknesses. Draws replay CPython's `random.choices` after `seed(seed)`, in
 * instance order, so with the same association labels the released files come out draw for draw.
 * Win-rate draws two verdicts per instance (1 = success, 2 = failure).
 */
export function generateSyntheticResults(weaknessCounts: readonly number[], options: SyntheticOptions): (number | [number, number])[] {
  const base = options.base ?? 0.7;
  const { decay } = options;
  if (!(base >= 0 && base <= 1)) throw badInput(`base must be in [0, 1], got ${base}`, { field: 'base' });
  if (!(decay >= 0 && decay <= 1)) throw badInput(`decay must be in [0, 1], got ${decay}`, { field: 'decay' });
  const rng = createPythonRandom(options.seed ?? 0);
  return weaknessCounts.map((m) => {
    const p = base * decay ** m;
    if (options.kind === 'win-rate') return [rng.choice([1, 2], [p, 1 - p]), rng.choice([1, 2], [p, 1 - p])] as [number, number];
    return rng.choice([1, 0], [p, 1 - p]);
  });
}
