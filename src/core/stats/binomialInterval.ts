import { badInput } from '../errors.js';
import { binomialCdf, binomialSurvival, solveIncreasing } from './binomialTail.js';
import { normalQuantile } from './normal.js';

/** A two-sided interval for a proportion: [lower, upper]. */
export type Interval = [number, number];

function checkCounts(successes: number, trials: number, alpha: number): void {
  if (!Number.isInteger(trials) || trials < 1) throw badInput(`trials must be a positive integer, got ${trials}`, { field: 'trials' });
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw badInput(`successes must be an integer in [0, ${trials}], got ${successes}`, { field: 'successes' });
  }
  if (!(alpha > 0 && alpha < 1)) throw badInput(`alpha must be in (0, 1), got ${alpha}`, { field: 'alpha' });
}

/**
 * Clopper-Pearson ("exact", Beta-quantile) interval, as statsmodels' `proportion_confint(method="beta")`:
 * lower = Beta(k, n-k+1).ppf(α/2), upper = Beta(k+1, n-k).isf(α/2), lower = 0 at k = 0, upper = 1 at k = n.
 *
 * @example clopperPearson(1996, 4000, 0.05) // ≈ [0.48338566, 0.51461…]
 */
export function clopperPearson(successes: number, trials: number, alpha = 0.05): Interval {
  checkCounts(successes, trials, alpha);
  const half = 0.5 * alpha;
  // I_x(k, n-k+1) = P(Bin(n, x) >= k): increasing in x.
  const lower = successes === 0 ? 0 : solveIncreasing((x) => binomialSurvival(successes, trials, x), half);
  // 1 - I_x(k+1, n-k) = P(Bin(n, x) <= k) = α/2; negated, so it increases in x without a 1 - p.
  const upper = successes === trials ? 1 : solveIncreasing((x) => -binomialCdf(successes, trials, x), -half);
  return [lower, upper];
}

/**
 * Wilson score interval (no continuity correction), as statsmodels' `method="wilson"`.
 *
 * @example wilson(8, 10, 0.05) // ≈ [0.4902, 0.9433]
 */
export function wilson(successes: number, trials: number, alpha = 0.05): Interval {
  checkCounts(successes, trials, alpha);
  const z = normalQuantile(1 - alpha / 2);
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}
