import { badInput } from '../errors.js';
import type { Interval } from './binomialInterval.js';
import { createPythonRandom } from './pythonRandom.js';

export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** Two-sided level: the interval covers 1 - alpha (default 0.05). */
  alpha?: number;
  /** Seed of the resampling generator (default 0), so intervals are reproducible. */
  seed?: number;
}

export interface BootstrapResult {
  /** The statistic on the original sample. */
  estimate: number;
  /** Percentile interval of the resampled statistics. */
  interval: Interval;
  /** Standard deviation of the resampled statistics. */
  standardError: number;
}

/**
 * Percentile bootstrap of any statistic of a sample (resampling with replacement, seeded).
 *
 * @example bootstrap([0, 1, 1, 0, 1], (xs) => mean(xs), { resamples: 2000 })
 */
export function bootstrap<T>(sample: readonly T[], statistic: (resample: T[]) => number, options: BootstrapOptions = {}): BootstrapResult {
  const resamples = options.resamples ?? 1000;
  const alpha = options.alpha ?? 0.05;
  if (sample.length === 0) throw badInput('cannot bootstrap an empty sample', { field: 'sample' });
  if (!Number.isInteger(resamples) || resamples < 2) throw badInput(`resamples must be an integer >= 2, got ${resamples}`, { field: 'resamples' });
  if (!(alpha > 0 && alpha < 1)) throw badInput(`alpha must be in (0, 1), got ${alpha}`, { field: 'alpha' });
  const rng = createPythonRandom(options.seed ?? 0);
  const values: number[] = [];
  const resample: T[] = new Array<T>(sample.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < sample.length; i++) resample[i] = sample[Math.floor(rng.random() * sample.length)]!;
    values.push(statistic(resample));
  }
  values.sort((a, b) => a - b);
  const meanValue = mean(values);
  const variance = values.reduce((s, v) => s + (v - meanValue) ** 2, 0) / (values.length - 1);
  return {
    estimate: statistic([...sample]),
    interval: [quantile(values, alpha / 2), quantile(values, 1 - alpha / 2)],
    standardError: Math.sqrt(variance),
  };
}

/** Arithmetic mean; NaN for an empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Quantile of sorted values with linear interpolation (numpy's default "linear" method). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}
