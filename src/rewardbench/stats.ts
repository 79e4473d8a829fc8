import { createPythonRandom, pearson, quantile } from '../core/stats/index.js';

export interface BootstrapInterval {
  low: number;
  high: number;
  /** Resamples that gave a defined r; resamples where one side is constant are dropped. */
  resamples: number;
  dropped: number;
  level: number;
}

/**
 * Percentile bootstrap interval of Pearson's r over pairs resampled with replacement. Unlike a
 * generic bootstrap it drops resamples with an undefined r (all pairs alike), which small sets of
 * models produce now and then.
 *
 * @example bootstrapPearson([1, 2, 3, 4], [2, 4, 5, 8], { resamples: 1000, seed: 1 })
 */
export function bootstrapPearson(xs: readonly number[], ys: readonly number[], options: { resamples?: number; level?: number; seed?: number } = {}): BootstrapInterval {
  const n = Math.min(xs.length, ys.length);
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  const random = createPythonRandom(options.seed ?? 0);
  const values: number[] = [];
  const bx = new Array<number>(n);
  const by = new Array<number>(n);
  for (let b = 0; b < resamples && n >= 2; b++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random.random() * n);
      bx[i] = xs[j] as number;
      by[i] = ys[j] as number;
    }
    const r = pearson(bx, by);
    if (!Number.isNaN(r)) values.push(r);
  }
  values.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return { low: quantile(values, alpha), high: quantile(values, 1 - alpha), resamples: values.length, dropped: resamples - values.length, level };
}

/** Pearson's r, or NaN (instead of an error) for fewer than two pairs. */
export function pearsonOrNaN(xs: readonly number[], ys: readonly number[]): number {
  return xs.length < 2 || xs.length !== ys.length ? NaN : pearson(xs, ys);
}
