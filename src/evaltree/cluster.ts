import { badInput } from '../core/errors.js';
import { kmeans, type Matrix } from './kmeans.js';
import { cosineSilhouette, normalizeRows } from './silhouette.js';
import type { TreeNodeJson } from './tree.js';

export interface ClusterOptions {
  /** Largest k tried at a node (default 10). */
  maxChildren?: number;
  /** Seed of every K-Means run (default 42). */
  seed?: number;
  /** Called as instances settle into leaves, with the count so far. */
  onProgress?: (settled: number) => void;
}

/** Why a node came out as it did: for tests and for the build report. */
export interface ClusterStep {
  size: number;
  /** Silhouette per k tried (index 0 is k = 2); empty for pairs and singletons. */
  silhouettes: number[];
  /** The k picked, or 0 for a flat node. */
  chosenK: number;
}

export interface ClusterResult {
  /** The tree without descriptions: `{subtrees}` nested as the released trees. */
  tree: TreeNodeJson;
  steps: ClusterStep[];
}

/**
 * Recursive K-Means over capability embeddings, as the released build: at each node try
 * k = 2..min(maxChildren, n - 1), score each by cosine silhouette, keep the best (ties to the
 * smaller k), and recurse into its non-empty clusters. Pairs become flat nodes; so does a node whose
 * K-Means collapses to one label or whose best silhouette is <= 0.
 *
 * @param embeddings one row per instance index (rows of instances not in `instances` are unused)
 * @param instances the instance indices to organise (e.g. a split)
 */
export function buildClusterTree(embeddings: Matrix, instances: readonly number[], options: ClusterOptions = {}): ClusterResult {
  const maxChildren = options.maxChildren ?? 10;
  const seed = options.seed ?? 42;
  if (!Number.isInteger(maxChildren) || maxChildren < 2) throw badInput(`maxChildren must be an integer >= 2, got ${maxChildren}`, { field: 'maxChildren' });
  if (instances.length === 0) throw badInput('no instances to cluster', { field: 'instances' });
  const dim = embeddings[instances[0]!]?.length ?? 0;
  for (const i of instances) {
    const row = embeddings[i];
    if (!row) throw badInput(`no embedding for instance ${i} (have ${embeddings.length})`, { item: `instance ${i}` }, 'size_mismatch');
    if (row.length !== dim || dim === 0) throw badInput(`embedding of instance ${i} has ${row.length} dimensions, expected ${dim}`, { item: `instance ${i}` }, 'bad_embedding');
  }
  const steps: ClusterStep[] = [];
  let settled = 0;
  const settle = (count: number): void => {
    settled += count;
    options.onProgress?.(settled);
  };

  const flat = (members: readonly number[], step: ClusterStep): TreeNodeJson => {
    steps.push(step);
    settle(members.length);
    return { subtrees: [...members] };
  };

  const build = (members: readonly number[]): TreeNodeJson => {
    if (members.length === 1) {
      settle(1);
      return members[0]!;
    }
    if (members.length === 2) return flat(members, { size: 2, silhouettes: [], chosenK: 0 });
    const points = members.map((i) => embeddings[i]!);
    const unit = normalizeRows(points);
    const silhouettes: number[] = [];
    const labelings: Int32Array[] = [];
    for (let k = 2; k <= Math.min(maxChildren, members.length - 1); k++) {
      const { labels } = kmeans(points, k, { seed });
      if (labels.every((l) => l === 0)) return flat(members, { size: members.length, silhouettes, chosenK: 0 });
      labelings.push(labels);
      silhouettes.push(cosineSilhouette(unit, labels));
    }
    let best = 0;
    for (let i = 1; i < silhouettes.length; i++) if (silhouettes[i]! > silhouettes[best]!) best = i;
    if (!(silhouettes[best]! > 0)) return flat(members, { size: members.length, silhouettes, chosenK: 0 });
    const labels = labelings[best]!;
    const clusters = new Map<number, number[]>();
    members.forEach((instance, i) => {
      const list = clusters.get(labels[i]!) ?? [];
      list.push(instance);
      clusters.set(labels[i]!, list);
    });
    if (clusters.size === 1) return flat(members, { size: members.length, silhouettes, chosenK: 0 });
    steps.push({ size: members.length, silhouettes, chosenK: best + 2 });
    const subtrees: Record<string, TreeNodeJson> = {};
    for (const cluster of [...clusters.keys()].sort((a, b) => a - b)) subtrees[String(cluster)] = build(clusters.get(cluster)!);
    return { subtrees };
  };

  return { tree: build(instances), steps };
}
