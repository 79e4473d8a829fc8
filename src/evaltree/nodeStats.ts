import { badInput } from '../core/errors.js';
import { clopperPearson, type Interval } from '../core/stats/index.js';
import type { ResultVector } from './results.js';
import { mapTree, nodeSize, type CapabilityTree } from './tree.js';

/** Per-node performance: n instances, k successes out of `trials`, intervals keyed by String(alpha). */
export interface NodeStat {
  size: number;
  successes: number;
  trials: number;
  /** successes / trials (accuracy or win-rate). */
  rate: number;
  /** Clopper-Pearson intervals per alpha; null below the minimum size. */
  intervals: Record<string, Interval> | null;
}

export interface NodeStatsOptions {
  /** Interval levels, two-sided (default [0.01, 0.05] as released). */
  alphas?: number[];
  /** Nodes with fewer instances get no interval (default 5). */
  minSize?: number;
}

export const DEFAULT_ALPHAS = [0.01, 0.05];
export const DEFAULT_MIN_SIZE = 5;

/** Checks a list of interval levels (each in (0, 1)). */
export function checkAlphas(alphas: readonly number[]): void {
  if (alphas.length === 0) throw badInput('give at least one alpha', { field: 'alpha' });
  for (const a of alphas) if (!(typeof a === 'number' && a > 0 && a < 1)) throw badInput(`alpha must be in (0, 1), got ${a}`, { field: 'alpha' });
}

/**
 * Size, successes and Clopper-Pearson intervals of every node (indexed by node id), exactly as the
 * released `confidence_interval.json` computes them: intervals only for nodes of at least 5
 * instances; win-rate counts 2 trials per instance.
 */
export function computeNodeStats(tree: CapabilityTree, results: ResultVector, options: NodeStatsOptions = {}): NodeStat[] {
  const alphas = options.alphas ?? DEFAULT_ALPHAS;
  const minSize = options.minSize ?? DEFAULT_MIN_SIZE;
  checkAlphas(alphas);
  // Prefix sums over the preorder leaves give every subtree's successes in O(1).
  const prefix = new Float64Array(tree.leaves.length + 1);
  tree.leaves.forEach((instance, i) => (prefix[i + 1] = prefix[i]! + results.successes[instance]!));
  // Many small nodes share (k, n); intervals are the expensive part, so compute each once.
  const memo = new Map<string, Interval>();
  const interval = (k: number, n: number, alpha: number): Interval => {
    const key = `${k}/${n}/${alpha}`;
    let found = memo.get(key);
    if (!found) memo.set(key, (found = clopperPearson(k, n, alpha)));
    return found;
  };
  return tree.nodes.map((node) => {
    const size = nodeSize(node);
    const successes = prefix[node.leafEnd]! - prefix[node.leafStart]!;
    const trials = size * results.trialsPerInstance;
    const intervals = size < minSize ? null : Object.fromEntries(alphas.map((a) => [String(a), interval(successes, trials, a)]));
    return { size, successes, trials, rate: trials > 0 ? successes / trials : Number.NaN, intervals };
  });
}

/** The released `confidence_interval.json` shape: `{size, sum_metrics, subtrees, confidence_interval}`. */
export interface ConfidenceTreeJson {
  size: number;
  sum_metrics: number;
  subtrees: number | ConfidenceTreeJson[] | Record<string, ConfidenceTreeJson>;
  confidence_interval: Record<string, Interval> | null;
}

/** Nests per-node statistics in the tree's shape, as the released confidence-interval files. */
export function toConfidenceTree(tree: CapabilityTree, stats: readonly NodeStat[]): ConfidenceTreeJson {
  return mapTree(
    tree,
    (node) => ({ size: stats[node.id]!.size, sum_metrics: stats[node.id]!.successes }),
    (node) => ({ confidence_interval: stats[node.id]!.intervals }),
  ) as ConfidenceTreeJson;
}
