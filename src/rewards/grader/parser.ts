import { num, type MathNode, type RelOp } from './ast.js';
import { isPercentWord, letterNode, mulOf, parsePostfixOps, parsePrimary } from './primary.js';
import { isCommandStart } from './commands.js';
import { tokenize, type Token } from './lexer.js';
import { createTokenStream, MathParseError, type TokenStream } from './tokenStream.js';
import { isUnitWord } from './units.js';

/** Layout-only commands that carry no meaning for the value of an answer. */
const SKIPPED_COMMANDS = new Set([
  ',', ';', ':', '!', ' ', '>', 'quad', 'qquad', 'displaystyle', 'textstyle', 'left', 'right', 'big', 'Big', 'bigg', 'Bigg',
  'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'limits', 'nolimits', 'nonumber', 'notag', '$', 'enspace', 'thinspace',
  'medspace', 'negthinspace', 'hfill', 'middle', 'hspace', 'vspace', 'phantom', 'circ', 'degree', 'ensuremath',
]);

const REL_OPS: Record<string, RelOp> = {
  '=': '=', '<': '<', '>': '>', '<=': '<=', '>=': '>=', '!=': '!=',
  le: '<=', leq: '<=', leqslant: '<=', ge: '>=', geq: '>=', geqslant: '>=', lt: '<', gt: '>', ne: '!=', neq: '!=',
  approx: 'approx', in: 'in', equiv: '=', simeq: 'approx', doteq: '=',
};

const GREEK = new Set([
  'pi', 'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa', 'lambda',
  'mu', 'nu', 'xi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega',
]);


/** The grammar, exposed to the LaTeX command handlers in commands.ts. */
export interface MathParser {
  s: TokenStream;
  parseList(closers: Closer[]): MathNode;
  parseSum(): MathNode;
  parsePower(): MathNode;
  parseArg(): MathNode;
  parseImplicitProduct(): MathNode;
}

export type Closer = { k: Token['k']; text: string };

/** Parses one answer (LaTeX or plain text) into a MathNode; throws MathParseError when it cannot. */
export function parseMath(source: string): MathNode {
  const tokens = tokenize(source).filter((t) => !(t.k === 'cmd' && SKIPPED_COMMANDS.has(t.text)) && !(t.k === 'op' && (t.text === '$' || t.text === '°')));
  if (tokens.length === 0) throw new MathParseError('empty answer');
  const parser = createParser(createTokenStream(tokens));
  const node = parser.parseList([]);
  if (!parser.s.atEnd()) throw new MathParseError(`unexpected "${parser.s.peek()!.text}"`);
  return node;
}

function createParser(s: TokenStream): MathParser {
  const atCloser = (closers: Closer[]): boolean => s.atEnd() || closers.some((c) => s.is(c.k, c.text));

  const isSeparator = (): boolean => {
    const t = s.peek();
    if (!t) return false;
    if (t.k === 'op' && t.text === ',') return true;
    if (t.k === 'id' && (t.text === 'and' || t.text === 'or')) return true;
    if (t.k === 'text' && /^\s*(,|and|or|,\s*and|,\s*or)?\s*$/i.test(t.text)) return true;
    return false;
  };

  const parser: MathParser = {
    s,
    parseList(closers) {
      // ";" separates groups ("p=5,q=2; p=7,q=2"); ",", "and", "or" separate items.
      const groups: MathNode[][] = [[]];
      while (!atCloser(closers)) {
        if (s.is('op', ';')) {
          s.next();
          groups.push([]);
          continue;
        }
        if (isSeparator()) {
          s.next();
          continue;
        }
        groups[groups.length - 1]!.push(parseRelation(closers));
        if (!atCloser(closers) && !isSeparator() && !s.is('op', ';')) throw new MathParseError(`unexpected "${s.peek()!.text}"`);
      }
      const nonEmpty = groups.filter((g) => g.length > 0);
      const items = nonEmpty.some((g) => g.length > 1) && nonEmpty.length > 1
        ? nonEmpty.map((g): MathNode => (g.length === 1 ? g[0]! : { t: 'set', items: g, braces: false }))
        : nonEmpty.flat();
      if (items.length === 0) throw new MathParseError('empty list');
      return items.length === 1 ? items[0]! : { t: 'set', items, braces: false };
    },
    parseSum,
    parsePower,
    parseArg,
    parseImplicitProduct,
  };

  function relOpAhead(): RelOp | undefined {
    const t = s.peek();
    if (!t) return undefined;
    if (t.k === 'op' || t.k === 'cmd') return REL_OPS[t.text];
    return undefined;
  }

  function parseRelation(closers: Closer[]): MathNode {
    const sides = [parseRatio()];
    const ops: RelOp[] = [];
    for (let op = relOpAhead(); op; op = relOpAhead()) {
      s.next();
      ops.push(op);
      if (atCloser(closers) || isSeparator()) throw new MathParseError('relation without a right side');
      sides.push(parseRatio());
    }
    return ops.length === 0 ? sides[0]! : { t: 'rel', ops, sides };
  }

  /** "7:32" is a ratio: kept as its parts, so 12:00 and 1:00 differ. */
  function parseRatio(): MathNode {
    const parts = [parseUnion()];
    while (s.is('op', ':') && s.peek(1) !== undefined) {
      s.next();
      parts.push(parseUnion());
    }
    return parts.length === 1 ? parts[0]! : { t: 'fn', name: 'ratio', args: parts };
  }

  function parseUnion(): MathNode {
    const parts = [parseSum()];
    while (s.accept('cmd', 'cup') || s.accept('id', 'U')) parts.push(parseSum());
    return parts.length === 1 ? parts[0]! : { t: 'union', parts };
  }

  function parseSum(): MathNode {
    let args: MathNode[] = [parseTerm()];
    for (;;) {
      if (s.accept('op', '+')) args.push(parseTerm());
      else if (s.accept('op', '-')) args.push({ t: 'neg', arg: parseTerm() });
      else if (s.is('cmd', 'pm') || s.is('cmd', 'mp')) {
        s.next();
        const a = args.length === 1 ? args[0]! : { t: 'add' as const, args };
        args = [{ t: 'pm', a, b: parseTerm() }];
      } else break;
    }
    return args.length === 1 ? args[0]! : { t: 'add', args };
  }

  function parseTerm(): MathNode {
    let node = parseUnary();
    for (;;) {
      const t = s.peek();
      if (!t) break;
      if ((t.k === 'op' && t.text === '*') || (t.k === 'cmd' && (t.text === 'cdot' || t.text === 'times' || t.text === 'ast'))) {
        s.next();
        node = mulOf(node, parseUnary());
      } else if ((t.k === 'op' && t.text === '/') || (t.k === 'cmd' && t.text === 'div')) {
        s.next();
        node = { t: 'div', num: node, den: parseUnary() };
      } else if (skipUnit()) {
        continue;
      } else if (startsImplicitFactor()) {
        const fraction = s.is('cmd', 'frac') || s.is('cmd', 'dfrac') || s.is('cmd', 'tfrac');
        const factor = parsePower();
        node = fraction && isMixedNumber(node, factor) ? mixedNumber(node, factor) : mulOf(node, factor);
      } else break;
    }
    return node;
  }

  /** Units after a value ("15 cm", "3\text{ meters}") are decoration: skip them. */
  function skipUnit(): boolean {
    const t = s.peek();
    if (!t) return false;
    if ((t.k === 'word' && isUnitWord(t.text)) || (t.k === 'text' && isUnitWord(t.text))) {
      s.next();
      if (s.is('op', '^')) {
        s.next();
        if (s.is('op', '{')) skipGroup();
        else s.next();
      }
      return true;
    }
    return false;
  }

  function skipGroup(): void {
    let depth = 0;
    do {
      const t = s.next();
      if (t.k === 'op' && t.text === '{') depth++;
      if (t.k === 'op' && t.text === '}') depth--;
    } while (depth > 0);
  }

  function startsImplicitFactor(): boolean {
    const t = s.peek();
    if (!t) return false;
    switch (t.k) {
      case 'num':
      case 'word':
        return !isPercentWord(t.text);
      case 'id':
        return t.text !== 'and' && t.text !== 'or' && t.text !== 'mod' && t.text !== 'U';
      case 'cmd':
        return isCommandStart(t.text);
      case 'op':
        return t.text === '(' || t.text === '{';
      default:
        return false;
    }
  }

  function parseUnary(): MathNode {
    if (s.accept('op', '-')) return { t: 'neg', arg: parseUnary() };
    if (s.accept('op', '+')) return parseUnary();
    if (s.accept('cmd', 'pm') || s.accept('cmd', 'mp')) return { t: 'pm', b: parseUnary() };
    return parsePower();
  }

  function parsePower(): MathNode {
    const base = parsePostfix();
    if (!s.is('op', '^')) return base;
    s.next();
    const exp = parseExponent();
    return parsePostfixOps(parser, { t: 'pow', base, exp });
  }

  function parseExponent(): MathNode {
    if (s.accept('op', '-')) return { t: 'neg', arg: parseExponent() };
    if (s.accept('op', '+')) return parseExponent();
    if (s.is('op', '{') || s.is('op', '(')) return parsePrimary(parser);
    const base = parsePostfix();
    if (s.accept('op', '^')) return { t: 'pow', base, exp: parseExponent() };
    return base;
  }

  /** A command argument: a {group}, or a single token ("\frac12" reads 1 then 2). */
  function parseArg(): MathNode {
    const t = s.peek();
    if (!t) throw new MathParseError('missing argument');
    if (t.k === 'op' && t.text === '{') return parsePrimary(parser);
    if (t.k === 'num' && t.text.length > 1 && !t.text.includes('.')) {
      s.next();
      s.pushFront({ k: 'num', text: t.text.slice(1) });
      return num(Number(t.text[0]));
    }
    if (t.k === 'word') {
      s.next();
      s.pushFront({ k: 'word', text: t.text.slice(1) });
      return letterNode(t.text[0]!);
    }
    return parsePostfix();
  }

  /** Factors written side by side without operators, for function arguments such as "\sin 2x". */
  function parseImplicitProduct(): MathNode {
    let node = parsePower();
    while (s.peek() && (s.is('num') || (s.is('id') && s.peek()!.text.length === 1) || (s.is('cmd') && GREEK.has(s.peek()!.text)))) node = mulOf(node, parsePower());
    return node;
  }

  function parsePostfix(): MathNode {
    return parsePostfixOps(parser, parsePrimary(parser));
  }

  return parser;
}

const isInteger = (n: MathNode): boolean => n.t === 'num' && n.decimals === 0;

/** "7\frac{3}{4}": a whole number written right before a fraction of whole numbers. */
function isMixedNumber(whole: MathNode, fraction: MathNode): boolean {
  const w = whole.t === 'neg' ? whole.arg : whole;
  return isInteger(w) && fraction.t === 'div' && isInteger(fraction.num) && isInteger(fraction.den);
}

function mixedNumber(whole: MathNode, fraction: MathNode): MathNode {
  if (whole.t === 'neg') return { t: 'neg', arg: { t: 'add', args: [whole.arg, fraction] } };
  return { t: 'add', args: [whole, fraction] };
}

