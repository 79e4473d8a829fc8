import { mulberry32 } from '../core/random.js';

/** A small seeded PRNG (mulberry32): the same seed gives the same draws on every platform. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An index drawn with probability proportional to `weights` (all ≥ 0, some > 0). */
  weighted(weights: readonly number[]): number;
}

/** @example createRandom(42).next() */
export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    next,
    weighted(weights) {
      const total = weights.reduce((a, b) => a + b, 0);
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i]!;
        if (r < 0) return i;
      }
      // Rounding left r at ~0: the last index with weight.
      for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
      return weights.length - 1;
    },
  };
}
