import { badInput } from '../../core/errors.js';
import { MAX_TOP_LOGPROBS, checkMessages } from '../shared/requestChecks.js';
import type { ChatMessage, SamplingOptions } from '../types.js';

/** Reads OpenAI request bodies into backend requests; every problem is a 400 naming the field. */

type Body = Record<string, unknown>;

function optionalNumber(body: Body, field: string, integer = false): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw badInput(`"${field}" must be ${integer ? 'an integer' : 'a number'}`, { field });
  }
  return value;
}

function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badInput(`"${field}" must be true or false`, { field });
  return value;
}

function readStop(body: Body): string[] | undefined {
  const stop = body.stop;
  if (stop === undefined || stop === null) return undefined;
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop) && stop.every((s) => typeof s === 'string')) return stop as string[];
  throw badInput('"stop" must be a string or a list of strings', { field: 'stop' });
}

/** Fields this server does not offer are refused rather than silently ignored. */
function refuseUnsupported(body: Body): void {
  if (body.stream === true) throw badInput('"stream" is not supported by lmscope lm serve; send stream: false', { field: 'stream' });
  for (const field of ['n', 'best_of']) {
    const n = body[field];
    if (n !== undefined && n !== null && n !== 1) throw badInput(`"${field}" must be 1 (one choice per request)`, { field });
  }
}

function sampling(body: Body, maxTokensField: string): SamplingOptions {
  const maxTokens = optionalNumber(body, maxTokensField, true) ?? optionalNumber(body, 'max_tokens', true);
  if (maxTokens !== undefined && maxTokens < 0) throw badInput(`"${maxTokensField}" must be >= 0`, { field: maxTokensField });
  const temperature = optionalNumber(body, 'temperature');
  if (temperature !== undefined && (temperature < 0 || temperature > 2)) throw badInput('"temperature" must be from 0 to 2', { field: 'temperature' });
  const topP = optionalNumber(body, 'top_p');
  if (topP !== undefined && (topP <= 0 || topP > 1)) throw badInput('"top_p" must be in (0, 1]', { field: 'top_p' });
  return { maxTokens, temperature, topP, seed: optionalNumber(body, 'seed', true), stop: readStop(body) };
}

function topCount(value: number | undefined, field: string): number | undefined {
  if (value !== undefined && (value < 0 || value > MAX_TOP_LOGPROBS)) throw badInput(`"${field}" must be from 0 to ${MAX_TOP_LOGPROBS}`, { field });
  return value;
}

export interface ServeCompletionRequest extends SamplingOptions {
  prompt: string;
  echo: boolean;
}

/** `/v1/completions`: one prompt string (or a list holding one), legacy integer `logprobs`. */
export function readCompletionRequest(body: Body): ServeCompletionRequest {
  refuseUnsupported(body);
  let prompt = body.prompt;
  if (Array.isArray(prompt) && prompt.length === 1 && typeof prompt[0] === 'string') prompt = prompt[0];
  if (typeof prompt !== 'string') throw badInput('"prompt" must be a string (token-id prompts and batches are not supported)', { field: 'prompt' });
  const logprobs = topCount(optionalNumber(body, 'logprobs', true), 'logprobs');
  return { prompt, echo: optionalBoolean(body, 'echo') ?? false, ...sampling(body, 'max_tokens'), logprobs };
}

export interface ServeChatRequest extends SamplingOptions {
  messages: ChatMessage[];
}

/** `/v1/chat/completions`: `logprobs: true` with `top_logprobs: k`. */
export function readChatRequest(body: Body): ServeChatRequest {
  refuseUnsupported(body);
  const messages = checkMessages(body.messages);
  const wantLogprobs = optionalBoolean(body, 'logprobs') ?? false;
  const top = topCount(optionalNumber(body, 'top_logprobs', true), 'top_logprobs');
  if (top !== undefined && !wantLogprobs) throw badInput('"top_logprobs" needs "logprobs": true', { field: 'top_logprobs' });
  return { messages, ...sampling(body, 'max_completion_tokens'), logprobs: wantLogprobs ? (top ?? 0) : undefined };
}

/** `/v1/embeddings`: `input` is a string or a list of strings. */
export function readEmbeddingsInput(body: Body): string[] {
  const input = body.input;
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.every((s) => typeof s === 'string')) return input as string[];
  throw badInput('"input" must be a string or a list of strings (token-id input is not supported)', { field: 'input' });
}

/** `/tokenize`: llama.cpp's `content`, or vLLM's `prompt`. */
export function readTokenizeText(body: Body): string {
  const text = body.content ?? body.prompt;
  if (typeof text !== 'string') throw badInput('"content" must be a string', { field: 'content' });
  return text;
}
