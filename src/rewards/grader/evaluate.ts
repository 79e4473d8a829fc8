import type { MathNode } from './ast.js';
import * as C from './complex.js';
import type { Complex } from './complex.js';

/** A number or a matrix of numbers: what scalar and matrix expressions evaluate to. */
export type Value = { kind: 'scalar'; v: Complex } | { kind: 'matrix'; rows: Complex[][] };

/** Thrown for nodes that have no numeric value (unknown functions, sets, text). */
export class NotEvaluable extends Error {}

const scalar = (v: Complex): Value => ({ kind: 'scalar', v });

/** Evaluates `node` with the symbol values in `env`; missing symbols and unknown functions throw NotEvaluable. */
export function evaluate(node: MathNode, env: ReadonlyMap<string, Complex>): Value {
  switch (node.t) {
    case 'num':
      return scalar(C.cx(node.value));
    case 'sym': {
      const v = env.get(node.name);
      if (!v) throw new NotEvaluable(`no value for ${node.name}`);
      return scalar(v);
    }
    case 'const':
      return scalar(node.name === 'pi' ? C.cx(Math.PI) : node.name === 'e' ? C.cx(Math.E) : node.name === 'i' ? C.cx(0, 1) : C.cx(Infinity));
    case 'add':
      return node.args.map((a) => evaluate(a, env)).reduce((a, b) => combine(a, b, C.add));
    case 'neg':
      return mapValue(evaluate(node.arg, env), C.neg);
    case 'mul':
      return node.args.map((a) => evaluate(a, env)).reduce(multiply);
    case 'div': {
      const den = evaluate(node.den, env);
      if (den.kind !== 'scalar') throw new NotEvaluable('division by a matrix');
      return mapValue(evaluate(node.num, env), (x) => C.div(x, den.v));
    }
    case 'pow':
      return power(evaluate(node.base, env), evaluate(node.exp, env));
    case 'percent':
      return mapValue(evaluate(node.arg, env), (x) => C.div(x, C.cx(100)));
    case 'fn':
      return applyFunction(node.name, node.args.map((a) => evaluate(a, env)));
    case 'matrix':
      return { kind: 'matrix', rows: node.rows.map((row) => row.map((cell) => scalarOf(evaluate(cell, env)))) };
    default:
      throw new NotEvaluable(`a ${node.t} has no single value`);
  }
}

function scalarOf(v: Value): Complex {
  if (v.kind !== 'scalar') throw new NotEvaluable('expected a number');
  return v.v;
}

function mapValue(v: Value, f: (x: Complex) => Complex): Value {
  return v.kind === 'scalar' ? scalar(f(v.v)) : { kind: 'matrix', rows: v.rows.map((r) => r.map(f)) };
}

function combine(a: Value, b: Value, f: (x: Complex, y: Complex) => Complex): Value {
  if (a.kind === 'scalar' && b.kind === 'scalar') return scalar(f(a.v, b.v));
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    if (a.rows.length !== b.rows.length || a.rows[0]!.length !== b.rows[0]!.length) throw new NotEvaluable('matrix shapes differ');
    return { kind: 'matrix', rows: a.rows.map((r, i) => r.map((x, j) => f(x, b.rows[i]![j]!))) };
  }
  throw new NotEvaluable('cannot add a number and a matrix');
}

function multiply(a: Value, b: Value): Value {
  if (a.kind === 'scalar') return mapValue(b, (x) => C.mul(a.v, x));
  if (b.kind === 'scalar') return mapValue(a, (x) => C.mul(x, b.v));
  const inner = a.rows[0]!.length;
  if (inner !== b.rows.length) throw new NotEvaluable('matrix shapes do not multiply');
  const rows = a.rows.map((row) => b.rows[0]!.map((_, j) => row.reduce((sum, x, k) => C.add(sum, C.mul(x, b.rows[k]![j]!)), C.ZERO)));
  return { kind: 'matrix', rows };
}

function power(base: Value, exp: Value): Value {
  if (exp.kind !== 'scalar') throw new NotEvaluable('matrix exponent');
  if (base.kind === 'scalar') return scalar(C.pow(base.v, exp.v));
  const n = exp.v.re;
  if (exp.v.im !== 0 || !Number.isInteger(n) || n < 1 || n > 16) throw new NotEvaluable('matrix power');
  let result: Value = base;
  for (let i = 1; i < n; i++) result = multiply(result, base);
  return result;
}

function real(f: (x: number) => number): (x: Complex) => Complex {
  return (x) => C.realOnly(x, f);
}

const UNARY: Record<string, (x: Complex) => Complex> = {
  sqrt: C.sqrt,
  cbrt: (x) => C.root(x, C.cx(3)),
  sin: C.sin,
  cos: C.cos,
  tan: (x) => C.div(C.sin(x), C.cos(x)),
  sec: (x) => C.div(C.ONE, C.cos(x)),
  csc: (x) => C.div(C.ONE, C.sin(x)),
  cot: (x) => C.div(C.cos(x), C.sin(x)),
  arcsin: real(Math.asin),
  arccos: real(Math.acos),
  arctan: real(Math.atan),
  sinh: real(Math.sinh),
  cosh: real(Math.cosh),
  tanh: real(Math.tanh),
  ln: C.log,
  exp: C.exp,
  log10: (x) => C.div(C.log(x), C.cx(Math.LN10)),
  abs: (x) => C.cx(C.abs(x)),
  norm: (x) => C.cx(C.abs(x)),
  floor: real(Math.floor),
  ceil: real(Math.ceil),
  fact: real(factorial),
};

function applyFunction(name: string, args: Value[]): Value {
  if (name === 'det' && args.length === 1 && args[0]!.kind === 'matrix') return scalar(determinant(args[0]!.rows));
  const xs = args.map(scalarOf);
  if (name === 'log') return scalar(xs.length === 2 ? C.div(C.log(xs[0]!), C.log(xs[1]!)) : C.log(xs[0]!));
  if (name === 'root' && xs.length === 2) return scalar(C.root(xs[0]!, xs[1]!));
  if (name === 'binom' && xs.length === 2) return scalar(C.realOnly(xs[0]!, (n) => binomial(n, xs[1]!.re)));
  if ((name === 'max' || name === 'min') && xs.every((x) => C.isReal(x))) return scalar(C.cx((name === 'max' ? Math.max : Math.min)(...xs.map((x) => x.re))));
  if ((name === 'gcd' || name === 'lcm') && xs.length === 2) return scalar(C.cx(gcdOrLcm(name, xs[0]!.re, xs[1]!.re)));
  const f = UNARY[name];
  if (!f || xs.length !== 1) throw new NotEvaluable(`unknown function ${name}`);
  return scalar(f(xs[0]!));
}

function factorial(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 170) return NaN;
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
}

function binomial(n: number, k: number): number {
  if (!Number.isInteger(k) || k < 0 || k > 1000) return NaN; // larger k would overflow anyway
  let r = 1;
  for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1);
  return r;
}

function gcdOrLcm(name: string, a: number, b: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b)) return NaN;
  let [x, y] = [Math.abs(a), Math.abs(b)];
  while (y) [x, y] = [y, x % y];
  return name === 'gcd' ? x : x === 0 ? 0 : Math.abs(a * b) / x;
}

/** Determinant by Gaussian elimination with partial pivoting (O(n^3), any size). */
function determinant(rows: Complex[][]): Complex {
  const n = rows.length;
  if (rows.some((r) => r.length !== n)) throw new NotEvaluable('determinant of a non-square matrix');
  const m = rows.map((r) => [...r]);
  let det = C.ONE;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (C.abs(m[r]![col]!) > C.abs(m[pivot]![col]!)) pivot = r;
    if (C.abs(m[pivot]![col]!) === 0) return C.ZERO;
    if (pivot !== col) {
      [m[pivot], m[col]] = [m[col]!, m[pivot]!];
      det = C.neg(det);
    }
    det = C.mul(det, m[col]![col]!);
    for (let r = col + 1; r < n; r++) {
      const factor = C.div(m[r]![col]!, m[col]![col]!);
      for (let c = col; c < n; c++) m[r]![c] = C.sub(m[r]![c]!, C.mul(factor, m[col]![c]!));
    }
  }
  return det;
}
