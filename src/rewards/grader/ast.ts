/**
 * The parsed form of a math answer. Scalars (numbers, symbols, operations) can be evaluated;
 * the structured kinds (tuples, sets, intervals, matrices, relations, text) are compared part by part.
 */
export type MathNode =
  /** `decimals` counts the digits after the point, so answers written as rounded decimals compare at that precision. */
  | { t: 'num'; value: number; decimals: number; raw?: string }
  | { t: 'sym'; name: string }
  | { t: 'const'; name: 'pi' | 'e' | 'i' | 'inf' }
  | { t: 'add'; args: MathNode[] }
  | { t: 'mul'; args: MathNode[] }
  | { t: 'div'; num: MathNode; den: MathNode }
  | { t: 'pow'; base: MathNode; exp: MathNode }
  | { t: 'neg'; arg: MathNode }
  /** Named functions: sqrt, root, sin, log, abs, fact, binom, floor, ... and unknown ones (f(x)), which cannot be evaluated. */
  | { t: 'fn'; name: string; args: MathNode[] }
  /** a ± b; `a` is absent for a bare ±b. */
  | { t: 'pm'; a?: MathNode; b: MathNode }
  | { t: 'percent'; arg: MathNode }
  /** (a, b), [a, b), ... : an ordered tuple or an interval, told apart by its brackets. */
  | { t: 'tuple'; open: '(' | '['; close: ')' | ']'; items: MathNode[] }
  /** \{a, b\} or a bare comma list "a, b": order does not matter. */
  | { t: 'set'; items: MathNode[]; braces: boolean }
  | { t: 'union'; parts: MathNode[] }
  | { t: 'matrix'; rows: MathNode[][] }
  /** a = b, a < b <= c, x \in S: `ops[i]` sits between `sides[i]` and `sides[i + 1]`. */
  | { t: 'rel'; ops: RelOp[]; sides: MathNode[] }
  | { t: 'text'; text: string };

export type RelOp = '=' | '<' | '<=' | '>' | '>=' | '!=' | 'in' | 'approx';

/** A parsed answer: the readings it allows (e.g. "1,5" as a list or as the decimal 1.5) and its normalized source. */
export interface ParsedAnswer {
  readings: MathNode[];
  normalized: string;
}

export const num = (value: number, decimals = 0): MathNode => ({ t: 'num', value, decimals });
export const sym = (name: string): MathNode => ({ t: 'sym', name });

/** True for nodes that evaluate to a number (possibly with free symbols). */
export function isScalar(node: MathNode): boolean {
  switch (node.t) {
    case 'num':
    case 'sym':
    case 'const':
    case 'add':
    case 'mul':
    case 'div':
    case 'pow':
    case 'neg':
    case 'fn':
    case 'percent':
      return true;
    default:
      return false;
  }
}

/** Collects the free symbol names of a node. */
export function symbolsOf(node: MathNode, into = new Set<string>()): Set<string> {
  forEachChild(node, (child) => symbolsOf(child, into));
  if (node.t === 'sym') into.add(node.name);
  return into;
}

/** Calls `visit` on each direct child. */
export function forEachChild(node: MathNode, visit: (child: MathNode) => void): void {
  switch (node.t) {
    case 'add':
    case 'mul':
    case 'fn':
      node.args.forEach(visit);
      break;
    case 'div':
      visit(node.num);
      visit(node.den);
      break;
    case 'pow':
      visit(node.base);
      visit(node.exp);
      break;
    case 'neg':
    case 'percent':
      visit(node.arg);
      break;
    case 'pm':
      if (node.a) visit(node.a);
      visit(node.b);
      break;
    case 'tuple':
    case 'set':
      node.items.forEach(visit);
      break;
    case 'union':
      node.parts.forEach(visit);
      break;
    case 'matrix':
      node.rows.forEach((row) => row.forEach(visit));
      break;
    case 'rel':
      node.sides.forEach(visit);
      break;
    default:
      break;
  }
}

/** Counts nodes, so that pathological inputs can be refused before evaluation. */
export function sizeOf(node: MathNode): number {
  let n = 1;
  forEachChild(node, (child) => {
    n += sizeOf(child);
  });
  return n;
}
