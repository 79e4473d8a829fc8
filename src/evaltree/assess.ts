import { badInput } from '../core/errors.js';
import type { ResultVector } from './results.js';

/** The released association cache: description -> per-instance "YES" / "NO" / null. */
export type Associations = Record<string, readonly (string | null)[]>;

/** A(w): the instances labelled YES for a description, within `range` (all instances if omitted). */
export function associatedInstances(associations: Associations, description: string, range?: readonly number[]): Set<number> {
  const labels = associations[description];
  if (!labels) throw badInput(`no association labels for "${description.slice(0, 80)}"; label it first`, { item: description.slice(0, 80) }, 'missing_association');
  const indices = range ?? labels.map((_, i) => i);
  const out = new Set<number>();
  for (const i of indices) {
    const label = labels[i];
    if (typeof label !== 'string') throw badInput(`association of instance ${i} with "${description.slice(0, 80)}" is missing`, { item: `instance ${i}` }, 'missing_association');
    if (label === 'YES') out.add(i);
  }
  return out;
}

/** F(S): accuracy (or win-rate, 2 trials per instance) over a set of instances; 1.0 for an empty set. */
export function performanceOn(results: ResultVector, instances: Iterable<number>): number {
  let successes = 0;
  let trials = 0;
  for (const i of instances) {
    successes += results.successes[i]!;
    trials += results.trialsPerInstance;
  }
  return trials ? successes / trials : 1;
}

export interface LowPerformancePoint {
  size: number;
  /** Mean over the profile's weaknesses of F(A(w)). */
  meanPerformance: number;
  /** |∪ A(w)| and F(∪ A(w)). */
  unionSize: number;
  unionPerformance: number;
}

export interface LowPerformanceResult {
  points: LowPerformancePoint[];
  /** Metric 1: min over profiles of each size (sizes up to maxProfileSize). */
  bySize: { size: number; value: number }[];
  /** Metric 2: min over profiles of each union size. */
  byUnionSize: { size: number; value: number }[];
}

/**
 * Low-performance identification: how weak the instances associated with each profile are, on
 * `range` (the held-out instances). Lower is better for both metrics.
 */
export function assessLowPerformance(profiles: readonly (readonly string[])[], associations: Associations, results: ResultVector, range: readonly number[], maxProfileSize = 20): LowPerformanceResult {
  const points = profiles.filter((p) => p.length > 0).map((profile) => {
    const union = new Set<number>();
    let sum = 0;
    for (const w of profile) {
      const set = associatedInstances(associations, w, range);
      set.forEach((i) => union.add(i));
      sum += performanceOn(results, set);
    }
    return { size: profile.length, meanPerformance: sum / profile.length, unionSize: union.size, unionPerformance: performanceOn(results, union) };
  });
  const minBy = (key: (p: LowPerformancePoint) => number, value: (p: LowPerformancePoint) => number, keep: (p: LowPerformancePoint) => boolean) => {
    const best = new Map<number, number>();
    for (const p of points) if (keep(p)) best.set(key(p), Math.min(best.get(key(p)) ?? Infinity, value(p)));
    return [...best.entries()].sort((a, b) => a[0] - b[0]).map(([size, value]) => ({ size, value }));
  };
  return {
    points,
    bySize: minBy((p) => p.size, (p) => p.meanPerformance, (p) => p.size <= maxProfileSize),
    byUnionSize: minBy((p) => p.unionSize, (p) => p.unionPerformance, () => true),
  };
}

/** The paper's "at least x" curves: for each x, the minimum value over all entries with size >= x. */
export function minimumFromSize(curve: readonly { size: number; value: number }[]): { size: number; value: number }[] {
  const sorted = [...curve].sort((a, b) => a.size - b.size);
  let running = Infinity;
  const out = new Array<{ size: number; value: number }>(sorted.length);
  for (let i = sorted.length - 1; i >= 0; i--) {
    running = Math.min(running, sorted[i]!.value);
    out[i] = { size: sorted[i]!.size, value: running };
  }
  return out;
}

export interface GroundTruthScores {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Ground-truth assessment: recall = mean over true weaknesses g of |A(g) ∩ ∪A(pred)| / |A(g)|;
 * precision = mean over predicted w of |A(w) ∩ ∪A(truth)| / |A(w)| (an empty A counts as 0).
 */
export function scoreAgainstTruth(predicted: readonly Set<number>[], truth: readonly Set<number>[]): GroundTruthScores {
  const union = (sets: readonly Set<number>[]): Set<number> => {
    const u = new Set<number>();
    for (const s of sets) s.forEach((i) => u.add(i));
    return u;
  };
  const coverage = (sets: readonly Set<number>[], other: Set<number>): number => {
    if (sets.length === 0) return 0;
    let sum = 0;
    for (const s of sets) {
      let hit = 0;
      s.forEach((i) => (hit += other.has(i) ? 1 : 0));
      sum += s.size ? hit / s.size : 0;
    }
    return sum / sets.length;
  };
  const precision = coverage(predicted, union(truth));
  const recall = coverage(truth, union(predicted));
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}
