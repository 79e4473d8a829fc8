import { sym, type MathNode } from './ast.js';
import { parseCommand } from './commands.js';
import type { Token } from './lexer.js';
import { parseMath, type MathParser } from './parser.js';
import { MathParseError } from './tokenStream.js';

const PERCENT_WORDS = new Set(['percent', 'percentage', 'pct']);

/** True for "percent", "percentage", "pct": a suffix, not a factor. */
export const isPercentWord = (word: string): boolean => PERCENT_WORDS.has(word.toLowerCase());

/** The atoms of the grammar: numbers, names, text, LaTeX commands, bracketed groups. */
export function parsePrimary(p: MathParser): MathNode {
  const t = p.s.next();
  switch (t.k) {
    case 'num':
      return { t: 'num', value: Number(t.text), decimals: t.text.includes('.') ? t.text.length - t.text.indexOf('.') - 1 : 0, raw: t.text };
    case 'id':
      return parseIdentifier(p, t.text);
    case 'word':
      // Short lowercase runs are products of variables ("xy"); longer ones are names.
      if (t.text.length <= 3 && /^[a-z]+$/.test(t.text)) return t.text.split('').map(letterNode).reduce((a, b) => mulOf(a, b));
      return sym(t.text);
    case 'text':
      return parseTextToken(t.text);
    case 'cmd':
      return parseCommand(p, t.text);
    case 'op':
      return parseBracketed(p, t.text);
  }
}

/** Suffixes: n!, 50%, f', x_1, F_{n-1}, 204_5. */
export function parsePostfixOps(p: MathParser, start: MathNode): MathNode {
  const s = p.s;
  let node = start;
  for (;;) {
    const t = s.peek();
    if (!t) return node;
    if (t.k === 'op' && t.text === '!') {
      s.next();
      node = { t: 'fn', name: 'fact', args: [node] };
    } else if ((t.k === 'op' && t.text === '%') || (t.k === 'cmd' && t.text === '%') || (t.k === 'word' && isPercentWord(t.text))) {
      s.next();
      node = { t: 'percent', arg: node };
    } else if (t.k === 'op' && t.text === "'" && node.t === 'sym') {
      s.next();
      node = sym(`${node.name}'`);
    } else if (t.k === 'op' && t.text === '_' && (node.t === 'sym' || node.t === 'num')) {
      s.next();
      const base = node.t === 'sym' ? node.name : String(node.value);
      node = sym(`${base}_${subscriptText(p)}`);
    } else return node;
  }
}

/** The raw text of a subscript, so F_{n-1} and F_{n - 1} name the same symbol. */
function subscriptText(p: MathParser): string {
  const s = p.s;
  if (!s.is('op', '{')) return tokenText(s.next());
  s.next();
  let depth = 1;
  let text = '';
  for (;;) {
    const t = s.next();
    if (t.k === 'op' && t.text === '{') depth++;
    if (t.k === 'op' && t.text === '}' && --depth === 0) return text;
    text += tokenText(t);
  }
}

function parseIdentifier(p: MathParser, name: string): MathNode {
  if (name === 'pi') return { t: 'const', name: 'pi' };
  if (name === 'infinity' || name === 'inf' || name === 'infty') return { t: 'const', name: 'inf' };
  if (name.length === 1) return letterNode(name);
  if (name === 'and' || name === 'or' || name === 'mod') throw new MathParseError(`"${name}" is not a value`);
  // Plain-text function: sqrt(2), sin x, log(8).
  const arg = p.s.is('op', '(') ? parsePrimary(p) : p.parseImplicitProduct();
  return { t: 'fn', name, args: [arg] };
}

/** \text{13} is the number 13 and \text{(C)} the choice C; other text stays text. */
function parseTextToken(content: string): MathNode {
  const trimmed = content.trim();
  if (/^[-+]?[\d.,]+$/.test(trimmed) || /^\(?[A-Za-z]\)?$/.test(trimmed)) return parseMath(trimmed.replace(/^\((.)\)$/, '$1'));
  return { t: 'text', text: trimmed };
}

/** (a, b), [a, b), (a] ... tuples and intervals; {a, b} sets; |x| absolute values; (x) groups. */
function parseBracketed(p: MathParser, open: string): MathNode {
  const s = p.s;
  if (open === '(' || open === '[') {
    const inner = p.parseList([{ k: 'op', text: ')' }, { k: 'op', text: ']' }]);
    const close = s.next().text as ')' | ']';
    if (inner.t === 'set' && !inner.braces) return { t: 'tuple', open: open as '(' | '[', close, items: inner.items };
    if ((open === '(' && close === ')') || (open === '[' && close === ']')) return inner;
    return { t: 'tuple', open: open as '(' | '[', close, items: [inner] };
  }
  if (open === '{') {
    const inner = p.parseList([{ k: 'op', text: '}' }]);
    s.expect('op', '}');
    return inner.t === 'set' && !inner.braces ? { t: 'set', items: inner.items, braces: true } : inner;
  }
  if (open === '|') {
    const inner = p.parseSum();
    s.expect('op', '|');
    return { t: 'fn', name: 'abs', args: [inner] };
  }
  throw new MathParseError(`unexpected "${open}"`);
}

/** e and i are Euler's number and the imaginary unit; other letters are variables. */
export function letterNode(name: string): MathNode {
  if (name === 'e') return { t: 'const', name: 'e' };
  if (name === 'i') return { t: 'const', name: 'i' };
  return sym(name);
}

export function mulOf(a: MathNode, b: MathNode): MathNode {
  if (a.t === 'mul') return { t: 'mul', args: [...a.args, b] };
  return { t: 'mul', args: [a, b] };
}

function tokenText(t: Token): string {
  return t.k === 'cmd' ? `\\${t.text}` : t.text;
}
