import { randomBytes } from 'node:crypto';
import type { CompletionResult, ScoreResult, TokenLogprob } from '../types.js';

/** Builds OpenAI-shaped answers from backend results (pure). */

const encoder = new TextEncoder();

function id(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

function usage(promptTokens: number, completionTokens: number) {
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

/**
 * Legacy completions logprobs. With echo, the prompt's tokens come first; tokens the backend could not
 * score (BOS) are listed with empty text and a null logprob, as vLLM lists them.
 */
function legacyLogprobs(generated: TokenLogprob[], echoed: ScoreResult | undefined, unscored: number, startOffset: number, top: number) {
  const entries: (TokenLogprob | undefined)[] = [...Array<undefined>(unscored).fill(undefined), ...(echoed?.tokenLogprobs ?? []), ...generated];
  const textOffset: number[] = [];
  let offset = startOffset;
  for (const entry of entries) {
    textOffset.push(offset);
    offset += entry?.token.length ?? 0;
  }
  return {
    tokens: entries.map((e) => e?.token ?? ''),
    token_logprobs: entries.map((e) => e?.logprob ?? null),
    top_logprobs: entries.map((e) => {
      if (!e) return null;
      const alternatives = top > 0 ? (e.top ?? []) : [{ token: e.token, logprob: e.logprob }];
      return Object.fromEntries(alternatives.map((a) => [a.token, a.logprob]));
    }),
    text_offset: textOffset,
  };
}

/** `text_completion` answer; `echoed` holds the prompt's own log-probabilities when echo + logprobs. */
export function completionResponse(model: string, prompt: string, echo: boolean, logprobs: number | undefined, result: CompletionResult, echoed: ScoreResult | undefined) {
  const unscored = echoed ? Math.max(0, result.usage.promptTokens - echoed.tokenLogprobs.length) : 0;
  const warnings = [...(echoed?.warnings ?? []), ...result.warnings];
  return {
    id: id('cmpl'),
    object: 'text_completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        text: echo ? prompt + result.text : result.text,
        logprobs: logprobs === undefined || (!result.tokens && !echoed) ? null : legacyLogprobs(result.tokens ?? [], echo ? echoed : undefined, echo ? unscored : 0, echo ? 0 : prompt.length, logprobs),
        finish_reason: result.finishReason,
      },
    ],
    usage: usage(result.usage.promptTokens, result.usage.completionTokens),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

function chatTokenLogprob(t: { token: string; logprob: number }) {
  return { token: t.token, logprob: t.logprob, bytes: [...encoder.encode(t.token)] };
}

/** `chat.completion` answer with chat-format logprobs. */
export function chatResponse(model: string, logprobs: number | undefined, result: CompletionResult) {
  return {
    id: id('chatcmpl'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: result.text },
        logprobs:
          logprobs === undefined || !result.tokens
            ? null
            : { content: result.tokens.map((t) => ({ ...chatTokenLogprob(t), top_logprobs: (t.top ?? []).map(chatTokenLogprob) })) },
        finish_reason: result.finishReason,
      },
    ],
    usage: usage(result.usage.promptTokens, result.usage.completionTokens),
    ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}),
  };
}

export function embeddingsResponse(model: string, embeddings: number[][], promptTokens: number) {
  return {
    object: 'list',
    data: embeddings.map((embedding, index) => ({ object: 'embedding', index, embedding })),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

export function modelsResponse(model: string) {
  return { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'lmscope' }] };
}
