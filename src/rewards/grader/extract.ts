import { parseAnswer } from './answer.js';
import { KNOWN_WORDS } from './lexer.js';
import { findBoxed, findMathSpans, findNumbers, isJoiner, type Span } from './spans.js';
import { isUnitWord } from './units.js';

/** Which extraction steps run, in this order; each can be switched off. */
export interface ExtractOptions {
  /** The last \boxed{} / \fbox{} (adjacent boxes joined), or "final answer is $X$. I hope". */
  boxed: boolean;
  /** The answer after the last "final answer", "the answer is", "answer:". */
  answerPhrase: boolean;
  /** The whole text, when it is a bare answer such as "\frac{14}{3}". */
  wholeText: boolean;
  /** The last math span ($...$, \(...\), \[...\]) or number, whichever comes last. */
  lastMathOrNumber: boolean;
}

export const DEFAULT_EXTRACT_OPTIONS: ExtractOptions = { boxed: true, answerPhrase: true, wholeText: true, lastMathOrNumber: true };

export type ExtractionMethod = 'boxed' | 'final-answer' | 'answer-phrase' | 'whole-text' | 'math-span' | 'number' | 'none';

export interface Extraction {
  /** The extracted answer text ("" when nothing was found). */
  answer: string;
  method: ExtractionMethod;
}

/** How much of the end of a response is searched. */
const MAX_SCAN_CHARS = 100_000;

/** At most this many answers are joined into one ("$1$, $2$ and $3$"), as Math-Verify does. */
const MAX_JOINED = 6;

/** Texts longer than this are responses, not bare answers. */
const WHOLE_TEXT_MAX = 400;

/**
 * Finds the answer in a response or a gold field, as widely used graders do.
 * @example extractAnswer('so the total is $\\boxed{42}$.').answer // "42"
 */
export function extractAnswer(input: string, options: ExtractOptions = DEFAULT_EXTRACT_OPTIONS): Extraction {
  // Answers sit at the end: the tail bounds the work on runaway responses.
  const text = input.length > MAX_SCAN_CHARS ? input.slice(-MAX_SCAN_CHARS) : input;
  if (options.boxed) {
    const boxed = lastBoxed(text);
    const minerva = lastMinerva(text);
    const pick = boxed && minerva ? (minerva.start > boxed.start ? minerva : boxed) : (boxed ?? minerva);
    if (pick && (pick === boxed || isUsable(pick.content))) return { answer: pick.content, method: pick === boxed ? 'boxed' : 'final-answer' };
  }
  if (options.answerPhrase) {
    const found = afterAnswerPhrase(text);
    if (found) return { answer: found, method: 'answer-phrase' };
  }
  if (options.wholeText && looksLikeBareAnswer(text) && isUsable(text)) return { answer: text.trim(), method: 'whole-text' };
  if (options.lastMathOrNumber) {
    const found = lastCandidate(text, 0, text.length);
    if (found) return found;
    // Nothing parses: the last math span as written, compared as text ("12:00").
    const spans = findMathSpans(text);
    if (spans.length > 0) return { answer: spans[spans.length - 1]!.content, method: 'math-span' };
  }
  return { answer: '', method: 'none' };
}

/** The last box, joined with the boxes right before it ("\boxed{-2} and \boxed{1}"). */
function lastBoxed(text: string): Span | undefined {
  const boxes = findBoxed(text);
  if (boxes.length === 0) return undefined;
  let i = boxes.length - 1;
  while (i > 0 && boxes.length - i < MAX_JOINED && isJoiner(text.slice(boxes[i - 1]!.end, boxes[i]!.start))) i--;
  const chosen = boxes.slice(i);
  return { start: chosen[0]!.start, end: chosen[chosen.length - 1]!.end, content: chosen.map((b) => b.content).join(', ') };
}

/** Minerva's "The final answer is $X$. I hope it is correct." */
function lastMinerva(text: string): Span | undefined {
  if (!/I hope/i.test(text)) return undefined; // also keeps the lazy pattern below from scanning long texts
  let last: Span | undefined;
  for (const m of text.matchAll(/final answer is:?\s*(.+?)\.?\s*I hope/gis)) {
    last = { start: m.index!, end: m.index! + m[0].length, content: m[1]!.replace(/^["']|["']$/g, '') };
  }
  return last;
}

/** The answer in the sentence after the last answer phrase. */
function afterAnswerPhrase(text: string): string | undefined {
  let anchorEnd = -1;
  for (const m of text.matchAll(/\b(?:final answer|answer)\b(?:\s*(?:is|:|=)\s*:?)?/gi)) anchorEnd = m.index! + m[0].length;
  if (anchorEnd < 0) return undefined;
  const stop = sentenceEnd(text, anchorEnd);
  return firstAfterPhrase(text, anchorEnd, stop);
}

/**
 * After an answer phrase: the candidate right after it ("the answer is 5, not 7"), else the later
 * of the first math span and the first number ("The largest $n$ is 34").
 */
function firstAfterPhrase(text: string, from: number, to: number): string | undefined {
  const allSpans = findMathSpans(text);
  const spans = allSpans.filter((s) => s.start >= from && s.end <= to && isUsable(s.content));
  const numbers = findNumbers(text).filter((n) => n.start >= from && n.end <= to && !allSpans.some((s) => n.start < s.end && n.end > s.start));
  const span = spans[0];
  const number = numbers[0];
  const spanText = () => withPercentSuffix(text, span!, joinedSpanContent(text, spans, lastJoined(text, spans, span!)));
  const immediate = (s: Span | undefined) => s !== undefined && /^[\s:"'*]*$/.test(text.slice(from, s.start));
  if (immediate(span)) return spanText();
  if (immediate(number)) return number!.content;
  if (span && (!number || span.end >= number.end)) return spanText();
  return number?.content;
}

/** The last span of the run of joined spans that starts at `first` ("$12$ and $13$"). */
function lastJoined(text: string, spans: Span[], first: Span): Span {
  const start = spans.indexOf(first);
  let i = start;
  while (i + 1 < spans.length && i - start + 1 < MAX_JOINED && isJoiner(text.slice(spans[i]!.end, spans[i + 1]!.start)) && !/^\s*\$*\s*$/.test(text.slice(spans[i]!.end, spans[i + 1]!.start))) i++;
  return spans[i]!;
}

/** End of the sentence starting at `from`, not counting periods inside math or numbers. */
function sentenceEnd(text: string, from: number): number {
  const spans = findMathSpans(text);
  const re = /\.(?=\s|$)|\n\s*\n|I hope|<\|/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index;
    if (!spans.some((s) => s.start < at && at < s.end)) return at;
  }
  return text.length;
}

/** The rightmost usable math span or number in text[from, to), spans joined with the spans before them. */
function lastCandidate(text: string, from: number, to: number): Extraction | undefined {
  const spans = findMathSpans(text).filter((s) => s.start >= from && s.end <= to);
  const numbers = findNumbers(text).filter((n) => n.start >= from && n.end <= to && !spans.some((s) => n.start < s.end && n.end > s.start));
  const candidates = [...spans.map((s) => ({ span: s, kind: 'math-span' as const })), ...numbers.map((n) => ({ span: n, kind: 'number' as const }))];
  candidates.sort((a, b) => b.span.end - a.span.end || a.span.start - b.span.start);
  for (const { span, kind } of candidates) {
    if (kind === 'number') return { answer: span.content, method: 'number' };
    if (!isUsable(span.content)) continue;
    const joined = withPercentSuffix(text, span, joinedSpanContent(text, spans, span));
    return { answer: isUsable(joined) ? joined : withPercentSuffix(text, span, span.content), method: 'math-span' };
  }
  return undefined;
}

function joinedSpanContent(text: string, spans: Span[], last: Span): string {
  const end = spans.indexOf(last);
  let i = end;
  while (i > 0 && end - i + 1 < MAX_JOINED && isJoiner(text.slice(spans[i - 1]!.end, spans[i]!.start)) && !/^\s*\$*\s*$/.test(text.slice(spans[i - 1]!.end, spans[i]!.start)) && isUsable(spans[i - 1]!.content)) i--;
  return spans
    .slice(i, end + 1)
    .map((s) => s.content)
    .join(', ');
}

function withPercentSuffix(text: string, span: Span, content: string): string {
  return /^\s*(?:\\?%|percent|pct)/i.test(text.slice(span.end, span.end + 12)) ? `${content}%` : content;
}

/** Parses as math, or is a short answer in words (\text{Evelyn}, (C)). */
function isUsable(content: string): boolean {
  const trimmed = content.trim();
  if (trimmed === '') return false;
  const reading = parseAnswer(trimmed).readings[0]!;
  if (reading.t !== 'text') return true;
  return /^\\(?:text|textbf|textit|textrm|textnormal|mbox|mathrm)\{[^{}]*\}\.?$/.test(trimmed) || /^\(?[A-Za-z][A-Za-z ]{0,30}\)?$/.test(trimmed);
}

/** Short, and at most one word that is neither math nor a unit: a bare answer, not prose. */
function looksLikeBareAnswer(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > WHOLE_TEXT_MAX) return false;
  const words = trimmed
    .replace(/\\(?:text|textbf|mbox|textnormal|mathrm|operatorname|begin|end)\s*\{[^{}]*\}/g, ' ')
    .replace(/\\[a-zA-Z]+/g, ' ')
    .match(/[A-Za-z]{2,}/g);
  const prose = (words ?? []).filter((w) => !KNOWN_WORDS.has(w.toLowerCase()) && !isUnitWord(w) && !/^(percent|percentage)$/i.test(w));
  return prose.length <= 1;
}
