import type { ControlledEvaluateInputItem, Token } from 'node-llama-cpp';
import { lmContextOverflow } from '../shared/lmErrors.js';
import type { CallScope } from '../shared/callScope.js';
import type { ScoreResult, TokenLogprob, UnsupportedWarning } from '../types.js';
import type { LlamaRuntime } from './llamaRuntime.js';
import { toLogprob, topAlternatives } from './llamaSampling.js';

/**
 * Teacher-forced scoring: evaluates prompt + continuation in one batch and reads, at each position,
 * the probability the model gave to the continuation token that actually comes next.
 */
export async function scoreTokens(rt: LlamaRuntime, promptTokens: Token[], continuationTokens: Token[], topLogprobs: number, scope: CallScope): Promise<ScoreResult> {
  const all = [...promptTokens, ...continuationTokens];
  const contextSize = rt.context.contextSize;
  if (all.length > contextSize) throw lmContextOverflow(all.length, contextSize);
  const warnings: UnsupportedWarning[] = [];
  // With no prompt and no BOS, nothing predicts the first continuation token.
  const skipped = promptTokens.length === 0 ? 1 : 0;
  if (skipped > 0 && continuationTokens.length > 0) {
    warnings.push({ type: 'unsupported', feature: 'score', details: 'the first token has no context (empty prompt, model without BOS) and is not scored' });
  }
  if (continuationTokens.length <= skipped) return { logprob: 0, tokenLogprobs: [], warnings };

  // Position p's logits predict token p + 1; scored tokens start at max(promptLength, 1).
  const firstScored = promptTokens.length + skipped;
  const firstPredictor = firstScored - 1;
  const start = firstPredictor + 1 - (await rt.reuseCache(all.slice(0, firstPredictor + 1))).length;
  scope.throwIfStopped();
  const input: ControlledEvaluateInputItem[] = all.slice(start).map((token, i) => {
    const position = start + i;
    return position >= firstPredictor && position < all.length - 1 ? [token, { generateNext: { probabilities: true } }] : token;
  });
  const outputs = await rt.sequence.controlledEvaluate(input);
  scope.throwIfStopped();
  const tokenLogprobs: TokenLogprob[] = [];
  let sum = 0;
  for (let position = firstScored; position < all.length; position++) {
    const probabilities = outputs[position - 1 - start]?.next.probabilities;
    if (!probabilities) throw new Error(`no next-token distribution at position ${position - 1}`);
    const token = all[position]!;
    const logprob = toLogprob(probabilities.get(token));
    sum += logprob;
    tokenLogprobs.push({ token: rt.tokenText(token), logprob, ...(topLogprobs > 0 ? { top: topAlternatives(probabilities, topLogprobs, rt.tokenText) } : {}) });
  }
  return { logprob: sum, tokenLogprobs, warnings };
}
