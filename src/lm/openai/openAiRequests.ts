import type { CheckedSampling } from '../shared/requestChecks.js';
import type { ChatMessage, CompletionResult, FinishReason, TokenAlternative, TokenLogprob, UnsupportedWarning } from '../types.js';
import { badResponse } from './openAiErrors.js';

/** Request bodies for the OpenAI API and readers of its answers (pure; no I/O). */

type Json = Record<string, unknown>;

function samplingFields(sampling: CheckedSampling): Json {
  return {
    ...(sampling.maxTokens !== undefined ? { max_tokens: sampling.maxTokens } : {}),
    temperature: sampling.temperature,
    top_p: sampling.topP,
    ...(sampling.stop.length > 0 ? { stop: sampling.stop } : {}),
    ...(sampling.seed !== undefined ? { seed: sampling.seed } : {}),
  };
}

/** `/v1/completions` body: a raw prompt; legacy `logprobs: k` asks for k alternatives per token. */
export function completionBody(model: string, prompt: string, sampling: CheckedSampling): Json {
  return { model, prompt, ...samplingFields(sampling), ...(sampling.logprobs !== undefined ? { logprobs: sampling.logprobs } : {}) };
}

/** `/v1/chat/completions` body: the server applies the model's chat template. */
export function chatBody(model: string, messages: ChatMessage[], sampling: CheckedSampling): Json {
  return {
    model,
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    ...samplingFields(sampling),
    ...(sampling.logprobs !== undefined ? { logprobs: true, top_logprobs: sampling.logprobs } : {}),
  };
}

/**
 * Scoring body: the prompt and continuation echoed back with their log-probabilities. One new token
 * is asked for (and ignored) because vLLM refuses `max_tokens: 0`.
 */
export function scoreBody(model: string, text: string, topLogprobs: number): Json {
  return { model, prompt: text, max_tokens: 1, temperature: 0, echo: true, logprobs: Math.max(1, topLogprobs) };
}

/** Reads choice 0 of a completions or chat answer into a CompletionResult. */
export function readCompletion(url: string, answer: unknown, kind: 'completion' | 'chat', logprobs: number | undefined): CompletionResult {
  const choice = firstChoice(url, answer);
  const text = kind === 'chat' ? (asObject(choice.message)?.content ?? '') : choice.text;
  if (typeof text !== 'string') throw badResponse(url, kind === 'chat' ? 'choices[0].message.content is not a string' : 'choices[0].text is not a string');
  const warnings: UnsupportedWarning[] = [];
  let tokens: TokenLogprob[] | undefined;
  if (logprobs !== undefined) {
    tokens = kind === 'chat' ? readChatLogprobs(choice.logprobs, logprobs) : readLegacyLogprobs(choice.logprobs, logprobs)?.tokens;
    if (!tokens) warnings.push({ type: 'unsupported', feature: 'logprobs', details: 'the server returned no log-probabilities' });
    else if (logprobs > 0 && tokens.some((t) => (t.top?.length ?? 0) === 0)) warnings.push({ type: 'unsupported', feature: 'topLogprobs', details: 'the server returned no top alternatives' });
  }
  return { text, finishReason: toFinishReason(choice.finish_reason), ...(tokens ? { tokens } : {}), usage: readUsage(answer), warnings };
}

/** Legacy completions logprobs: parallel arrays of tokens, logprobs (null for a first token) and top dicts. */
export function readLegacyLogprobs(value: unknown, top: number): { tokens: TokenLogprob[]; missing: number[] } | undefined {
  const lp = asObject(value);
  if (!lp || !Array.isArray(lp.tokens) || !Array.isArray(lp.token_logprobs)) return undefined;
  const logprobs: unknown[] = lp.token_logprobs;
  const tops = Array.isArray(lp.top_logprobs) ? lp.top_logprobs : [];
  const missing: number[] = [];
  const tokens = lp.tokens.map((token, i): TokenLogprob => {
    const logprob = logprobs[i];
    if (typeof logprob !== 'number') missing.push(i);
    const alternatives = Object.entries(asObject(tops[i]) ?? {})
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .map(([t, l]) => ({ token: t, logprob: l }));
    return { token: String(token), logprob: typeof logprob === 'number' ? logprob : Number.NaN, ...(top > 0 ? { top: sortTop(alternatives, top) } : {}) };
  });
  return { tokens, missing };
}

/** Chat logprobs: `{content: [{token, logprob, top_logprobs: [{token, logprob}]}]}`. */
function readChatLogprobs(value: unknown, top: number): TokenLogprob[] | undefined {
  const content = asObject(value)?.content;
  if (!Array.isArray(content)) return undefined;
  return content.map((item) => {
    const entry = asObject(item) ?? {};
    const alternatives = (Array.isArray(entry.top_logprobs) ? entry.top_logprobs : [])
      .map(asObject)
      .filter((a): a is Json => !!a && typeof a.logprob === 'number')
      .map((a) => ({ token: String(a.token), logprob: a.logprob as number }));
    return { token: String(entry.token ?? ''), logprob: typeof entry.logprob === 'number' ? entry.logprob : Number.NaN, ...(top > 0 ? { top: sortTop(alternatives, top) } : {}) };
  });
}

/** `/v1/embeddings`: `data[i].embedding`, put back in input order by `index`. */
export function readEmbeddings(url: string, answer: unknown, expected: number): number[][] {
  const data = asObject(answer)?.data;
  if (!Array.isArray(data) || data.length !== expected) throw badResponse(url, `expected ${expected} embeddings in "data"`);
  const rows = data.map((item, i) => {
    const entry = asObject(item);
    if (!entry || !Array.isArray(entry.embedding) || entry.embedding.some((x) => typeof x !== 'number')) throw badResponse(url, `data[${i}].embedding is not a list of numbers`);
    return { index: typeof entry.index === 'number' ? entry.index : i, embedding: entry.embedding as number[] };
  });
  return rows.sort((a, b) => a.index - b.index).map((r) => r.embedding);
}

/** `/tokenize` of vLLM (`tokens`, `count`) or llama.cpp server (`tokens`, maybe with pieces). */
export function readTokenize(url: string, answer: unknown): number[] {
  const tokens = asObject(answer)?.tokens;
  if (!Array.isArray(tokens)) throw badResponse(url, 'no "tokens" list');
  return tokens.map((t) => (typeof t === 'number' ? t : Number(asObject(t)?.id)));
}

export function readUsage(answer: unknown): { promptTokens: number; completionTokens: number } {
  const usage = asObject(asObject(answer)?.usage);
  const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return { promptTokens: count(usage?.prompt_tokens), completionTokens: count(usage?.completion_tokens) };
}

export function firstChoice(url: string, answer: unknown): Json {
  const choices = asObject(answer)?.choices;
  const choice = Array.isArray(choices) ? asObject(choices[0]) : undefined;
  if (!choice) throw badResponse(url, 'no choices[0] in the answer');
  return choice;
}

function toFinishReason(value: unknown): FinishReason {
  if (value === 'length') return 'length';
  if (value === 'abort' || value === 'error') return value;
  return 'stop';
}

function sortTop(alternatives: TokenAlternative[], count: number): TokenAlternative[] {
  return alternatives.sort((a, b) => b.logprob - a.logprob).slice(0, count);
}

export function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}
