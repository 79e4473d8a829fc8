import { readGroup } from './lexer.js';

const SYMBOLS: Record<string, string> = {
  pi: 'pi', infty: 'inf', cup: 'U', cdot: '*', times: '*', div: '/', pm: '±', le: '<=', leq: '<=', ge: '>=', geq: '>=',
  ne: '!=', neq: '!=', theta: 'θ', alpha: 'α', beta: 'β', circ: '', left: '', right: '', '%': '%', $: '$', ',': ' ', '!': '',
  ';': ' ', ' ': ' ', quad: ' ', qquad: ' ', '{': '{', '}': '}', dots: '...', ldots: '...', cdots: '...',
};

/**
 * LaTeX to plain math text, as the PRM800K grader gets it from pylatexenc: \frac{a}{b} -> a/b
 * (parenthesized when the parts are not single tokens), \sqrt{x} -> sqrt(x), \pi -> pi,
 * text commands keep their content, other commands keep their arguments.
 */
export function latexToPlain(latex: string): string {
  let out = '';
  let i = 0;
  while (i < latex.length) {
    const ch = latex[i]!;
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const name = /^[a-zA-Z]+/.exec(latex.slice(i + 1))?.[0] ?? latex[i + 1] ?? '';
    i += 1 + name.length;
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      const [a, afterA] = readArg(latex, i);
      const [b, afterB] = readArg(latex, afterA);
      i = afterB;
      const pa = latexToPlain(a);
      const pb = latexToPlain(b);
      out += ` ${wrap(pa)}/${wrap(pb)}`;
    } else if (name === 'sqrt') {
      const [a, after] = readArg(latex, i);
      i = after;
      out += `sqrt(${latexToPlain(a)})`;
    } else if (name in SYMBOLS) {
      out += SYMBOLS[name];
    } else if (/^(text|textbf|mathrm|mathbf|mbox|textnormal|operatorname)$/.test(name)) {
      const [a, after] = readArg(latex, i);
      i = after;
      out += latexToPlain(a);
    }
    // Any other command is dropped; its arguments stay as plain text.
  }
  return out.trim();
}

function wrap(s: string): string {
  return /^[-]?[\w.]+$/.test(s) ? s : `(${s})`;
}

/** A {group} or the next single character, skipping spaces. */
function readArg(s: string, from: number): [string, number] {
  let i = from;
  while (s[i] === ' ') i++;
  if (s[i] === '{') {
    const group = readGroup(s, i);
    if (group) return [group.content, group.end];
  }
  return [s[i] ?? '', i + 1];
}
