/**
 * Binomial tail probabilities to near machine precision, for exact (Clopper-Pearson) intervals.
 *
 * Terms are built by the pmf ratio recurrence outward from the mode (the mode term is 1) and
 * normalised by their total, so no log-gamma is needed: log-gamma loses about 1e-12 of relative
 * precision at n in the thousands, which is enough to move an interval bound in its last digits.
 */

/** Sums of the (unnormalised) binomial pmf below and at-or-above `k`, and their total. */
interface TailSums {
  below: number;
  atOrAbove: number;
}

// Terms smaller than this fraction of the running total cannot change a double-precision sum.
const NEGLIGIBLE = 1e-20;

function tailSums(k: number, n: number, x: number): TailSums {
  const ratio = x / (1 - x);
  const mode = Math.min(n, Math.max(0, Math.floor((n + 1) * x)));
  let below = 0;
  let atOrAbove = 0;
  const add = (j: number, term: number): void => {
    if (j >= k) atOrAbove += term;
    else below += term;
  };
  add(mode, 1);
  let term = 1;
  for (let j = mode; j < n; j++) {
    term *= ((n - j) / (j + 1)) * ratio;
    add(j + 1, term);
    if (term < NEGLIGIBLE * (below + atOrAbove)) break;
  }
  term = 1;
  for (let j = mode; j > 0; j--) {
    term *= (j / (n - j + 1)) / ratio;
    add(j - 1, term);
    if (term < NEGLIGIBLE * (below + atOrAbove)) break;
  }
  return { below, atOrAbove };
}

/** P(X >= k) for X ~ Binomial(n, x); equals the regularised incomplete beta I_x(k, n - k + 1). */
export function binomialSurvival(k: number, n: number, x: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const { below, atOrAbove } = tailSums(k, n, x);
  return atOrAbove / (below + atOrAbove);
}

/** P(X <= k) for X ~ Binomial(n, x). */
export function binomialCdf(k: number, n: number, x: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const { below, atOrAbove } = tailSums(k + 1, n, x);
  return below / (below + atOrAbove);
}

/**
 * Solves f(x) = target on (0, 1) for an increasing f by bisection down to adjacent doubles.
 * Bisection is slow but cannot overshoot; each step costs O(sqrt(n)) here, so it is cheap.
 */
export function solveIncreasing(f: (x: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 2000; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  // Of the two neighbours, return the one whose value is closer to the target.
  return Math.abs(f(lo) - target) <= Math.abs(f(hi) - target) ? lo : hi;
}
