import { badInput } from '../errors.js';

/**
 * Pearson correlation of two equally long samples; NaN when either has zero variance.
 *
 * @example pearson([1, 2, 3], [2, 4, 7]) // ≈ 0.9934
 */
export function pearson(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw badInput(`samples differ in length: ${x.length} vs ${y.length}`, { field: 'y' });
  if (x.length < 2) throw badInput(`correlation needs at least 2 pairs, got ${x.length}`, { field: 'x' });
  let mx = 0;
  let my = 0;
  for (let i = 0; i < x.length; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= x.length;
  my /= y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/** Ranks with ties given their average rank (1-based), as scipy's `rankdata`. */
export function rank(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    const average = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i]![1]] = average;
    start = end + 1;
  }
  return ranks;
}

/** Spearman rank correlation: Pearson correlation of the (tie-averaged) ranks. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw badInput(`samples differ in length: ${x.length} vs ${y.length}`, { field: 'y' });
  return pearson(rank(x), rank(y));
}
