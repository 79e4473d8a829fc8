import { createPythonRandom } from '../../src/core/stats/index.js';

export interface HierarchicalBlobs {
  rows: Float64Array[];
  /** Top-level group of each instance (0..groups-1). */
  group: number[];
  /** Subgroup of each instance, numbered globally (0..groups*subgroups-1). */
  subgroup: number[];
}

/**
 * Embeddings with a known two-level structure: `groups` directions far apart, each with
 * `subgroups` nearer directions, plus small Gaussian noise. The right tree is root -> groups ->
 * subgroups; below that only noise remains.
 */
export function hierarchicalBlobs(options: { groups: number; subgroups: number; perSubgroup: number; dim?: number; seed?: number; noise?: number }): HierarchicalBlobs {
  const { groups, subgroups, perSubgroup } = options;
  const dim = options.dim ?? groups + groups * subgroups + 4;
  const rng = createPythonRandom(options.seed ?? 1);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
  const rows: Float64Array[] = [];
  const group: number[] = [];
  const subgroup: number[] = [];
  for (let g = 0; g < groups; g++) {
    for (let s = 0; s < subgroups; s++) {
      for (let i = 0; i < perSubgroup; i++) {
        const row = new Float64Array(dim);
        row[g] = 10;
        row[groups + g * subgroups + s] = 2.5;
        for (let d = 0; d < dim; d++) row[d]! += gauss() * (options.noise ?? 0.3);
        rows.push(row);
        group.push(g);
        subgroup.push(g * subgroups + s);
      }
    }
  }
  return { rows, group, subgroup };
}

/** Instances whose label is `value`, ascending. */
export function membersOf(labels: readonly number[], value: number): number[] {
  return labels.flatMap((l, i) => (l === value ? [i] : []));
}
