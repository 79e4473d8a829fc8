import { badInput } from '../core/errors.js';
import type { LanguageModel } from '../lm/types.js';
import type { ThinkingTemplate } from './templates.js';

/** The knobs of budget forcing. All token counts are in the model's own tokens. */
export interface ThinkingBudget {
  /** Thinking tokens allowed across all rounds; `auto` = what is left of `maxGenTokens` (s1). */
  maxThinking: number | 'auto';
  /** Ends of thinking before this many tokens are suppressed (with the extension string). */
  minThinking?: number;
  /**
   * How many times an end of thinking may be suppressed (s1's "ignore" count, K). Without
   * `minThinking` the first K ends are suppressed; with it, only ends before the minimum, at most
   * K times (unbounded when K is not given).
   */
  wait?: number;
  /** Appended in place of a suppressed end of thinking (default "Wait"). */
  extension?: string;
  /** Token limit of the answer phase (default 1024). */
  maxAnswerTokens?: number;
  /** Total generation limit that `auto` is computed from (default 32768, s1's max_gen_toks). */
  maxGenTokens?: number;
}

export interface ResolvedBudget {
  maxThinking: number;
  minThinking: number | null;
  wait: number | null;
  extension: string;
  maxAnswerTokens: number;
}

export const DEFAULT_EXTENSION = 'Wait';
export const DEFAULT_MAX_ANSWER_TOKENS = 1024;
export const DEFAULT_MAX_GEN_TOKENS = 32768;
/** s1 keeps this many tokens of `max_gen_toks` for the answer when the budget is `auto`. */
const AUTO_ANSWER_RESERVE = 100;

/**
 * s1's `auto` budget: max_gen_toks − prompt − "<|im_start|>think" − "<|im_start|>answer\nFinal Answer:" − 100.
 * @example await autoThinkingBudget(model, template, prompt, 32768) // e.g. 32562
 */
export async function autoThinkingBudget(model: LanguageModel, template: ThinkingTemplate, prompt: string, maxGenTokens = DEFAULT_MAX_GEN_TOKENS): Promise<number> {
  const [promptTokens, startTokens, endTokens] = await Promise.all([
    model.countTokens(prompt),
    model.countTokens(template.thinkStart),
    model.countTokens(template.thinkEnd + template.forcedAnswerPrefix),
  ]);
  return maxGenTokens - promptTokens - startTokens - endTokens - AUTO_ANSWER_RESERVE;
}

/** Checks a budget (field names in errors match the HTTP body) and resolves `auto`. */
export async function checkBudget(model: LanguageModel, budget: ThinkingBudget, prompt: string, template: ThinkingTemplate): Promise<ResolvedBudget> {
  const minThinking = optionalCount(budget.minThinking, 'minThinking');
  const wait = optionalCount(budget.wait, 'wait');
  const maxAnswerTokens = optionalCount(budget.maxAnswerTokens, 'maxAnswerTokens') ?? DEFAULT_MAX_ANSWER_TOKENS;
  if (maxAnswerTokens < 1) throw badInput('maxAnswerTokens must be at least 1', { field: 'maxAnswerTokens' });
  const extension = budget.extension ?? DEFAULT_EXTENSION;
  if (typeof extension !== 'string') throw badInput('extension must be a string', { field: 'extension' });
  let maxThinking: number;
  if (budget.maxThinking === 'auto') {
    const maxGen = optionalCount(budget.maxGenTokens, 'maxGenTokens') ?? DEFAULT_MAX_GEN_TOKENS;
    maxThinking = await autoThinkingBudget(model, template, prompt, maxGen);
    if (maxThinking < 1) throw badInput(`maxGenTokens ${maxGen} leaves no room to think after the prompt and the answer reserve`, { field: 'maxGenTokens' });
  } else {
    const n = optionalCount(budget.maxThinking, 'maxThinking');
    if (n === undefined) throw badInput('maxThinking is required: a token count or "auto"', { field: 'maxThinking' });
    maxThinking = n;
  }
  if (minThinking !== undefined && minThinking > maxThinking) {
    throw badInput(`minThinking (${minThinking}) is above maxThinking (${maxThinking})`, { field: 'minThinking' });
  }
  return { maxThinking, minThinking: minThinking ?? null, wait: wait ?? null, extension, maxAnswerTokens };
}

function optionalCount(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw badInput(`${field} must be a whole number of tokens (0 or more), got ${JSON.stringify(value)}`, { field });
  return value;
}
