/**
 * CPython's `random` module (MT19937 seeded from an int), so experiments that were seeded in Python
 * (shuffles, weighted choices) can be replayed draw for draw.
 */

const N = 624;
const M = 397;

export interface PythonRandom {
  /** `random.random()`: a double in [0, 1) with 53 random bits. */
  random(): number;
  /** `random.getrandbits(k)` for 0 < k <= 32. */
  getrandbits(k: number): number;
  /** `random._randbelow(n)`: an integer in [0, n) by rejection, as `randrange` and `shuffle` use. */
  randbelow(n: number): number;
  /** `random.shuffle(items)`, in place. */
  shuffle<T>(items: T[]): T[];
  /** `random.choices(population, weights)[0]`: one weighted draw. */
  choice<T>(population: readonly T[], weights: readonly number[]): T;
}

/**
 * Creates a generator in the state of `random.seed(seed)` for a non-negative integer seed.
 *
 * @example createPythonRandom(42).random() // 0.6394267984578837, as in CPython
 */
export function createPythonRandom(seed: number): PythonRandom {
  const mt = new Uint32Array(N);
  let index = N;

  const initGenrand = (s: number): void => {
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  };

  const initByArray = (key: number[]): void => {
    initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  };

  const twist = (): void => {
    for (let i = 0; i < N; i++) {
      const y = (mt[i]! & 0x80000000) | (mt[(i + 1) % N]! & 0x7fffffff);
      mt[i] = mt[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    index = 0;
  };

  const nextUint32 = (): number => {
    if (index >= N) twist();
    let y = mt[index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };

  // CPython splits abs(seed) into 32-bit words, least significant first; 0 becomes [0].
  const key: number[] = [];
  let rest = BigInt(Math.abs(Math.trunc(seed)));
  do {
    key.push(Number(rest & 0xffffffffn));
    rest >>= 32n;
  } while (rest > 0n);
  initByArray(key);

  const api: PythonRandom = {
    random() {
      const a = nextUint32() >>> 5;
      const b = nextUint32() >>> 6;
      return (a * 67108864 + b) / 9007199254740992;
    },
    getrandbits(k) {
      if (!(k > 0 && k <= 32)) throw new RangeError(`getrandbits supports 1..32 bits, got ${k}`);
      return nextUint32() >>> (32 - k);
    },
    randbelow(n) {
      if (n <= 0) return 0;
      if (n > 0xffffffff) throw new RangeError(`randbelow supports n < 2^32, got ${n}`);
      const bits = 32 - Math.clz32(n); // n.bit_length()
      let r = api.getrandbits(bits);
      while (r >= n) r = api.getrandbits(bits);
      return r;
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = api.randbelow(i + 1);
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
    choice(population, weights) {
      const cumulative: number[] = [];
      let total = 0;
      for (const w of weights) cumulative.push((total += w));
      const x = api.random() * total;
      // bisect_right over cum_weights[0 .. n-2], as CPython's choices does
      let lo = 0;
      let hi = population.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (x < cumulative[mid]!) hi = mid;
        else lo = mid + 1;
      }
      return population[lo]!;
    },
  };
  return api;
}
