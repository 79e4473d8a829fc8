/** Standard normal CDF and quantile to near machine precision (no lookup tables to trust). */

const LOG_SQRT_PI = 0.5723649429247001; // ln Γ(1/2)
const TINY = 1e-300;

/** Regularised lower incomplete gamma P(1/2, y) by its power series (good for small y). */
function lowerGammaHalf(y: number): number {
  let ap = 0.5;
  let sum = 1 / ap;
  let term = sum;
  for (let i = 0; i < 1000; i++) {
    ap += 1;
    term *= y / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return sum * Math.exp(-y + 0.5 * Math.log(y) - LOG_SQRT_PI);
}

/** Regularised upper incomplete gamma Q(1/2, y) by Lentz's continued fraction (good for large y). */
function upperGammaHalf(y: number): number {
  const a = 0.5;
  let b = y + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-17) break;
  }
  return Math.exp(-y + a * Math.log(y) - LOG_SQRT_PI) * h;
}

/** Complementary error function, accurate in relative terms far into the upper tail. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x === 0) return 1;
  const y = x * x;
  return y < 1.5 ? 1 - lowerGammaHalf(y) : upperGammaHalf(y);
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Standard normal quantile Φ⁻¹(p), e.g. `normalQuantile(0.975)` ≈ 1.959963984540054.
 * A rough start refined by Newton steps on the precise CDF; the lower tail is solved directly
 * so small p keep their relative precision.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return Number.NaN;
  }
  if (p === 0.5) return 0;
  if (p > 0.5) return -normalQuantile(1 - p);
  // Shore's approximation as a starting point; Newton converges from it in a few steps.
  let z = -5.5556 * (1 - Math.pow(p / (1 - p), 0.1186));
  for (let i = 0; i < 60; i++) {
    const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    const step = (normalCdf(z) - p) / density;
    z -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}
