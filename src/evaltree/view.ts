import { badInput, LmscopeError } from '../core/errors.js';
import { computeNodeStats } from './nodeStats.js';
import { extractNodes, type Direction } from './profile.js';
import { checkCoverage, type ResultKind, type ResultVector } from './results.js';
import type { CapabilityTree } from './tree.js';

/** A node as the explorer page needs it. */
export interface ExplorerNode {
  id: number;
  parent: number;
  depth: number;
  description: string;
  size: number;
  children: number[];
  /** Instance index of a leaf; -1 otherwise. */
  instance: number;
  /** Instances under the node are `leaves.slice(leafStart, leafEnd)`. */
  leafStart: number;
  leafEnd: number;
}

/** One model's numbers on the shared tree, as arrays indexed by node id. */
export interface ExplorerModel {
  name: string;
  kind: ResultKind;
  successes: number[];
  trials: number[];
  /** Interval bounds at the view's alpha; null for nodes below the minimum size. */
  lower: (number | null)[];
  upper: (number | null)[];
  /** Extracted weakness nodes at the view's τ, in preorder. */
  profile: number[];
  /** Successes per instance (0/1, or 0..2 for win-rate), indexed by instance. */
  instanceSuccesses: number[];
}

export interface ExplorerView {
  alpha: number;
  tau: number;
  direction: Direction;
  minChildSize: number;
  nodes: ExplorerNode[];
  leaves: number[];
  models: ExplorerModel[];
}

export interface ExplorerOptions {
  alpha?: number;
  tau?: number;
  direction?: Direction;
  minChildSize?: number;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Everything the explorer page draws: the tree once, and per model its node counts, intervals and
 * weakness profile. Several models share one tree, so they can be compared node by node.
 */
export function buildExplorerView(tree: CapabilityTree, models: { name: string; results: ResultVector }[], split: number[] | undefined, options: ExplorerOptions = {}): ExplorerView {
  const alpha = options.alpha ?? 0.05;
  const tau = options.tau ?? 0.4;
  const direction = options.direction ?? 'lower';
  const minChildSize = options.minChildSize ?? 20;
  if (models.length === 0) throw badInput('give at least one model\'s results', { field: 'results' });
  const names = new Set<string>();
  const viewModels = models.map(({ name, results }) => {
    if (names.has(name)) throw badInput(`model "${name}" is given twice`, { field: 'results', item: name });
    names.add(name);
    try {
      checkCoverage(tree, results, split);
    } catch (error) {
      if (LmscopeError.isInstance(error)) throw new LmscopeError(error.code, `model "${name}": ${error.message}`, { where: { ...error.where, item: name }, status: error.status });
      throw error;
    }
    const stats = computeNodeStats(tree, results, { alphas: [alpha] });
    const key = String(alpha);
    return {
      name,
      kind: results.kind,
      successes: stats.map((s) => s.successes),
      trials: stats.map((s) => s.trials),
      lower: stats.map((s) => (s.intervals ? round(s.intervals[key]![0]) : null)),
      upper: stats.map((s) => (s.intervals ? round(s.intervals[key]![1]) : null)),
      profile: extractNodes(tree, stats, { alpha, tau, direction, minChildSize }),
      instanceSuccesses: Array.from(results.successes),
    };
  });
  const nodes = tree.nodes.map((n) => ({ id: n.id, parent: n.parent, depth: n.depth, description: n.description, size: n.leafEnd - n.leafStart, children: n.children, instance: n.instance, leafStart: n.leafStart, leafEnd: n.leafEnd }));
  return { alpha, tau, direction, minChildSize, nodes, leaves: tree.leaves, models: viewModels };
}
