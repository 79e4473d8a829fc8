import { findBoxed } from './spans.js';

/**
 * The answer extractor of the Spurious Rewards / Qwen2.5-Math evaluation code, step by step:
 * Minerva's "final answer is $X$. I hope", the content after the last "boxed", the text after the
 * last "he answer is" / "final answer is", else the last number; then light post-processing and
 * `stripString`. Kept separate from the general extractor so rewards can reproduce the paper.
 */
export function qwenExtractAnswer(response: string): string {
  let pred: string;
  const text = response.replace(/\u043a\u0438/g, '');
  if (text.includes('final answer is $') && text.includes('$. I hope')) {
    pred = text.split('final answer is $').slice(1).join('final answer is $').split('$. I hope')[0]!.trim();
  } else if (text.includes('boxed')) {
    pred = afterLastBoxed(text);
  } else if (text.includes('he answer is')) {
    pred = text.split('he answer is').pop()!.trim();
  } else if (text.includes('final answer is')) {
    pred = text.split('final answer is').pop()!.trim();
  } else {
    const numbers = text.replace(/,/g, '').match(/-?\d*\.?\d+/g);
    pred = numbers ? numbers[numbers.length - 1]! : '';
  }
  pred = pred.replace(/\n\s*/g, '');
  if (pred.startsWith(':')) pred = pred.slice(1);
  if (pred.endsWith('.')) pred = pred.slice(0, -1);
  if (pred.endsWith('/')) pred = pred.slice(0, -1);
  return stripString(pred);
}

/** Content after the last "boxed": brace-balanced when a brace follows, else up to the next "$". */
export function afterLastBoxed(text: string): string {
  const tail = text.slice(text.lastIndexOf('boxed') + 'boxed'.length);
  if (tail.length === 0) return '';
  if (tail[0] === '{') {
    const boxes = findBoxed(`\\boxed${tail}`);
    return boxes[0]?.content ?? '';
  }
  return tail.split('$')[0]!.trim();
}

const UNIT_TEXTS = [
  'degree', 'mph', 'kmph', 'ft', 'sq m', 'deg', 'mile', 'gm', 'lb', 'dm', 'gal', 'kmh', 'acre', 'hectare', 'inches', 'inch',
  'feet', 'foot', 'yard', 'meter', 'metre', 'km', 'cm', 'mm', 'kg', 'liter', 'litre', 'gallon', 'hour', 'hr', 'minute', 'min',
  'second', 'sec', 'day', 'week', 'month', 'year', 'yr', 'unit', 'percent', 'cubic', 'square', 'rupee', 'rs', 'dollar', 'cent',
].flatMap((t) => [`${t}s`, t]);

/** Compiled once: stripString runs for every response a reward scores. */
const UNIT_PATTERNS = UNIT_TEXTS.map((unit) => new RegExp(`(^|\\W)${unit}($|\\W)`, 'g'));

const WORD_NUMBERS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17', eighteen: '18',
  nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50', sixty: '60', seventy: '70', eighty: '80', ninety: '90',
  hundred: '100', thousand: '1000',
};

/**
 * Qwen-style `strip_string`: frac spellings, \left/\right, bmatrix, trailing \text{} units,
 * unit words, degrees, dollars, word numbers, "x =" prefixes, percent, \sqrt3 and \frac12 forms.
 * Its multi-letter unit list is kept; the original's single-letter "units" (which delete variables)
 * are left out on purpose.
 */
export function stripString(input: string): string {
  let s = input.trim().replace(/\n/g, '').replace(/\.+$/, '').replace(/\\!/g, '');
  s = s.replace(/\\begin\{array\}\{[^}]*\}/g, '\\begin{pmatrix}').replace(/\\end\{array\}/g, '\\end{pmatrix}').replace(/bmatrix/g, 'pmatrix');
  s = s.replace(/tfrac|dfrac/g, 'frac').replace(/\\neq/g, '\\ne').replace(/\\leq/g, '\\le').replace(/\\geq/g, '\\ge');
  s = s.replace(/\\left|\\right/g, '').replace(/\\\{/g, '{').replace(/\\\}/g, '}');
  const withoutUnit = s.replace(/\\text\{[^}]*\}$/, '').trim();
  if (withoutUnit !== '' && withoutUnit !== s) s = withoutUnit;
  for (let pass = 0; pass < 2; pass++) {
    for (const pattern of UNIT_PATTERNS) {
      const next = s.replace(pattern, '$1$2');
      if (next !== '') s = next;
    }
  }
  s = s.replace(/\^\{\\circ\}|\^\\circ/g, '').replace(/\\\$/g, '').replace(/\$/g, '').replace(/\\\(|\\\)/g, '');
  const word = WORD_NUMBERS[s.trim().toLowerCase()];
  if (word) s = word;
  s = s.replace(/\\text\{(.*?)\}/g, '$1');
  for (const key of ['x=', 'y=', 'z=', 'x\\in', 'y\\in', 'z\\in', 'x\\to', 'y\\to', 'z\\to']) s = s.split(key).join('');
  s = s.replace(/\\emptyset/g, '{}').replace(/\(-\\infty,\\infty\)/g, '\\mathbb{R}');
  s = s.replace(/\\%|%/g, '').replace(/ \./g, ' 0.').replace(/\{\./g, '{0.');
  if (/^[{(\[][A-Za-z0-9]+[})\]]$/.test(s)) s = s.slice(1, -1);
  s = s.replace(/infinity/g, '\\infty');
  if (!s.includes('\\infty')) s = s.replace(/inf/g, '\\infty');
  s = s.replace(/\\mathbf/g, '').replace(/\\mbox\{.*?\}/g, '');
  if (s.includes('j') && !s.includes('i')) s = s.replace(/j/g, 'i');
  s = s.replace(/(\d+)\.0*([^\d])/g, '$1$2').replace(/(\d+)\.0*$/, '$1');
  if (s.length === 0) return s;
  if (s[0] === '.') s = `0${s}`;
  const sides = s.split('=');
  if (sides.length === 2 && sides[0]!.length <= 2) s = sides[1]!;
  s = s.replace(/\\sqrt(\w+)/g, '\\sqrt{$1}').replace(/ /g, '');
  s = fixFracs(s);
  const slash = /^(-?\d+)\/(\d+)$/.exec(s);
  if (slash) s = `\\frac{${slash[1]}}{${slash[2]}}`;
  return s;
}

/** \frac12 -> \frac{1}{2}, \frac1{72} -> \frac{1}{72}. */
export function fixFracs(s: string): string {
  const parts = s.split('\\frac');
  let out = parts[0]!;
  for (const part of parts.slice(1)) {
    out += '\\frac';
    if (part.startsWith('{') || part.length < 2) {
      out += part;
      continue;
    }
    const [a, b] = [part[0]!, part[1]!];
    out += b === '{' ? `{${a}}${part.slice(1)}` : `{${a}}{${b}}${part.slice(2)}`;
  }
  return out;
}
