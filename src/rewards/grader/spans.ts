import { readGroup } from './lexer.js';

/** A located piece of a response: [start, end) in the text, and the answer text it holds. */
export interface Span {
  start: number;
  end: number;
  content: string;
}

/**
 * Math delimited by $$...$$, \[...\], \(...\) or $...$. Inline forms may not cross a line break
 * (an unmatched currency sign must not swallow a paragraph); an escaped \$ is no delimiter.
 */
export function findMathSpans(text: string): Span[] {
  const re = /(?<!\\)\$\$([\s\S]+?)(?<!\\)\$\$|\\\[([\s\S]+?)\\\]|\\\(([^\n]+?)\\\)|(?<![\\$])\$((?:\\\$|[^\n$])+?)(?<!\\)\$/g;
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) {
    const content = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    spans.push({ start: m.index!, end: m.index! + m[0].length, content });
  }
  return spans;
}

/**
 * Every \boxed{...} and \fbox{...} (brace-balanced, nested braces allowed), and "\boxed 5"
 * without braces (up to the next $ or line end).
 */
export function findBoxed(text: string, last = 24): Span[] {
  const spans: Span[] = [];
  const re = /\\(?:boxed|fbox)(?![a-zA-Z])\s*/g;
  // Only the last boxes can be the answer; reading every one of thousands would be quadratic.
  for (const m of [...text.matchAll(re)].slice(-last)) {
    const at = m.index! + m[0].length;
    if (text[at] === '{') {
      const group = readGroup(text, at);
      if (group) spans.push({ start: m.index!, end: group.end, content: group.content });
      else spans.push({ start: m.index!, end: text.length, content: text.slice(at + 1) });
    } else {
      const rest = /^[^$\n]*/.exec(text.slice(at))![0];
      spans.push({ start: m.index!, end: at + rest.length, content: rest.trim() });
    }
  }
  return spans;
}

/** Numbers in prose: 12, -3.5, .5, 1,234, 2/3, 4 4/9, 50%, $5 (not parts of words such as "x2"). */
export function findNumbers(text: string): Span[] {
  const re =
    /(?<![\w.\\^_{}])[$€£]?\s?(-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:[.,]\d+)?|-?\.\d+)(?:(?:[ \t]+\d+)?\s*\/\s*\d+(?:\.\d+)?)?(?:\s*(?:%|percent(?:age)?\b|pct\b))?/g;
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) {
    const content = m[0].replace(/^[$€£]\s?/, '').trim();
    spans.push({ start: m.index!, end: m.index! + m[0].length, content });
  }
  return spans;
}

/**
 * True if `gap` between two answers only joins them: a connector ("and", "or", ",", ";",
 * "\\text{ for part (a) and }") or, when no math delimiter separates them, nothing at all.
 * Boxes in separate $...$ blocks with no connector between them are separate attempts.
 */
export function isJoiner(gap: string): boolean {
  if (gap.length > 60) return false;
  const unwrapped = gap
    .replace(/\\text\{([^{}]*)\}/g, ' $1 ')
    .replace(/\\q?quad|\\[,;: ]/g, ' ')
    .replace(/\\+\s*$/, ' '); // the doubled backslash of an escaped "\\boxed"
  const hasDelimiter = /\$|\\[\[\]()]/.test(unwrapped);
  const rest = unwrapped.replace(/\$|\\[\[\]()]/g, ' ').trim();
  if (rest === '') return !hasDelimiter;
  if (/^(,|;|and|or|,\s*and|,\s*or)$/i.test(rest)) return true;
  // A short phrase that ends in a connector: "for part (a) and".
  return !hasDelimiter && /^[\w\s(),]{0,40}\b(and|or)$/i.test(rest);
}
