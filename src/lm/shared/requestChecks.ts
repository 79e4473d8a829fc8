import { badInput } from '../../core/errors.js';
import type { ChatMessage, SamplingOptions } from '../types.js';

/** Most top alternatives a caller may ask for per token (the OpenAI API's limit). */
export const MAX_TOP_LOGPROBS = 20;

/** Sampling options after checking, with defaults filled in. */
export interface CheckedSampling {
  /** Undefined: until an end token or the context is full. */
  maxTokens: number | undefined;
  stop: string[];
  temperature: number;
  topP: number;
  seed: number | undefined;
  logprobs: number | undefined;
}

/** New tokens when a completion names no maxTokens (the OpenAI completions default); chat has no cap. */
export const DEFAULT_COMPLETION_TOKENS = 16;

/**
 * Checks sampling options once at the facade; the message names the field and the allowed range.
 * Defaults as in the OpenAI API: temperature 1, topP 1, `defaultMaxTokens` new tokens.
 */
export function checkSampling(options: SamplingOptions, defaultMaxTokens: number | undefined): CheckedSampling {
  const maxTokens = options.maxTokens ?? defaultMaxTokens;
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens < 0)) throw badInput(`maxTokens must be an integer >= 0, got ${maxTokens}`, { field: 'maxTokens' });
  const temperature = options.temperature ?? 1;
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 100) throw badInput(`temperature must be from 0 to 100, got ${temperature}`, { field: 'temperature' });
  const topP = options.topP ?? 1;
  if (!Number.isFinite(topP) || topP <= 0 || topP > 1) throw badInput(`topP must be in (0, 1], got ${topP}`, { field: 'topP' });
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw badInput(`seed must be an integer, got ${options.seed}`, { field: 'seed' });
  if (options.logprobs !== undefined) checkTopLogprobs(options.logprobs, 'logprobs');
  const stop = options.stop ?? [];
  if (!Array.isArray(stop) || stop.some((s) => typeof s !== 'string')) throw badInput('stop must be a list of strings', { field: 'stop' });
  checkTimeout(options.timeoutMs);
  return { maxTokens, stop: stop.filter((s) => s.length > 0), temperature, topP, seed: options.seed, logprobs: options.logprobs };
}

export function checkTopLogprobs(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_TOP_LOGPROBS) {
    throw badInput(`${field} must be an integer from 0 to ${MAX_TOP_LOGPROBS}, got ${value}`, { field });
  }
  return value;
}

export function checkTimeout(timeoutMs: number | undefined): void {
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw badInput(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`, { field: 'timeoutMs' });
  }
}

export function checkText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw badInput(`${field} must be a string`, { field });
  return value;
}

export function checkTexts(value: unknown): string[] {
  if (!Array.isArray(value)) throw badInput('texts must be a list of strings', { field: 'texts' });
  return value.map((t, i) => checkText(t, `texts[${i}]`));
}

const ROLES = new Set(['system', 'user', 'assistant']);

export function checkMessages(messages: unknown): ChatMessage[] {
  if (!Array.isArray(messages) || messages.length === 0) throw badInput('messages must be a non-empty list', { field: 'messages' });
  messages.forEach((m: unknown, i) => {
    const message = m as Partial<ChatMessage> | null;
    if (!message || !ROLES.has(String(message.role))) throw badInput(`messages[${i}].role must be system, user or assistant`, { field: `messages[${i}].role` });
    if (typeof message.content !== 'string') throw badInput(`messages[${i}].content must be a string`, { field: `messages[${i}].content` });
  });
  return messages as ChatMessage[];
}
