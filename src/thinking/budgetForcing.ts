import { LmscopeError } from '../core/errors.js';
import type { CompletionResult, LanguageModel, UnsupportedWarning } from '../lm/types.js';
import { checkBudget, type ThinkingBudget } from './budget.js';
import { formatPrompt, type ThinkingTemplate } from './templates.js';

/**
 * A piece of the assistant's text as it is produced: model thinking, a forced insertion (extension
 * or forced end), the template's end marker after a natural end, or the answer.
 */
export interface ThinkTextEvent {
  phase: 'thinking' | 'intervention' | 'marker' | 'answer';
  text: string;
}

/** Where the decoder stepped in: the thinking token count and character offset at that moment. */
export interface Intervention {
  /** `extend`: the model tried to end thinking and the extension was appended instead;
   *  `force_answer`: the budget ran out and the end of thinking plus the answer prefix were forced. */
  kind: 'extend' | 'force_answer';
  /** Thinking tokens generated before the intervention (counted in the model's tokens). */
  tokenPosition: number;
  /** Offset in `thinking` (characters) where the inserted text begins. */
  charOffset: number;
  /** The thinking round that ended here (1-based). */
  round: number;
  /** The exact text inserted. */
  text: string;
}

export interface ThinkRequest extends ThinkingBudget {
  question: string;
  template: ThinkingTemplate;
  /** Sampling temperature (default 0: greedy, as in s1's main results). */
  temperature?: number;
  topP?: number;
  seed?: number;
  signal?: AbortSignal;
  /** Called with each piece of the assistant's text as soon as it exists. */
  onText?: (event: ThinkTextEvent) => void;
}

export interface ThinkResult {
  template: string;
  prompt: string;
  thinking: string;
  answer: string;
  /** The whole assistant text: thinking start + thinking + end of thinking (+ forced prefix) + answer. */
  text: string;
  /** Thinking tokens across all rounds, extensions included; never above `maxThinking`. */
  thinkingTokens: number;
  answerTokens: number;
  /** Thinking generation calls (1 + number of extensions, unless the budget was already spent). */
  rounds: number;
  interventions: Intervention[];
  /** `model`: the model ended thinking itself; `budget`: the maximum forced the end. */
  endedBy: 'model' | 'budget';
  /** Budget actually applied (`auto` resolved to a number). */
  budget: { maxThinking: number; minThinking: number | null; wait: number | null; extension: string; maxAnswerTokens: number };
  warnings: UnsupportedWarning[];
}

/**
 * Budget forcing (s1): think until the model ends thinking or the budget runs out, then answer.
 * One remaining-budget counter spans every round; a too-early end is replaced by the extension
 * string; an exhausted budget forces the end marker and "Final Answer:".
 * @example thinkWithBudget(model, { question: '1+1?', template: resolveTemplate('s1'), maxThinking: 512, wait: 2 })
 */
export async function thinkWithBudget(model: LanguageModel, request: ThinkRequest): Promise<ThinkResult> {
  const { template } = request;
  const temperature = request.temperature ?? 0;
  const prompt = formatPrompt(template, request.question);
  const budget = await checkBudget(model, request, prompt, template);
  const head = prompt + template.thinkStart;
  const extensionTokens = budget.extension === '' ? 0 : await model.countTokens(budget.extension);
  const emit = (phase: ThinkTextEvent['phase'], text: string): void => {
    if (text !== '') request.onText?.({ phase, text });
  };
  const warnings: UnsupportedWarning[] = [];
  const interventions: Intervention[] = [];
  let thinking = '';
  let used = 0;
  let rounds = 0;
  let extensions = 0;
  let endedBy: ThinkResult['endedBy'] = 'budget';

  while (budget.maxThinking - used > 0) {
    const remaining = budget.maxThinking - used;
    rounds++;
    const result = await model.complete({ prompt: head + thinking, maxTokens: remaining, stop: template.thinkStop, temperature, topP: request.topP, seed: roundSeed(request.seed, rounds), signal: request.signal });
    checkFinish(result, 'thinking');
    collectWarnings(warnings, result.warnings);
    const piece = cutAtStop(result.text, template.thinkStop);
    thinking += piece;
    used += result.usage.completionTokens;
    emit('thinking', piece);
    if (result.finishReason === 'length') break;
    // The model ended thinking (a stop string or its end-of-sequence token).
    const early = budget.minThinking === null || used < budget.minThinking;
    const allowed = budget.wait === null ? budget.minThinking !== null : extensions < budget.wait;
    const fits = extensionTokens < budget.maxThinking - used;
    // An empty extension after an empty round would repeat the same round forever.
    const progresses = piece !== '' || budget.extension !== '';
    if (!(early && allowed && fits && progresses)) {
      endedBy = 'model';
      break;
    }
    interventions.push({ kind: 'extend', tokenPosition: used, charOffset: thinking.length, round: rounds, text: budget.extension });
    thinking += budget.extension;
    used += extensionTokens;
    extensions++;
    emit('intervention', budget.extension);
  }

  let endBlock = template.thinkEnd;
  if (endedBy === 'budget') {
    endBlock = `${thinking.endsWith('\n') ? '' : '\n'}${template.thinkEnd}${template.forcedAnswerPrefix}`;
    interventions.push({ kind: 'force_answer', tokenPosition: used, charOffset: thinking.length, round: rounds, text: endBlock });
  }
  emit(endedBy === 'budget' ? 'intervention' : 'marker', endBlock);
  const answerResult = await model.complete({ prompt: head + thinking + endBlock, maxTokens: budget.maxAnswerTokens, stop: template.answerStop, temperature, topP: request.topP, seed: roundSeed(request.seed, 0), signal: request.signal });
  checkFinish(answerResult, 'answer');
  collectWarnings(warnings, answerResult.warnings);
  const answer = cutAtStop(answerResult.text, template.answerStop);
  emit('answer', answer);

  return {
    template: template.name,
    prompt,
    thinking,
    answer,
    text: template.thinkStart + thinking + endBlock + answer,
    thinkingTokens: used,
    answerTokens: answerResult.usage.completionTokens,
    rounds,
    interventions,
    endedBy,
    budget,
    warnings,
  };
}

/** Backends drop the stop string; this guards against one that returns it (or text after it). */
export function cutAtStop(text: string, stops: readonly string[]): string {
  let end = text.length;
  for (const stop of stops) {
    const at = text.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  return text.slice(0, end);
}

/** Rounds get distinct seeds so a seeded sampler does not replay the same draws after "Wait". */
function roundSeed(seed: number | undefined, round: number): number | undefined {
  return seed === undefined ? undefined : seed + round * 7919;
}

function checkFinish(result: CompletionResult, phase: string): void {
  if (result.finishReason === 'abort') throw new LmscopeError('aborted', `generation was aborted during the ${phase} phase`, { status: 499 });
  if (result.finishReason === 'error') throw new LmscopeError('backend_error', `the backend failed during the ${phase} phase`, { status: 502, isRetryable: true });
}

function collectWarnings(into: UnsupportedWarning[], from: UnsupportedWarning[]): void {
  for (const w of from) if (!into.some((x) => x.feature === w.feature)) into.push(w);
}
