import { badInput } from '../core/errors.js';
import type { NodeStat } from './nodeStats.js';
import { nodeInstances, type CapabilityTree } from './tree.js';

/** `lower` finds weaknesses (upper bound < τ); `higher` finds strengths (lower bound > τ). */
export type Direction = 'lower' | 'higher';

export interface ExtractOptions {
  /** Interval level used for the node test (default 0.05); must be one the stats were computed at. */
  alpha?: number;
  /** Threshold τ. */
  tau: number;
  direction?: Direction;
  /** Children at least this large must pass the test too (default 20). */
  minChildSize?: number;
}

export const DEFAULT_MIN_CHILD_SIZE = 20;

/** One entry of a weakness (or strength) profile, in the released file's shape. */
export interface ProfileEntry {
  capability: string;
  instances: number[];
}

/** Whether a node's interval puts it below (or above) τ; false when it has no interval. */
export function passesNodeTest(stat: NodeStat, alphaKey: string, tau: number, direction: Direction): boolean {
  const interval = stat.intervals?.[alphaKey];
  if (!interval) return false;
  return direction === 'lower' ? interval[1] < tau : interval[0] > tau;
}

function checkAlphaKey(stats: readonly NodeStat[], alpha: number): string {
  const key = String(alpha);
  const withInterval = stats.find((s) => s.intervals !== null);
  if (withInterval && !(key in withInterval.intervals!)) {
    throw badInput(`no intervals at alpha ${alpha}; computed at ${Object.keys(withInterval.intervals!).join(', ')}`, { field: 'alpha' }, 'bad_alpha');
  }
  return key;
}

/**
 * Ids of the extracted nodes, top-down in preorder: a node is extracted when no ancestor was, it has
 * an interval, it passes the node test, and so does every child of at least `minChildSize`
 * instances. Otherwise the search goes on in its children.
 */
export function extractNodes(tree: CapabilityTree, stats: readonly NodeStat[], options: ExtractOptions): number[] {
  const { tau } = options;
  if (typeof tau !== 'number' || !Number.isFinite(tau)) throw badInput(`tau must be a number, got ${tau}`, { field: 'tau' });
  const direction = options.direction ?? 'lower';
  const minChild = options.minChildSize ?? DEFAULT_MIN_CHILD_SIZE;
  const key = checkAlphaKey(stats, options.alpha ?? 0.05);
  const extracted: number[] = [];
  const visit = (id: number): void => {
    const node = tree.nodes[id]!;
    if (passesNodeTest(stats[id]!, key, tau, direction)) {
      const childFails = node.children.some((c) => stats[c]!.size >= minChild && !passesNodeTest(stats[c]!, key, tau, direction));
      if (!childFails) {
        extracted.push(id);
        return; // descendants of an extracted node are never extracted
      }
    }
    for (const child of node.children) visit(child);
  };
  visit(0);
  return extracted;
}

/**
 * The weakness profile at τ: each extracted node's description with its instances, as the released
 * `..._[with-instances].json` files.
 *
 * @example extractProfile(tree, computeNodeStats(tree, results), { alpha: 0.05, tau: 0.4 })
 */
export function extractProfile(tree: CapabilityTree, stats: readonly NodeStat[], options: ExtractOptions): ProfileEntry[] {
  return extractNodes(tree, stats, options).map((id) => ({ capability: tree.nodes[id]!.description, instances: nodeInstances(tree, id) }));
}
