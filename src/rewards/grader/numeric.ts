import { forEachChild, symbolsOf, type MathNode } from './ast.js';
import * as C from './complex.js';
import type { Complex } from './complex.js';
import { evaluate, NotEvaluable, type Value } from './evaluate.js';

/** Tolerances for numeric comparison. */
export interface Tolerance {
  /** Relative tolerance between exact values (floating-point noise only). */
  relTol: number;
  /**
   * Absolute tolerance when either side is written with a decimal point: a rounded decimal matches
   * an exact value to this many places (5e-7 = six decimals, like Math-Verify's float_rounding=6).
   */
  decimalTol: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { relTol: 1e-9, decimalTol: 5e-7 };

const POINTS = 5;

/** Deterministic sample points, so the same pair always gets the same verdict. */
function samplePoints(names: string[], count: number): Map<string, Complex>[] {
  let state = 0x9e3779b9;
  const rand = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const points: Map<string, Complex>[] = [];
  for (let i = 0; i < count; i++) points.push(new Map(names.map((n) => [n, C.cx(0.35 + 2.3 * rand())])));
  return points;
}

/** Evaluates both nodes at the same points: the values at each point where both are defined. */
export function evaluatePairs(a: MathNode, b: MathNode): [Value, Value][] | null {
  const names = [...new Set([...symbolsOf(a), ...symbolsOf(b)])].sort();
  const points = names.length === 0 ? [new Map<string, Complex>()] : samplePoints(names, POINTS);
  const pairs: [Value, Value][] = [];
  try {
    for (const env of points) pairs.push([evaluate(a, env), evaluate(b, env)]);
  } catch (error) {
    if (error instanceof NotEvaluable) return null;
    throw error;
  }
  return pairs;
}

/** True if the node contains a number written with a decimal point. */
export function hasDecimal(node: MathNode): boolean {
  if (node.t === 'num') return node.decimals > 0;
  let found = false;
  forEachChild(node, (child) => {
    found ||= hasDecimal(child);
  });
  return found;
}

/**
 * Equal within `relTol` of their size, or within `absTol` (the rounding of a written decimal).
 * Exact zero matches floating noise (sin(pi) = 0), but tiny values keep their relative test,
 * so 1/2^99 and 1/2^98 differ.
 */
export function complexEqual(a: Complex, b: Complex, relTol: number, absTol: number): boolean {
  const aInf = !C.isFiniteComplex(a);
  const bInf = !C.isFiniteComplex(b);
  if (aInf || bInf) return aInf && bInf && a.re === b.re && a.im === b.im && !Number.isNaN(a.re);
  const d = C.abs(C.sub(a, b));
  if (d <= relTol * Math.max(C.abs(a), C.abs(b)) || d <= absTol) return true;
  return (C.abs(a) === 0 || C.abs(b) === 0) && d <= 1e-13;
}

function valuesEqual(a: Value, b: Value, relTol: number, absTol: number): boolean {
  if (a.kind === 'scalar' && b.kind === 'scalar') return complexEqual(a.v, b.v, relTol, absTol);
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    if (a.rows.length !== b.rows.length || a.rows[0]!.length !== b.rows[0]!.length) return false;
    return a.rows.every((row, i) => row.every((x, j) => complexEqual(x, b.rows[i]![j]!, relTol, absTol)));
  }
  return false;
}

function isDefined(v: Value): boolean {
  const ok = (x: Complex) => !Number.isNaN(x.re) && !Number.isNaN(x.im);
  return v.kind === 'scalar' ? ok(v.v) : v.rows.every((r) => r.every(ok));
}

/**
 * Numeric equivalence: equal at every sample point where both sides are defined (and at least
 * one point is). Returns null when either side cannot be evaluated.
 */
export function numericallyEqual(a: MathNode, b: MathNode, tol: Tolerance = DEFAULT_TOLERANCE): boolean | null {
  const pairs = evaluatePairs(a, b);
  if (!pairs) return null;
  const absTol = hasDecimal(a) || hasDecimal(b) ? tol.decimalTol : 0;
  const defined = pairs.filter(([x, y]) => isDefined(x) && isDefined(y));
  if (defined.length === 0) return false;
  return defined.every(([x, y]) => valuesEqual(x, y, tol.relTol, absTol));
}

/**
 * True if f and g are nonzero constant multiples of each other (same equation written twice).
 * `sign` restricts the factor: +1 for inequalities (the direction must survive), 0 for any.
 */
export function proportional(f: MathNode, g: MathNode, sign: 0 | 1): boolean | null {
  const pairs = evaluatePairs(f, g);
  if (!pairs) return null;
  let ratio: Complex | undefined;
  let valid = 0;
  for (const [x, y] of pairs) {
    if (x.kind !== 'scalar' || y.kind !== 'scalar') return false;
    if (!C.isFiniteComplex(x.v) || !C.isFiniteComplex(y.v)) continue;
    const xZero = C.abs(x.v) < 1e-10;
    const yZero = C.abs(y.v) < 1e-10;
    if (xZero !== yZero) return false;
    if (xZero) continue;
    const r = C.div(x.v, y.v);
    if (ratio && !C.closeTo(r, ratio, 1e-7, 1e-12)) return false;
    ratio ??= r;
    valid++;
  }
  if (!ratio) return valid === 0 && pairs.length > 0;
  if (sign === 1 && !(C.isReal(ratio) && ratio.re > 0)) return false;
  return true;
}
