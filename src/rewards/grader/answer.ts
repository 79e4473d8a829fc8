import { forEachChild, symbolsOf, type MathNode, type ParsedAnswer, type RelOp } from './ast.js';
import { canonical } from './canonical.js';
import { cleanAnswerText } from './clean.js';
import { parseMath } from './parser.js';
import { MathParseError } from './tokenStream.js';

/** Answers longer than this are not parsed as math (they are prose that slipped through). */
const MAX_ANSWER_CHARS = 2000;

/**
 * Parses an extracted answer into its readings. Most answers have one; "1,5" has two (the list
 * 1, 5 and the decimal 1.5 written with a comma). Text that is not math becomes a text reading.
 * @example parseAnswer('\\frac{14}{3}').normalized // "(14/3)"
 */
export function parseAnswer(raw: string): ParsedAnswer {
  const cleaned = cleanAnswerText(raw).replace(/^:\s*/, '');
  const readings: MathNode[] = [];
  readings.push(readOne(cleaned));
  const decimalComma = /^([-+]?\d+),(\d+)$/.exec(cleaned);
  if (decimalComma) readings.push(readOne(`${decimalComma[1]}.${decimalComma[2]}`));
  return { readings, normalized: canonical(readings[0]!) };
}

function readOne(text: string): MathNode {
  if (text.length === 0) return { t: 'text', text: '' };
  if (text.length > MAX_ANSWER_CHARS) return { t: 'text', text };
  try {
    return shape(parseMath(text));
  } catch (error) {
    if (error instanceof MathParseError || error instanceof RangeError) return { t: 'text', text: text.replace(/\\text\{([^{}]*)\}/g, '$1') };
    throw error;
  }
}

/** Reduces notation that does not change the answer: x = 1 + 1 = 2, x ≈ 3, x \in [0, 1]. */
export function shape(node: MathNode): MathNode {
  if (node.t === 'set') return { ...node, items: node.items.map(shape) };
  if (node.t !== 'rel') return node;
  let { ops, sides } = node;
  // "x = 1/3 \approx 0.33": the exact value before the approximation is the answer.
  const approxAt = ops.indexOf('approx');
  if (approxAt >= 0) {
    if (approxAt > 0) {
      ops = ops.slice(0, approxAt);
      sides = sides.slice(0, approxAt + 1);
    } else ops = ops.map((op): RelOp => (op === 'approx' ? '=' : op));
  }
  const last = sides[sides.length - 1]!;
  if (ops.length >= 1 && ops[ops.length - 1] === 'in') return last;
  if (ops.length >= 2 && ops.every((op) => op === '=')) {
    const first = sides[0]!;
    const pair = isSimpleName(first) ? [first, last] : [sides[sides.length - 2]!, last];
    return { t: 'rel', ops: ['='], sides: pair };
  }
  if (ops.length === 1 && ops[0] === '=' && symbolsOf(sides[0]!).size === 0 && symbolsOf(last).size === 0 && isNumeric(sides[0]!)) {
    // "\frac12 = \frac{10}{9}" written as a computation: the result is the last side.
    return last;
  }
  return { t: 'rel', ops, sides };
}

/**
 * A left side that only labels the value: x, x_1, \\theta, f(x), (p, q), AB, \\frac{NO}{BO},
 * V_1 : V_2. Labels hold no numbers and no sums (so "a + 3z = 0" is an equation, not a label).
 */
export function isSimpleName(node: MathNode): boolean {
  switch (node.t) {
    case 'sym':
    case 'text':
      return true;
    case 'tuple':
      return node.items.every((i) => i.t === 'sym');
    case 'mul':
    case 'div':
    case 'fn':
      return !containsKind(node, 'num') && !containsKind(node, 'add') && !containsKind(node, 'const') && symbolsOf(node).size > 0;
    default:
      return false;
  }
}

function containsKind(node: MathNode, kind: MathNode['t']): boolean {
  if (node.t === kind) return true;
  let found = false;
  forEachChild(node, (child) => {
    found ||= containsKind(child, kind);
  });
  return found;
}

function isNumeric(node: MathNode): boolean {
  return node.t !== 'text' && node.t !== 'set' && node.t !== 'tuple' && node.t !== 'rel' && node.t !== 'union';
}

