/**
 * Minimal complex arithmetic for evaluating answers numerically. Complex values let the grader
 * evaluate expressions such as sqrt(-3) or answers written with i without special cases.
 */
export interface Complex {
  re: number;
  im: number;
}

export const cx = (re: number, im = 0): Complex => ({ re, im });

export const ZERO = cx(0);
export const ONE = cx(1);

export function add(a: Complex, b: Complex): Complex {
  return cx(a.re + b.re, a.im + b.im);
}

export function sub(a: Complex, b: Complex): Complex {
  return cx(a.re - b.re, a.im - b.im);
}

export function mul(a: Complex, b: Complex): Complex {
  return cx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
}

export function div(a: Complex, b: Complex): Complex {
  const d = b.re * b.re + b.im * b.im;
  if (d === 0) return cx(NaN, NaN);
  return cx((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
}

export function neg(a: Complex): Complex {
  return cx(-a.re, -a.im);
}

export function abs(a: Complex): number {
  return Math.hypot(a.re, a.im);
}

export function isReal(a: Complex, tol = 1e-12): boolean {
  return Math.abs(a.im) <= tol * Math.max(1, Math.abs(a.re));
}

export function exp(a: Complex): Complex {
  const m = Math.exp(a.re);
  return a.im === 0 ? cx(m) : cx(m * Math.cos(a.im), m * Math.sin(a.im));
}

/** Principal natural logarithm. */
export function log(a: Complex): Complex {
  if (a.im === 0 && a.re > 0) return cx(Math.log(a.re));
  return cx(Math.log(abs(a)), Math.atan2(a.im, a.re));
}

/** Integer powers are exact repeated products; a real base with a real exponent stays real when it can. */
export function pow(a: Complex, b: Complex): Complex {
  if (b.im === 0 && Number.isInteger(b.re) && Math.abs(b.re) <= 64) {
    let result = ONE;
    const n = Math.abs(b.re);
    for (let i = 0; i < n; i++) result = mul(result, a);
    return b.re < 0 ? div(ONE, result) : result;
  }
  if (a.im === 0 && b.im === 0 && a.re >= 0) return cx(Math.pow(a.re, b.re));
  if (a.re === 0 && a.im === 0) return b.re > 0 ? ZERO : cx(NaN, NaN);
  return exp(mul(b, log(a)));
}

export function sqrt(a: Complex): Complex {
  if (a.im === 0) return a.re >= 0 ? cx(Math.sqrt(a.re)) : cx(0, Math.sqrt(-a.re));
  const m = abs(a);
  const re = Math.sqrt((m + a.re) / 2);
  const im = Math.sign(a.im) * Math.sqrt((m - a.re) / 2);
  return cx(re, im);
}

/** Real n-th root for real inputs (so the cube root of -8 is -2), principal root otherwise. */
export function root(a: Complex, n: Complex): Complex {
  if (a.im === 0 && n.im === 0 && Number.isInteger(n.re) && n.re % 2 === 1 && a.re < 0) {
    return cx(-Math.pow(-a.re, 1 / n.re));
  }
  return pow(a, div(ONE, n));
}

/** Applies a real function to the real part when the value is real; NaN otherwise (keeps the evaluator small). */
export function realOnly(a: Complex, f: (x: number) => number): Complex {
  return isReal(a) ? cx(f(a.re)) : cx(NaN, NaN);
}

export function sin(a: Complex): Complex {
  if (a.im === 0) return cx(Math.sin(a.re));
  return cx(Math.sin(a.re) * Math.cosh(a.im), Math.cos(a.re) * Math.sinh(a.im));
}

export function cos(a: Complex): Complex {
  if (a.im === 0) return cx(Math.cos(a.re));
  return cx(Math.cos(a.re) * Math.cosh(a.im), -Math.sin(a.re) * Math.sinh(a.im));
}

export function isFiniteComplex(a: Complex): boolean {
  return Number.isFinite(a.re) && Number.isFinite(a.im);
}

/** Equal within a relative tolerance, with an absolute floor for values near zero. */
export function closeTo(a: Complex, b: Complex, relTol: number, absTol: number): boolean {
  const d = abs(sub(a, b));
  return d <= absTol || d <= relTol * Math.max(abs(a), abs(b));
}
