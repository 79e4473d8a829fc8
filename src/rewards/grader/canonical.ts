import type { MathNode } from './ast.js';

/**
 * A canonical text for a node: sums, products and sets list their parts in sorted order, so
 * answers that differ only in the order of commutative parts have the same text. Used as the
 * "normalized" form in results and as the comparison of last resort for unevaluable answers.
 */
export function canonical(node: MathNode): string {
  switch (node.t) {
    case 'num':
      // Whole numbers keep their digits (doubles would merge 12345678901234567891 and ...890).
      return node.raw && node.decimals === 0 && /^\d+$/.test(node.raw) ? node.raw.replace(/^0+(?=\d)/, '') : formatNumber(node.value);
    case 'sym':
      return node.name;
    case 'const':
      return node.name === 'inf' ? 'oo' : node.name;
    case 'add':
      return `(${node.args.map(canonical).sort().join('+')})`;
    case 'mul':
      return `(${node.args.map(canonical).sort().join('*')})`;
    case 'div':
      return `(${canonical(node.num)}/${canonical(node.den)})`;
    case 'pow':
      return `${canonical(node.base)}^${canonical(node.exp)}`;
    case 'neg':
      return `-${canonical(node.arg)}`;
    case 'fn':
      return `${node.name}(${node.args.map(canonical).join(',')})`;
    case 'pm':
      return `${node.a ? canonical(node.a) : ''}±${canonical(node.b)}`;
    case 'percent':
      return `${canonical(node.arg)}%`;
    case 'tuple':
      return `${node.open}${node.items.map(canonical).join(',')}${node.close}`;
    case 'set':
      return `{${node.items.map(canonical).sort().join(',')}}`;
    case 'union':
      return node.parts.map(canonical).join('∪');
    case 'matrix':
      return `[${node.rows.map((r) => r.map(canonical).join(',')).join(';')}]`;
    case 'rel':
      return node.sides.map((side, i) => (i === 0 ? canonical(side) : `${node.ops[i - 1]}${canonical(side)}`)).join('');
    case 'text':
      return `"${normalizeText(node.text)}"`;
  }
}

/** Lower case, no spaces, no surrounding parentheses: "(C)" and "c" name the same choice. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^\((.*)\)$/, '$1')
    .replace(/[.]$/, '');
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  return String(Number(value.toPrecision(12)));
}
