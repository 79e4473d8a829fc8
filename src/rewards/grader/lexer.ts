/**
 * Splits a LaTeX or plain-text math answer into tokens. LaTeX commands keep their name without
 * the backslash; text arguments (\text{...}) become one token; Unicode math symbols map to their
 * LaTeX names, so the parser sees one vocabulary.
 */
export type Token =
  | { k: 'num'; text: string }
  /** A single letter, or a known word (sin, sqrt, pi, infinity, and, or, ...). */
  | { k: 'id'; text: string }
  /** Any other run of letters (a unit, a name, "Evelyn"). */
  | { k: 'word'; text: string }
  | { k: 'cmd'; text: string }
  | { k: 'op'; text: string }
  | { k: 'text'; text: string };

/** Plain words with a math meaning. */
export const KNOWN_WORDS = new Set([
  'sqrt', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh',
  'log', 'ln', 'exp', 'pi', 'infinity', 'inf', 'infty', 'abs', 'and', 'or', 'lcm', 'gcd', 'mod', 'cbrt',
]);

/** Commands that a doubled backslash (a common escaping slip: "\\frac") may stand for. */
const REPAIRABLE_COMMANDS = new Set([
  'frac', 'dfrac', 'tfrac', 'cfrac', 'sqrt', 'left', 'right', 'le', 'leq', 'ge', 'geq', 'lt', 'gt', 'ne', 'neq', 'pi',
  'cdot', 'times', 'div', 'pm', 'mp', 'infty', 'in', 'cup', 'cap', 'text', 'mathrm', 'sin', 'cos', 'tan', 'ln', 'log',
  'exp', 'boxed', 'begin', 'circ', 'theta', 'alpha', 'beta', 'approx', 'sec', 'csc', 'cot', 'dots', 'ldots', 'cdots', 'angle',
]);

const TEXT_COMMANDS = new Set(['text', 'textnormal', 'mbox', 'textrm', 'textit', 'textbf', 'textsf', 'texttt', 'hbox']);

const UNICODE: Record<string, Token> = {
  '−': { k: 'op', text: '-' },
  '–': { k: 'op', text: '-' },
  '×': { k: 'op', text: '*' },
  '·': { k: 'op', text: '*' },
  '⋅': { k: 'op', text: '*' },
  '÷': { k: 'op', text: '/' },
  '≤': { k: 'op', text: '<=' },
  '≥': { k: 'op', text: '>=' },
  '≠': { k: 'op', text: '!=' },
  '≈': { k: 'cmd', text: 'approx' },
  '±': { k: 'cmd', text: 'pm' },
  '√': { k: 'id', text: 'sqrt' },
  'π': { k: 'id', text: 'pi' },
  '∞': { k: 'id', text: 'infinity' },
  '∪': { k: 'cmd', text: 'cup' },
  '∩': { k: 'cmd', text: 'cap' },
  '∈': { k: 'cmd', text: 'in' },
  '⟨': { k: 'op', text: '(' },
  '⟩': { k: 'op', text: ')' },
};

const SUPERSCRIPTS: Record<string, string> = { '²': '2', '³': '3', '¹': '1', '⁴': '4' };

/** Reads a brace-balanced group starting at `open` (the index of "{"); returns its content and the index after it. */
export function readGroup(s: string, open: number): { content: string; end: number } | null {
  if (s[open] !== '{') return null;
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return { content: s.slice(open + 1, i), end: i + 1 };
    }
  }
  return null;
}

/** Tokenizes `s`; never throws (unknown characters become single-character op tokens). */
export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let envDepth = 0;
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '\\') {
      const next = s[i + 1] ?? '';
      if (next === '\\') {
        // "\\frac" outside a matrix is an escaping slip for "\frac", not a line break.
        const word = /^[a-zA-Z]+/.exec(s.slice(i + 2))?.[0];
        if (envDepth === 0 && word && REPAIRABLE_COMMANDS.has(word)) {
          i += 1;
          continue;
        }
        out.push({ k: 'op', text: '\\\\' });
        i += 2;
        continue;
      }
      const name = /^[a-zA-Z]+/.exec(s.slice(i + 1))?.[0];
      if (!name) {
        out.push({ k: 'cmd', text: next });
        i += 2;
        continue;
      }
      i += 1 + name.length;
      if (TEXT_COMMANDS.has(name)) {
        const group = readGroup(s, skipSpaces(s, i));
        if (group) {
          out.push({ k: 'text', text: group.content });
          i = group.end;
          continue;
        }
      }
      if (name === 'begin') envDepth++;
      if (name === 'end') envDepth = Math.max(0, envDepth - 1);
      out.push({ k: 'cmd', text: name });
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(s[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(s.slice(i))!;
      // A trailing "." with no digits after it is punctuation, not part of the number.
      out.push({ k: 'num', text: m[0] });
      i += m[0].length;
      continue;
    }
    if (/[a-zA-Z]/.test(ch)) {
      let word = /^[a-zA-Z]+/.exec(s.slice(i))![0];
      // "W(x)=1orW(x)=-1": a connector glued to the next name after a value.
      const glued = /^(or|and)(?=[A-Z])/.exec(word);
      const prev = out[out.length - 1];
      if (glued && prev && (prev.k === 'num' || (prev.k === 'op' && prev.text === ')'))) {
        out.push({ k: 'id', text: glued[1]! });
        word = word.slice(glued[1]!.length);
        i += glued[1]!.length;
      }
      i += word.length;
      if (word.length === 1) out.push({ k: 'id', text: word });
      else if (KNOWN_WORDS.has(word.toLowerCase())) out.push({ k: 'id', text: word.toLowerCase() });
      else out.push({ k: 'word', text: word });
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '!=' || two === '**' || two === '=<' || two === '=>') {
      out.push({ k: 'op', text: two === '**' ? '^' : two === '=<' ? '<=' : two === '=>' ? '>=' : two });
      i += 2;
      continue;
    }
    const mapped = UNICODE[ch];
    if (mapped) {
      out.push(mapped);
      i++;
      continue;
    }
    const sup = SUPERSCRIPTS[ch];
    if (sup) {
      out.push({ k: 'op', text: '^' }, { k: 'num', text: sup });
      i++;
      continue;
    }
    out.push({ k: 'op', text: ch });
    i++;
  }
  return out;
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
}
