import { gradeAnswer } from '../rewards/grader/index.js';

/**
 * The one place where thinking evaluations grade answers. s1's rule comes first (two digit strings
 * compare as integers: "023" = "23"); everything else goes to the project's math grader, which
 * stands in for the harness's gpt-4o-mini equivalence check.
 */

/** Decides whether an extracted answer matches the gold answer. */
export type AnswerGrader = (answer: string, gold: string) => boolean;

/**
 * s1's AIME/MATH grading of an extracted answer.
 * @example gradeMathAnswer('023', '23') // true
 * @example gradeMathAnswer('\\dfrac{1}{2}', '0.5') // true
 */
export const gradeMathAnswer: AnswerGrader = (answer, gold) => {
  const a = answer.trim();
  const g = gold.trim();
  if (/^\d+$/.test(a) && /^\d+$/.test(g)) return BigInt(a) === BigInt(g);
  return gradeAnswer(g, a).equal;
};
