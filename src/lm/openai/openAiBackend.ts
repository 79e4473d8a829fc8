import { LmscopeError } from '../../core/errors.js';
import { createCallScope, type CallScope } from '../shared/callScope.js';
import { DEFAULT_COMPLETION_TOKENS, checkMessages, checkSampling, checkText, checkTexts, checkTimeout, checkTopLogprobs } from '../shared/requestChecks.js';
import type { EmbedResult, LanguageModel, ScoreResult, TokenizeResult, UnsupportedWarning } from '../types.js';
import { isUnsupportedStatus } from './openAiErrors.js';
import { resolveOpenAiSettings, type OpenAiBackendSettings } from './openAiOptions.js';
import { chatBody, completionBody, readCompletion, readEmbeddings, readTokenize, scoreBody } from './openAiRequests.js';
import { readEchoScore } from './openAiScoring.js';
import { createOpenAiTransport } from './openAiTransport.js';

/** Characters per token when a server cannot count (a rough figure for English text). */
const CHARS_PER_TOKEN_ESTIMATE = 4;

/**
 * A client for any OpenAI-compatible server (vLLM, SGLang, llama.cpp server, Ollama, `lmscope lm serve`)
 * over plain fetch: raw-prompt completions, chat, echo-based scoring, embeddings, `/tokenize`.
 * What a server lacks comes back as an `unsupported` warning rather than an error.
 * @example const lm = createOpenAiBackend({ baseUrl: 'http://localhost:8000/v1', model: 'Qwen/Qwen2.5-0.5B' });
 *          const { text } = await lm.complete({ prompt: 'The capital of France is', maxTokens: 5, temperature: 0 });
 */
export function createOpenAiBackend(settings: OpenAiBackendSettings): LanguageModel {
  const resolved = resolveOpenAiSettings(settings);
  const transport = createOpenAiTransport(resolved);
  const { apiUrl, rootUrl, model } = resolved;
  let hasTokenize: boolean | undefined; // learned on first use, so servers without it are asked once

  const withScope = async <T>(what: string, options: { signal?: AbortSignal; timeoutMs?: number }, body: (scope: CallScope) => Promise<T>): Promise<T> => {
    checkTimeout(options.timeoutMs);
    const scope = createCallScope(what, { signal: options.signal, timeoutMs: options.timeoutMs ?? resolved.timeoutMs });
    try {
      return await body(scope);
    } finally {
      scope.dispose();
    }
  };
  const unsupportedBy = (error: unknown): boolean =>
    LmscopeError.isInstance(error) && error.code === 'lm_http_error' && (isUnsupportedStatus(error.status) || /not (be )?support/i.test(error.message));

  const tokenize = (request: { text: string; signal?: AbortSignal; timeoutMs?: number }): Promise<TokenizeResult> =>
    withScope('tokenize', request, async (scope) => {
      const text = checkText(request.text, 'text');
      if (hasTokenize !== false) {
        const url = `${rootUrl}/tokenize`;
        try {
          // `prompt`/`add_special_tokens` for vLLM, `content`/`add_special` for llama.cpp server.
          const body = { model, prompt: text, content: text, add_special_tokens: false, add_special: false };
          const tokens = readTokenize(url, await transport.postJson(url, body, scope));
          hasTokenize = true;
          return { tokens, count: tokens.length, exact: true, warnings: [] };
        } catch (error) {
          if (!unsupportedBy(error)) throw error;
          hasTokenize = false;
        }
      }
      const warning: UnsupportedWarning = { type: 'unsupported', feature: 'tokenize', details: `the server has no /tokenize; count estimated at ${CHARS_PER_TOKEN_ESTIMATE} characters a token` };
      return { count: Math.ceil(text.length / CHARS_PER_TOKEN_ESTIMATE), exact: false, warnings: [warning] };
    });

  return {
    specificationVersion: 'v1',
    backend: 'openai',
    modelId: model,
    async complete(request) {
      const prompt = checkText(request.prompt, 'prompt');
      const sampling = checkSampling(request, DEFAULT_COMPLETION_TOKENS);
      return withScope('completion', request, async (scope) => {
        const url = `${apiUrl}/completions`;
        return readCompletion(url, await transport.postJson(url, completionBody(model, prompt, sampling), scope), 'completion', sampling.logprobs);
      });
    },
    async chat(request) {
      const messages = checkMessages(request.messages);
      const sampling = checkSampling(request, undefined);
      return withScope('chat completion', request, async (scope) => {
        const url = `${apiUrl}/chat/completions`;
        return readCompletion(url, await transport.postJson(url, chatBody(model, messages, sampling), scope), 'chat', sampling.logprobs);
      });
    },
    async score(request): Promise<ScoreResult> {
      const prompt = checkText(request.prompt, 'prompt');
      const continuation = checkText(request.continuation, 'continuation');
      const top = checkTopLogprobs(request.topLogprobs ?? 0, 'topLogprobs');
      if (continuation.length === 0) return { logprob: 0, tokenLogprobs: [], warnings: [] };
      return withScope('scoring', request, async (scope) => {
        const url = `${apiUrl}/completions`;
        try {
          return readEchoScore(url, await transport.postJson(url, scoreBody(model, prompt + continuation, top), scope), continuation, top);
        } catch (error) {
          if (!unsupportedBy(error)) throw error;
          return { logprob: Number.NaN, tokenLogprobs: [], warnings: [{ type: 'unsupported', feature: 'score', details: (error as Error).message }] };
        }
      });
    },
    async embed(request): Promise<EmbedResult> {
      const texts = checkTexts(request.texts);
      if (texts.length === 0) return { embeddings: [], warnings: [] };
      return withScope('embedding', request, async (scope) => {
        const url = `${apiUrl}/embeddings`;
        try {
          return { embeddings: readEmbeddings(url, await transport.postJson(url, { model, input: texts }, scope), texts.length), warnings: [] };
        } catch (error) {
          if (!unsupportedBy(error)) throw error;
          return { embeddings: [], warnings: [{ type: 'unsupported', feature: 'embed', details: (error as Error).message }] };
        }
      });
    },
    async countTokens(text) {
      return (await tokenize({ text })).count;
    },
    tokenize,
    async close() {
      // Nothing to release: fetch keeps no per-backend connections open.
    },
  };
}
