import type { Token } from 'node-llama-cpp';
import { lmContextOverflow } from '../shared/lmErrors.js';
import { createRandom } from '../shared/random.js';
import type { CallScope } from '../shared/callScope.js';
import type { CheckedSampling } from '../shared/requestChecks.js';
import { findStop, longestStop } from '../shared/stopStrings.js';
import type { CompletionResult, FinishReason, TokenLogprob } from '../types.js';
import type { LlamaRuntime } from './llamaRuntime.js';
import { sampleToken, toLogprob, topAlternatives } from './llamaSampling.js';

export interface GenerationStops {
  /** Stop strings matched in the decoded text (cut from the result). */
  text: string[];
  /** Token sequences that end generation (e.g. a chat template's end-of-turn), dropped from the result. */
  tokens: Token[][];
}

/**
 * Generates from `promptTokens` token by token: the KV cache keeps any prefix shared with the
 * previous call, sampling happens here with a seeded source (so logprobs are the model's own,
 * before temperature), and stop strings are checked on the decoded text as it grows.
 */
export async function generateTokens(rt: LlamaRuntime, promptTokens: Token[], sampling: CheckedSampling, stops: GenerationStops, scope: CallScope): Promise<CompletionResult> {
  const contextSize = rt.context.contextSize;
  if (promptTokens.length >= contextSize) throw lmContextOverflow(promptTokens.length, contextSize);
  const budget = Math.min(sampling.maxTokens ?? Infinity, contextSize - promptTokens.length);
  const result = (text: string, finishReason: FinishReason, generated: number, tokens?: TokenLogprob[]): CompletionResult => ({
    text,
    finishReason,
    ...(tokens ? { tokens } : {}),
    usage: { promptTokens: promptTokens.length, completionTokens: generated },
    warnings: [],
  });
  if (budget === 0) return result('', 'length', 0, sampling.logprobs !== undefined ? [] : undefined);

  const { model } = rt;
  const wantLogprobs = sampling.logprobs !== undefined;
  const sampled = sampling.temperature > 0;
  const rng = createRandom(sampling.seed ?? rt.settings.seed ?? Math.floor(Math.random() * 2 ** 32));
  const textStops = [...sampling.stop, ...stops.text];
  const window = longestStop(textStops) + 8; // tokens enough to hold any stop string ending at the newest token
  const generated: Token[] = [];
  const logprobs: TokenLogprob[] = [];
  let finishReason: FinishReason = 'length';
  let cutAt = -1;

  const toEvaluate = await rt.reuseCache(promptTokens);
  scope.throwIfStopped();
  // temperature 0 makes node-llama-cpp's sampler greedy, so `probabilities` is the plain softmax.
  const iterator = rt.sequence.evaluateWithMetadata(toEvaluate, { probabilities: sampled || wantLogprobs }, { temperature: 0, yieldEogToken: true });
  try {
    let step = await iterator.next();
    while (!step.done) {
      scope.throwIfStopped();
      const { probabilities } = step.value as { token: Token; probabilities?: Map<Token, number> };
      const token = sampled && probabilities ? (sampleToken(probabilities, sampling, rng) as Token) : step.value.token;
      if (model.isEogToken(token)) {
        finishReason = 'stop';
        break;
      }
      generated.push(token);
      if (wantLogprobs && probabilities) {
        logprobs.push({ token: rt.tokenText(token), logprob: toLogprob(probabilities.get(token)), top: topAlternatives(probabilities, sampling.logprobs ?? 0, rt.tokenText) });
      }
      const tokenStop = stops.tokens.find((seq) => seq.length > 0 && endsWith(generated, seq));
      if (tokenStop) {
        generated.splice(generated.length - tokenStop.length);
        if (wantLogprobs) logprobs.splice(logprobs.length - tokenStop.length);
        finishReason = 'stop';
        break;
      }
      if (textStops.length > 0 && findStop(model.detokenize(generated.slice(-window), false), textStops) >= 0) {
        cutAt = findStop(model.detokenize(generated, false), textStops);
        finishReason = 'stop';
        break;
      }
      if (generated.length >= budget) break;
      step = await iterator.next(token);
    }
  } finally {
    await iterator.return();
  }
  scope.throwIfStopped();
  const fullText = model.detokenize(generated, false);
  const text = cutAt >= 0 ? fullText.slice(0, cutAt) : fullText;
  return result(text, finishReason, generated.length, wantLogprobs ? logprobs : undefined);
}

function endsWith(tokens: readonly Token[], suffix: readonly Token[]): boolean {
  if (suffix.length > tokens.length) return false;
  const offset = tokens.length - suffix.length;
  return suffix.every((t, i) => tokens[offset + i] === t);
}
