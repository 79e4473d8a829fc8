import type { ScoreResult } from '../types.js';
import { asObject, firstChoice, readLegacyLogprobs } from './openAiRequests.js';

/**
 * Reads an echoed completions answer (prompt + continuation, then one generated token) into the
 * continuation's log-probabilities. The continuation's tokens are the shortest run of echoed tokens,
 * counted back from the end of the prompt part, whose text covers the continuation (so BOS text or
 * a shifted `text_offset` at the front does not matter; a token straddling the boundary counts).
 */
export function readEchoScore(url: string, answer: unknown, continuation: string, topLogprobs: number): ScoreResult {
  const unsupported = (details: string): ScoreResult => ({ logprob: Number.NaN, tokenLogprobs: [], warnings: [{ type: 'unsupported', feature: 'score', details }] });
  const read = readLegacyLogprobs(firstChoice(url, answer).logprobs, topLogprobs);
  if (!read || read.tokens.length === 0) return unsupported('the server does not echo prompt log-probabilities (completions with echo and logprobs)');
  const promptTokens = asObject(asObject(answer)?.usage)?.prompt_tokens;
  if (typeof promptTokens !== 'number' || promptTokens > read.tokens.length) return unsupported('the server did not report usage.prompt_tokens with the echo');
  const echoed = read.tokens.slice(0, promptTokens);
  let first = echoed.length;
  let covered = 0;
  while (first > 0 && covered < continuation.length) {
    first--;
    covered += echoed[first]!.token.length;
  }
  const tokenLogprobs = echoed.slice(first);
  if (tokenLogprobs.some((t) => Number.isNaN(t.logprob))) return unsupported('the server gave no log-probability for the first token');
  return { logprob: tokenLogprobs.reduce((sum, t) => sum + t.logprob, 0), tokenLogprobs, warnings: [] };
}
