import type { Token } from 'node-llama-cpp';
import { createCallScope, type CallScope } from '../shared/callScope.js';
import { DEFAULT_COMPLETION_TOKENS, checkMessages, checkSampling, checkText, checkTexts, checkTimeout, checkTopLogprobs } from '../shared/requestChecks.js';
import type { LanguageModel, ScoreResult, TokenizeResult } from '../types.js';
import { backendClosed } from './llamaErrors.js';
import { generateTokens, type GenerationStops } from './llamaGeneration.js';
import { resolveLlamaSettings, type LlamaBackendSettings } from './llamaOptions.js';
import { chatPrompt, splitScoreTokens } from './llamaRequests.js';
import { loadLlamaRuntime } from './llamaRuntime.js';
import { scoreTokens } from './llamaScoring.js';

/**
 * Embedded llama.cpp (through node-llama-cpp, CPU build, nothing downloaded) for a local GGUF file.
 * Loads the model once; calls run one at a time on one context sequence whose KV cache is reused
 * when a prompt extends the previous one (so budget forcing's growing prefixes stay cheap).
 * @example const lm = await createLlamaBackend({ modelPath: 'tiny.gguf' });
 *          const { text } = await lm.complete({ prompt: 'The sea', maxTokens: 8, temperature: 0 });
 */
export async function createLlamaBackend(settings: LlamaBackendSettings): Promise<LanguageModel> {
  const resolved = resolveLlamaSettings(settings);
  const rt = await loadLlamaRuntime(resolved);
  let closed = false;

  /** Runs `body` in the queue with the call's signal and timeout; closed backends refuse. */
  const run = async <T>(what: string, options: { signal?: AbortSignal; timeoutMs?: number }, body: (scope: CallScope) => Promise<T>): Promise<T> => {
    checkTimeout(options.timeoutMs);
    if (closed) throw backendClosed();
    const scope = createCallScope(what, options);
    try {
      return await rt.queue.run(async () => {
        scope.throwIfStopped();
        if (closed) throw backendClosed();
        return body(scope);
      }, scope.signal);
    } catch (error) {
      throw scope.stoppedError() ?? error;
    } finally {
      scope.dispose();
    }
  };
  const noStops: GenerationStops = { text: [], tokens: [] };
  const tokenize = (text: string): Token[] => {
    if (closed) throw backendClosed();
    return rt.model.tokenize(text, true);
  };

  return {
    specificationVersion: 'v1',
    backend: 'llama',
    modelId: resolved.modelId,
    async complete(request) {
      const prompt = checkText(request.prompt, 'prompt');
      const sampling = checkSampling(request, DEFAULT_COMPLETION_TOKENS);
      return run('completion', request, (scope) => generateTokens(rt, rt.promptTokens(prompt), sampling, noStops, scope));
    },
    async chat(request) {
      const messages = checkMessages(request.messages);
      const sampling = checkSampling(request, undefined);
      return run('chat completion', request, async (scope) => {
        const { tokens, stops } = chatPrompt(rt, messages);
        return generateTokens(rt, tokens, sampling, stops, scope);
      });
    },
    async score(request): Promise<ScoreResult> {
      const prompt = checkText(request.prompt, 'prompt');
      const continuation = checkText(request.continuation, 'continuation');
      const top = checkTopLogprobs(request.topLogprobs ?? 0, 'topLogprobs');
      return run('scoring', request, (scope) => {
        const split = splitScoreTokens(rt, prompt, continuation);
        return scoreTokens(rt, split.prompt, split.continuation, top, scope);
      });
    },
    async embed(request) {
      const texts = checkTexts(request.texts);
      return run('embedding', request, async (scope) => {
        let context: Awaited<ReturnType<typeof rt.embeddingContext>>;
        try {
          context = await rt.embeddingContext();
        } catch (error) {
          const details = `llama.cpp cannot embed with this model (${error instanceof Error ? error.message : String(error)})`;
          return { embeddings: [], warnings: [{ type: 'unsupported', feature: 'embed', details }] };
        }
        const embeddings: number[][] = [];
        for (const text of texts) {
          scope.throwIfStopped();
          embeddings.push([...(await context.getEmbeddingFor(text)).vector]);
        }
        return { embeddings, warnings: [] };
      });
    },
    async countTokens(text) {
      return tokenize(checkText(text, 'text')).length;
    },
    async tokenize(request): Promise<TokenizeResult> {
      const tokens = tokenize(checkText(request.text, 'text'));
      return { tokens: [...tokens], count: tokens.length, exact: true, warnings: [] };
    },
    async close() {
      if (closed) return;
      closed = true;
      // Wait for the running call, then free the native memory.
      await rt.queue.run(() => rt.dispose());
    },
  };
}
