import { symbolsOf, type MathNode, type RelOp } from './ast.js';
import { isSimpleName } from './answer.js';
import { proportional } from './numeric.js';

type Relation = MathNode & { t: 'rel' };

const FLIP: Partial<Record<RelOp, RelOp>> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=' };

/** Rewrites a single relation so its operator is one of =, !=, <, <= (swapping sides for > and >=). */
function oriented(rel: Relation): { op: RelOp; lhs: MathNode; rhs: MathNode } | undefined {
  if (rel.ops.length !== 1) return undefined;
  const op = rel.ops[0]!;
  const [lhs, rhs] = rel.sides as [MathNode, MathNode];
  if (op === '>' || op === '>=') return { op: FLIP[op]!, lhs: rhs, rhs: lhs };
  return { op, lhs, rhs };
}

const difference = (lhs: MathNode, rhs: MathNode): MathNode => ({ t: 'add', args: [lhs, { t: 'neg', arg: rhs }] });

/**
 * Two relations are the same when their operators agree (after flipping > to <) and
 * lhs - rhs of one is a constant multiple of the other's: positive for inequalities, any
 * nonzero constant for = and != (2x + 4y = 3 and y = -x/2 + 3/4 are one line).
 */
export function relationsEqual(g: Relation, p: Relation, eq: (a: MathNode, b: MathNode) => boolean): boolean {
  const a = oriented(g);
  const b = oriented(p);
  if (!a || !b) {
    // Chains such as f(2) < f(1) < f(4): same operators, same sides in order.
    return g.ops.length === p.ops.length && g.ops.every((op, i) => op === p.ops[i]) && g.sides.every((side, i) => eq(side, p.sides[i]!));
  }
  if (a.op !== b.op) return false;
  const symmetric = a.op === '=' || a.op === '!=';
  const verdict = proportional(difference(a.lhs, a.rhs), difference(b.lhs, b.rhs), symmetric ? 0 : 1);
  if (verdict !== null) return verdict;
  // Not evaluable (unknown functions): compare the sides themselves.
  return (eq(a.lhs, b.lhs) && eq(a.rhs, b.rhs)) || (symmetric && eq(a.lhs, b.rhs) && eq(a.rhs, b.lhs));
}

const NEG_INF: MathNode = { t: 'neg', arg: { t: 'const', name: 'inf' } };
const POS_INF: MathNode = { t: 'const', name: 'inf' };

/** "-2 <= x < 7" as [-2, 7); "x > 3" as (3, ∞); undefined when the relation is no interval. */
export function relationToInterval(rel: Relation): MathNode | undefined {
  const isVar = (n: MathNode) => n.t === 'sym' || isSimpleName(n);
  const isConst = (n: MathNode) => symbolsOf(n).size === 0;
  if (rel.ops.length === 2) {
    let [lo, mid, hi] = rel.sides as [MathNode, MathNode, MathNode];
    let [op1, op2] = rel.ops as [RelOp, RelOp];
    if ((op1 === '>' || op1 === '>=') && (op2 === '>' || op2 === '>=')) {
      [lo, hi] = [hi, lo];
      [op1, op2] = [FLIP[op2]!, FLIP[op1]!];
    }
    if (!(op1 === '<' || op1 === '<=') || !(op2 === '<' || op2 === '<=')) return undefined;
    if (!isVar(mid) || !isConst(lo) || !isConst(hi)) return undefined;
    return { t: 'tuple', open: op1 === '<' ? '(' : '[', close: op2 === '<' ? ')' : ']', items: [lo, hi] };
  }
  const o = oriented(rel);
  if (!o || (o.op !== '<' && o.op !== '<=')) return undefined;
  const closed = o.op === '<=';
  if (isVar(o.lhs) && isConst(o.rhs)) return { t: 'tuple', open: '(', close: closed ? ']' : ')', items: [NEG_INF, o.rhs] };
  if (isConst(o.lhs) && isVar(o.rhs)) return { t: 'tuple', open: closed ? '[' : '(', close: ')', items: [o.lhs, POS_INF] };
  return undefined;
}
