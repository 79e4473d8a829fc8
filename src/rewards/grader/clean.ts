/**
 * String-level cleanup of an extracted answer before parsing: delimiters, spacing commands,
 * thousands separators, degree marks, currency and trailing punctuation. Each rule removes
 * decoration only; nothing here changes the value an answer denotes.
 */
export function cleanAnswerText(raw: string): string {
  let s = raw.replace(/\r?\n/g, ' ').trim();
  s = stripDelimiters(s);
  s = s
    .replace(/\\displaystyle|\\textstyle/g, ' ')
    .replace(/,\\!\s*/g, ',') // 10,\!000 is a thousands separator
    .replace(/\{,\}/g, ',')
    .replace(/\\!/g, '')
    .replace(/\\[dtc]frac/g, '\\frac')
    .replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|°/g, '')
    .replace(/\\textdegree|\\degree/g, '')
    .replace(/\\\$|[€£¥₹]/g, '')
    .replace(/\$/g, ' ')
    .replace(/\\%/g, '%')
    .replace(/\\left\s*\.|\\right\s*\./g, '')
    .trim();
  // 7\,425\,000: thin spaces between digit groups (repeated, since groups overlap).
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/(\d)(?:\\,|\\ |~|\\;|\\:)(\d{3})(?!\d)/, '$1$2');
  }
  s = stripTrailingPunctuation(s);
  s = joinThousands(s);
  s = s.replace(/^([-+]?)(\d+)\s+(\d+)\s*\/\s*(\d+)$/, '$1($2+$3/$4)'); // mixed number "7 3/4"
  return s.trim();
}

/** Removes one pair of $...$, $$...$$, \(...\), \[...\] around the whole answer. */
export function stripDelimiters(text: string): string {
  let s = text.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [open, close] of [
      ['$$', '$$'],
      ['$', '$'],
      ['\\(', '\\)'],
      ['\\[', '\\]'],
    ] as const) {
      if (s.length >= open.length + close.length && s.startsWith(open) && s.endsWith(close)) {
        s = s.slice(open.length, s.length - close.length).trim();
        changed = true;
      }
    }
  }
  return s;
}

/** Sentence punctuation after an answer ("5.", "\frac13,") is not part of it; "..." is. */
function stripTrailingPunctuation(text: string): string {
  let s = text;
  for (;;) {
    const next = s.replace(/(?<!\.)[.,;:]\s*$/, '').replace(/\\[,;:!]\s*$/, '').replace(/\\quad\s*$/, '').trimEnd();
    if (next === s || next.endsWith('..')) return next.endsWith('..') ? s : next;
    s = next;
  }
}

/** "7,425,000" and "1 000.5" are single numbers when that is all the answer holds. */
function joinThousands(text: string): string {
  if (/^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?%?$/.test(text)) return text.replace(/,/g, '');
  if (/^[-+]?[1-9]\d{0,2}( \d{3})+(\.\d+)?%?$/.test(text)) return text.replace(/ /g, '');
  return text;
}
