import { badInput } from '../core/errors.js';
import type { ChatMessage, CompletionResult, LanguageModel, SamplingOptions, ScoreResult } from './types.js';

/** One generation: a raw `prompt`, or chat `messages` (the model's chat template applies). */
export interface GenerateRequest extends Omit<SamplingOptions, 'signal'> {
  prompt?: string;
  messages?: ChatMessage[];
}

/** What `lmscope lm generate --json` prints and `POST /api/lm/generate` answers. */
export interface GenerateResult extends CompletionResult {
  backend: string;
  modelId: string;
}

/**
 * Runs a completion or a chat turn and labels the result with the backend and model.
 * @example await generate(lm, { prompt: 'Once upon a time', maxTokens: 20, temperature: 0 });
 */
export async function generate(lm: LanguageModel, request: GenerateRequest, signal?: AbortSignal): Promise<GenerateResult> {
  const { prompt, messages, ...sampling } = request;
  if ((prompt === undefined) === (messages === undefined)) throw badInput('give either a prompt or chat messages', { field: 'prompt' });
  const result = messages !== undefined ? await lm.chat({ ...sampling, messages, signal }) : await lm.complete({ ...sampling, prompt: prompt!, signal });
  return { backend: lm.backend, modelId: lm.modelId, ...result };
}

export interface ScoreContinuationResult extends ScoreResult {
  backend: string;
  modelId: string;
}

/**
 * Log-probability of `continuation` after `prompt` (teacher forced), labelled with backend and model.
 * @example (await scoreContinuation(lm, { prompt: 'The sky is', continuation: ' blue' })).logprob;
 */
export async function scoreContinuation(lm: LanguageModel, request: { prompt: string; continuation: string; topLogprobs?: number; timeoutMs?: number }, signal?: AbortSignal): Promise<ScoreContinuationResult> {
  const result = await lm.score({ ...request, signal });
  return { backend: lm.backend, modelId: lm.modelId, ...result };
}
