import { createPythonRandom, type PythonRandom } from '../core/stats/index.js';

/** Vectors as rows; all of one dimension. */
export type Matrix = readonly Float64Array[];

export interface KMeansOptions {
  /** Seed of the k-means++ draws (default 42, the released random_state). */
  seed?: number;
  /** Lloyd iterations at most (default 300, as scikit-learn). */
  maxIter?: number;
  /** Convergence when centres move less than tol x the mean feature variance (default 1e-4). */
  tol?: number;
}

export interface KMeansResult {
  labels: Int32Array;
  centroids: Float64Array[];
  /** Sum of squared distances of points to their centres. */
  inertia: number;
  iterations: number;
}

function squaredDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return s;
}

/** Greedy k-means++ seeding as scikit-learn: 2 + ln(k) candidates per centre, keep the best potential. */
function seedCentroids(points: Matrix, k: number, rng: PythonRandom): Float64Array[] {
  const n = points.length;
  const trials = 2 + Math.floor(Math.log(k));
  const centroids = [Float64Array.from(points[rng.randbelow(n)]!)];
  const closest = points.map((p) => squaredDistance(p, centroids[0]!));
  let potential = closest.reduce((s, v) => s + v, 0);
  while (centroids.length < k) {
    const cumulative = new Float64Array(n);
    let running = 0;
    for (let i = 0; i < n; i++) cumulative[i] = running += closest[i]!;
    let best = -1;
    let bestPotential = Infinity;
    let bestDistances: number[] = closest;
    for (let t = 0; t < trials; t++) {
      const target = rng.random() * potential;
      let candidate = lowerBound(cumulative, target);
      if (candidate >= n) candidate = n - 1;
      const distances = points.map((p, i) => Math.min(closest[i]!, squaredDistance(p, points[candidate]!)));
      const total = distances.reduce((s, v) => s + v, 0);
      if (total < bestPotential) {
        best = candidate;
        bestPotential = total;
        bestDistances = distances;
      }
    }
    centroids.push(Float64Array.from(points[best]!));
    for (let i = 0; i < n; i++) closest[i] = bestDistances[i]!;
    potential = bestPotential;
  }
  return centroids;
}

/** First index whose cumulative value is >= target (numpy's searchsorted, side "left"). */
function lowerBound(sorted: Float64Array, target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function assign(points: Matrix, centroids: Float64Array[], labels: Int32Array, distances: Float64Array): boolean {
  let changed = false;
  for (let i = 0; i < points.length; i++) {
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0; c < centroids.length; c++) {
      const d = squaredDistance(points[i]!, centroids[c]!);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (labels[i] !== best) changed = true;
    labels[i] = best;
    distances[i] = bestDistance;
  }
  return changed;
}

function meanFeatureVariance(points: Matrix): number {
  const dim = points[0]!.length;
  let total = 0;
  for (let d = 0; d < dim; d++) {
    let mean = 0;
    for (const p of points) mean += p[d]!;
    mean /= points.length;
    for (const p of points) total += (p[d]! - mean) ** 2;
  }
  return total / (points.length * dim);
}

/**
 * Euclidean k-means: greedy k-means++ seeding, then Lloyd iterations; an empty cluster is moved to
 * the point farthest from its centre. Deterministic for a given seed.
 *
 * @example kmeans(rows, 3, { seed: 42 }).labels
 */
export function kmeans(points: Matrix, k: number, options: KMeansOptions = {}): KMeansResult {
  const n = points.length;
  if (k < 1 || k > n) throw new RangeError(`k must be in [1, ${n}], got ${k}`);
  const rng = createPythonRandom(options.seed ?? 42);
  const maxIter = options.maxIter ?? 300;
  const tolerance = (options.tol ?? 1e-4) * meanFeatureVariance(points);
  const dim = points[0]!.length;
  let centroids = seedCentroids(points, k, rng);
  const labels = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    const changed = assign(points, centroids, labels, distances);
    if (!changed && iterations > 1) break;
    const sums = Array.from({ length: k }, () => new Float64Array(dim));
    const counts = new Int32Array(k);
    points.forEach((p, i) => {
      const c = labels[i]!;
      counts[c]!++;
      const s = sums[c]!;
      for (let d = 0; d < dim; d++) s[d]! += p[d]!;
    });
    const taken = new Set<number>();
    const next = sums.map((s, c) => {
      if (counts[c]! > 0) return s.map((v) => v / counts[c]!);
      // Relocate an empty cluster to the worst-served point, as scikit-learn does.
      let far = -1;
      for (let i = 0; i < n; i++) if (!taken.has(i) && (far < 0 || distances[i]! > distances[far]!)) far = i;
      taken.add(far);
      return Float64Array.from(points[far]!);
    });
    const shift = next.reduce((s, c, i) => s + squaredDistance(c, centroids[i]!), 0);
    centroids = next;
    if (shift <= tolerance) {
      assign(points, centroids, labels, distances);
      break;
    }
  }
  const inertia = distances.reduce((s, v) => s + v, 0);
  return { labels, centroids, inertia, iterations };
}
