import { mulberry32 } from '../../core/random.js';

/** A seeded pseudo-random source: the same seed gives the same numbers on every machine. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (mean 0, standard deviation 1). */
  normal(): number;
}

/**
 * Creates a seeded generator (mulberry32 over a splitmix-scrambled seed; normals by Box-Muller).
 * @example const rng = createRandom(42); rng.next();
 */
export function createRandom(seed: number): Random {
  // Scramble the seed so nearby seeds (0, 1, 2) start far apart.
  const next = mulberry32(splitmix32(Math.trunc(seed) >>> 0));
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = Math.max(next(), 1e-12);
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  return { next, normal };
}

function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}
