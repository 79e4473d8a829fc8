import { isScalar, symbolsOf, type MathNode } from './ast.js';
import { isSimpleName } from './answer.js';
import { canonical, normalizeText } from './canonical.js';
import { numericallyEqual, type Tolerance } from './numeric.js';
import { relationsEqual, relationToInterval } from './relations.js';

export interface CompareOptions {
  tolerance: Tolerance;
  /**
   * Compare an interval with an inequality ("[-2, 7]" vs "-2 <= x <= 7") in both directions.
   * Math-Verify only does so when the inequality is the gold answer unless asked.
   */
  setRelation: 'both' | 'gold-relation-only';
  /** Set while comparing the elements of two lists. */
  inCollection?: boolean;
}

/** Structural and numeric equivalence of a gold node and a predicted node. */
export function nodesEqual(gold: MathNode, pred: MathNode, options: CompareOptions): boolean {
  if (canonical(gold) === canonical(pred)) return true;
  const g = expandPlusMinus(gold);
  const p = expandPlusMinus(pred);
  if (g !== gold || p !== pred) return nodesEqual(g, p, options);

  if (g.t === 'text' || p.t === 'text') return textEqual(g, p);
  if (g.t === 'rel' || p.t === 'rel') return relationSideEqual(g, p, options);

  if (isCollection(g) || isCollection(p)) return collectionsEqual(g, p, options);
  if (g.t === 'matrix' || p.t === 'matrix' || (isScalar(g) && isScalar(p))) return scalarEqual(g, p, options);
  return false;
}

/** Whole numbers past 2^53 compare digit by digit: doubles would round them together. */
function bigIntegerOf(node: MathNode): bigint | undefined {
  const sign = node.t === 'neg' ? -1n : 1n;
  const n = node.t === 'neg' ? node.arg : node;
  if (n.t !== 'num' || n.decimals !== 0 || !n.raw || Math.abs(n.value) < 2 ** 53 || !/^\d+$/.test(n.raw)) return undefined;
  return sign * BigInt(n.raw);
}

function scalarEqual(g: MathNode, p: MathNode, options: CompareOptions): boolean {
  const gBig = bigIntegerOf(g);
  const pBig = bigIntegerOf(p);
  if (gBig !== undefined && pBig !== undefined) return gBig === pBig;
  // A percent on either side may be read with or without its "/100".
  const gVariants = g.t === 'percent' ? [g, g.arg] : [g];
  const pVariants = p.t === 'percent' ? [p, p.arg] : [p];
  for (const a of gVariants) {
    for (const b of pVariants) {
      if (numericallyEqual(a, b, options.tolerance)) return true;
    }
  }
  return false;
}

function textEqual(g: MathNode, p: MathNode): boolean {
  const a = asText(g);
  const b = asText(p);
  return a !== undefined && b !== undefined && a.length > 0 && a === b;
}

/** The letters a node spells, when it is a word written in math mode ("$odd$" is o*d*d). */
function asText(n: MathNode): string | undefined {
  if (n.t === 'text') return normalizeText(n.text);
  if (n.t === 'sym') return normalizeText(n.name);
  if (n.t === 'const' && (n.name === 'e' || n.name === 'i')) return n.name;
  if (n.t === 'mul') {
    const parts = n.args.map(asText);
    return parts.every((x) => x !== undefined) ? parts.join('') : undefined;
  }
  return undefined;
}

function relationSideEqual(g: MathNode, p: MathNode, options: CompareOptions): boolean {
  if (g.t === 'rel' && p.t === 'rel') {
    if (relationsEqual(g, p, (a, b) => nodesEqual(a, b, options))) return true;
    const gv = labelledValue(g);
    const pv = labelledValue(p);
    if (gv === undefined || pv === undefined) return false;
    // Inside a list, "x = 1, y = 2" must keep each value with its own name.
    if (options.inCollection && labelKey(g.sides[0]!) !== labelKey(p.sides[0]!)) return false;
    return nodesEqual(gv, pv, options);
  }
  // "k = 5" against "5": the label does not matter.
  const value = g.t === 'rel' ? labelledValue(g) : labelledValue(p as MathNode & { t: 'rel' });
  if (value !== undefined) return g.t === 'rel' ? nodesEqual(value, p, options) : nodesEqual(g, value, options);
  // An inequality against an interval.
  if (g.t === 'rel' && isIntervalLike(p)) {
    const interval = relationToInterval(g);
    return interval !== undefined && nodesEqual(interval, p, options);
  }
  if (p.t === 'rel' && isIntervalLike(g) && options.setRelation === 'both') {
    const interval = relationToInterval(p);
    return interval !== undefined && nodesEqual(g, interval, options);
  }
  return false;
}

/** A label's name: f(x) and f(n) name the same function; case is ignored. */
function labelKey(label: MathNode): string {
  const head = label.t === 'mul' && label.args[0]!.t === 'sym' ? label.args[0]! : label;
  return canonical(head).toLowerCase();
}

/** The value of "x = value" (a name on the left), else undefined. */
function labelledValue(node: MathNode & { t: 'rel' }): MathNode | undefined {
  if (node.ops.length === 1 && node.ops[0] === '=' && isSimpleName(node.sides[0]!)) {
    const rhs = node.sides[1]!;
    // "x = 2y" labels nothing when the label's own symbol appears on the right.
    const label = node.sides[0]!;
    if (label.t === 'sym' && symbolsOf(rhs).has(label.name)) return undefined;
    return rhs;
  }
  return undefined;
}

function isIntervalLike(node: MathNode): boolean {
  return (node.t === 'tuple' && node.items.length === 2) || node.t === 'union';
}

function isCollection(node: MathNode): boolean {
  return node.t === 'set' || node.t === 'tuple' || node.t === 'union';
}

function collectionsEqual(g: MathNode, p: MathNode, options: CompareOptions): boolean {
  const inner = { ...options, inCollection: true };
  const eq = (a: MathNode, b: MathNode) => nodesEqual(a, b, inner);
  // One answer restated ("15\frac{39}{40} or \frac{639}{40}"): every listed item equals the other side.
  if (p.t === 'set' && !p.braces && p.items.length > 1 && !isCollection(g)) return p.items.every((item) => eq(g, item));
  if (g.t === 'set' && !g.braces && g.items.length > 1 && !isCollection(p)) return g.items.every((item) => eq(item, p));
  // {5} and 5 are the same answer.
  if (g.t === 'set' && g.items.length === 1 && !isCollection(p)) return eq(g.items[0]!, p);
  if (p.t === 'set' && p.items.length === 1 && !isCollection(g)) return eq(g, p.items[0]!);
  if (g.t === 'set' && p.t === 'set') {
    if (matchUnordered(distinct(g.items), distinct(p.items), eq)) return true;
    // Grouped and flat spellings of the same answers: "p=5,q=2; p=7,q=2" and "p=5, q=2 and p=7, q=2".
    const gFlat = flatten(g.items);
    const pFlat = flatten(p.items);
    return (gFlat.length !== g.items.length || pFlat.length !== p.items.length) && matchUnordered(distinct(gFlat), distinct(pFlat), eq);
  }
  if (g.t === 'tuple' && p.t === 'tuple') {
    return g.open === p.open && g.close === p.close && matchOrdered(g.items, p.items, eq);
  }
  // A tuple against a set or a bare list: compare in written order.
  if (g.t === 'tuple' && p.t === 'set') return g.open === '(' && g.close === ')' && matchOrdered(g.items, p.items, eq);
  if (g.t === 'set' && p.t === 'tuple') return p.open === '(' && p.close === ')' && matchOrdered(g.items, p.items, eq);
  if (g.t === 'union' && p.t === 'union') return matchOrdered(g.parts, p.parts, eq) || matchUnordered(g.parts, p.parts, eq);
  // A vector written as a matrix against a tuple.
  if (g.t === 'matrix' && p.t === 'tuple') return matchOrdered(vectorItems(g), p.items, eq);
  if (g.t === 'tuple' && p.t === 'matrix') return matchOrdered(g.items, vectorItems(p), eq);
  return false;
}

function vectorItems(node: MathNode & { t: 'matrix' }): MathNode[] {
  if (node.rows.length === 1) return node.rows[0]!;
  if (node.rows.every((r) => r.length === 1)) return node.rows.map((r) => r[0]!);
  return [];
}

function flatten(items: MathNode[]): MathNode[] {
  return items.flatMap((i) => (i.t === 'set' && !i.braces ? flatten(i.items) : [i]));
}

/** A set lists each element once: {1, 1, 2} is {1, 2}. */
function distinct(items: MathNode[]): MathNode[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = canonical(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function matchOrdered(a: MathNode[], b: MathNode[], eq: (x: MathNode, y: MathNode) => boolean): boolean {
  return a.length === b.length && a.length > 0 && a.every((x, i) => eq(x, b[i]!));
}

/** Perfect matching between two lists under `eq` (augmenting paths; lists are short). */
function matchUnordered(a: MathNode[], b: MathNode[], eq: (x: MathNode, y: MathNode) => boolean): boolean {
  if (a.length !== b.length) return false;
  const edges = a.map((x) => b.map((y) => eq(x, y)));
  const owner: number[] = new Array(b.length).fill(-1);
  const tryAssign = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < b.length; j++) {
      if (!edges[i]![j] || seen[j]) continue;
      seen[j] = true;
      if (owner[j] === -1 || tryAssign(owner[j]!, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  return a.every((_, i) => tryAssign(i, new Array(b.length).fill(false)));
}

/** a ± b becomes the set {a + b, a - b}, inside lists too. */
function expandPlusMinus(node: MathNode): MathNode {
  if (node.t === 'pm') {
    const plus: MathNode = node.a ? { t: 'add', args: [node.a, node.b] } : node.b;
    const minus: MathNode = node.a ? { t: 'add', args: [node.a, { t: 'neg', arg: node.b }] } : { t: 'neg', arg: node.b };
    return { t: 'set', items: [plus, minus], braces: false };
  }
  if (node.t === 'set' && node.items.some((i) => i.t === 'pm')) {
    return { ...node, items: node.items.flatMap((i) => (i.t === 'pm' ? (expandPlusMinus(i) as { items: MathNode[] }).items : [i])) };
  }
  return node;
}
