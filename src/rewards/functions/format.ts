import { afterLastBoxed, stripString } from '../grader/index.js';
import type { RewardFunction, RewardItem, RewardResult } from '../types.js';

/**
 * The paper's format reward (`box_only_format`), exactly: 1 iff the response contains the
 * substring "boxed" and the brace-balanced content after the last "boxed" is non-empty after
 * strip_string. A substring test, so "\fbox{3}" scores 0 and an empty "\boxed{}" scores 0.
 */
export function boxedFormatReward(response: string): RewardResult {
  if (!response.includes('boxed')) return { reward: 0, extracted: '' };
  const content = stripString(afterLastBoxed(response));
  return { reward: content.length > 0 ? 1 : 0, extracted: content };
}

/** The r1-style set of characters the original right-strips (a quirk kept on purpose). */
const R1_STRIP = new Set('</answer>');

/**
 * The r1-style format reward: the text after the last "<answer>", right-stripped of the character
 * set of "</answer>" (not the string: trailing "a", "n", "s", "w", "e", "r", "<", "/", ">" all go),
 * rewarded 1 when something remains. Without "<answer>", the whole response is that text.
 */
export function r1FormatReward(response: string): RewardResult {
  let tail = response.split('<answer>').pop()!;
  let end = tail.length;
  while (end > 0 && R1_STRIP.has(tail[end - 1]!)) end--;
  tail = tail.slice(0, end);
  return { reward: tail.length > 0 ? 1 : 0, extracted: tail };
}

export const formatReward: RewardFunction = {
  name: 'format',
  description: 'Format only: 1 if the response has a non-empty \\boxed{} answer, whatever its correctness',
  score: (item: RewardItem, context) => (context.style === 'r1' ? r1FormatReward(item.response) : boxedFormatReward(item.response)),
};
