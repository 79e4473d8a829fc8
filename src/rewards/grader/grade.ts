import { parseAnswer } from './answer.js';
import { nodesEqual, type CompareOptions } from './compare.js';
import { DEFAULT_EXTRACT_OPTIONS, extractAnswer, type ExtractionMethod, type ExtractOptions } from './extract.js';
import { DEFAULT_TOLERANCE, type Tolerance } from './numeric.js';
import { gradePrm800k } from './prm800k.js';
import { qwenExtractAnswer } from './qwenExtract.js';

/**
 * `lmscope`: extraction from free text on both sides, structural and numeric equivalence.
 * `prm800k`: the Qwen extractor on the prediction and the PRM800K rules (what the paper's rewards used).
 */
export type GraderMode = 'lmscope' | 'prm800k';
export const GRADER_MODES: readonly GraderMode[] = ['lmscope', 'prm800k'];

export interface GradeOptions {
  mode?: GraderMode;
  extract?: Partial<ExtractOptions>;
  tolerance?: Partial<Tolerance>;
  setRelation?: CompareOptions['setRelation'];
}

export interface GradedSide {
  /** The answer found in the text. */
  extracted: string;
  method: ExtractionMethod | 'qwen' | 'raw';
  /** The normalized form that was compared. */
  normalized: string;
}

export interface GradeResult {
  equal: boolean;
  mode: GraderMode;
  gold: GradedSide;
  pred: GradedSide;
  /** Why the answer is not equal when that is not a plain mismatch (e.g. no answer found). */
  reason?: 'no_answer_in_prediction' | 'no_answer_in_gold';
}

/**
 * Grades a prediction against a gold answer. Either may be a bare answer, LaTeX, or free text
 * with the answer inside. Pure and synchronous; never throws on odd input.
 * @example gradeAnswer('\\frac{14}{3}', 'so $f = \\boxed{\\dfrac{14}{3}}$').equal // true
 */
export function gradeAnswer(gold: string, pred: string, options: GradeOptions = {}): GradeResult {
  const mode = options.mode ?? 'lmscope';
  if (mode === 'prm800k') return gradeLikePaper(gold, pred);
  const extractOptions = { ...DEFAULT_EXTRACT_OPTIONS, ...options.extract };
  const goldFound = extractAnswer(gold, extractOptions);
  const predFound = extractAnswer(pred, extractOptions);
  const goldParsed = parseAnswer(goldFound.answer);
  const predParsed = parseAnswer(predFound.answer);
  const gold_: GradedSide = { extracted: goldFound.answer, method: goldFound.method, normalized: goldParsed.normalized };
  const pred_: GradedSide = { extracted: predFound.answer, method: predFound.method, normalized: predParsed.normalized };
  if (goldFound.method === 'none') return { equal: false, mode, gold: gold_, pred: pred_, reason: 'no_answer_in_gold' };
  if (predFound.method === 'none') return { equal: false, mode, gold: gold_, pred: pred_, reason: 'no_answer_in_prediction' };
  const compare: CompareOptions = { tolerance: { ...DEFAULT_TOLERANCE, ...options.tolerance }, setRelation: options.setRelation ?? 'both' };
  const equal = goldParsed.readings.some((g) => predParsed.readings.some((p) => safeEqual(g, p, compare)));
  return { equal, mode, gold: gold_, pred: pred_ };
}

function safeEqual(...args: Parameters<typeof nodesEqual>): boolean {
  try {
    return nodesEqual(...args);
  } catch (error) {
    // Deeply nested input can overflow the stack: that is a mismatch, not a crash.
    if (error instanceof RangeError) return false;
    throw error;
  }
}

function gradeLikePaper(gold: string, pred: string): GradeResult {
  const predAnswer = qwenExtractAnswer(pred);
  const goldAnswer = gold.includes('boxed') ? qwenExtractAnswer(gold) : gold.trim();
  const verdict = gradePrm800k(predAnswer === '' ? null : predAnswer, goldAnswer);
  const result: GradeResult = {
    equal: verdict.equal,
    mode: 'prm800k',
    gold: { extracted: goldAnswer, method: gold.includes('boxed') ? 'qwen' : 'raw', normalized: verdict.truth },
    pred: { extracted: predAnswer, method: 'qwen', normalized: verdict.given },
  };
  if (predAnswer === '') result.reason = 'no_answer_in_prediction';
  return result;
}
