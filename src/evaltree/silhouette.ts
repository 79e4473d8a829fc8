import type { Matrix } from './kmeans.js';

/** Rows scaled to unit length (zero rows stay zero, as scikit-learn's `normalize`). */
export function normalizeRows(points: Matrix): Float64Array[] {
  return points.map((p) => {
    let norm = 0;
    for (const v of p) norm += v * v;
    norm = Math.sqrt(norm);
    return norm > 0 ? p.map((v) => v / norm) : Float64Array.from(p);
  });
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Mean silhouette coefficient under the cosine distance (1 - cos), as scikit-learn's
 * `silhouette_score(X, labels, metric="cosine")`; points in singleton clusters score 0.
 *
 * The cosine distance is linear in the unit vectors, so a point's summed distance to a cluster
 * is |C| - u·(sum of the cluster's unit vectors): O(n k d) instead of an n x n distance matrix.
 * `unit` must come from `normalizeRows`.
 */
export function cosineSilhouette(unit: Matrix, labels: Int32Array): number {
  const n = unit.length;
  const dim = unit[0]!.length;
  let k = 0;
  for (const l of labels) k = Math.max(k, l + 1);
  const counts = new Int32Array(k);
  const sums = Array.from({ length: k }, () => new Float64Array(dim));
  unit.forEach((u, i) => {
    const c = labels[i]!;
    counts[c]!++;
    const s = sums[c]!;
    for (let d = 0; d < dim; d++) s[d]! += u[d]!;
  });
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = labels[i]!;
    if (counts[own]! <= 1) continue; // singleton: s(i) = 0
    const u = unit[i]!;
    const selfDistance = 1 - dot(u, u); // 0 for a unit vector, 1 for a zero row; excluded from a(i)
    const a = (counts[own]! - dot(u, sums[own]!) - selfDistance) / (counts[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || counts[c] === 0) continue;
      b = Math.min(b, (counts[c]! - dot(u, sums[c]!)) / counts[c]!);
    }
    if (!Number.isFinite(b)) continue;
    const denominator = Math.max(a, b);
    if (denominator > 0) total += (b - a) / denominator;
  }
  return total / n;
}
