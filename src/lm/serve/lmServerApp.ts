import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LmscopeError } from '../../core/errors.js';
import { readJsonBody } from '../../server/app.js';
import type { LanguageModel } from '../types.js';
import { notServed, toOpenAiError } from './serveErrors.js';
import { readChatRequest, readCompletionRequest, readEmbeddingsInput, readTokenizeText } from './serveRequests.js';
import { chatResponse, completionResponse, embeddingsResponse, modelsResponse } from './serveResponses.js';

export interface LmServerOptions {
  /** Largest request body in bytes (default 4 MiB). */
  maxBodyBytes?: number;
  /** Time limit per request in ms (default 10 minutes). */
  requestTimeoutMs?: number;
}

/**
 * An OpenAI-compatible HTTP API around any LanguageModel (`lmscope lm serve` wraps the embedded
 * llama.cpp backend): models, completions (with echo scoring), chat, embeddings and `/tokenize`.
 * Bad requests get 4xx answers in OpenAI's error shape; nothing a client sends crashes the server.
 * @example const app = createLmServerApp(await createLlamaBackend({ modelPath: 'tiny.gguf' }));
 *          await listen(app, 8000, '127.0.0.1');
 */
export function createLmServerApp(backend: LanguageModel, options: LmServerOptions = {}): Hono {
  const maxBody = options.maxBodyBytes ?? 4 << 20;
  const timeoutMs = options.requestTimeoutMs ?? 600_000;
  const app = new Hono();
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBody,
      onError: (c) => c.json(toOpenAiError(new LmscopeError('body_too_large', `request body over ${maxBody} bytes`, { status: 413 })).body, 413),
    }),
  );
  app.onError((error, c) => {
    const { status, body } = toOpenAiError(error);
    if (status >= 500 && status !== 501 && status !== 504) console.error(error);
    return c.json(body, status as 400);
  });
  app.notFound((c) => c.json(toOpenAiError(new LmscopeError('not_found', `no route for ${c.req.method} ${c.req.path}`, { status: 404 })).body, 404));

  // The client's disconnect aborts the work it asked for.
  const limits = (c: Context) => ({ signal: c.req.raw.signal, timeoutMs });

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/v1/models', (c) => c.json(modelsResponse(backend.modelId)));

  app.post('/v1/completions', async (c) => {
    const request = readCompletionRequest(await readJsonBody(c));
    // Scoring the echoed prompt first leaves it in the KV cache for the generation that follows.
    const echoed = request.echo && request.logprobs !== undefined
      ? await backend.score({ prompt: '', continuation: request.prompt, topLogprobs: request.logprobs, ...limits(c) })
      : undefined;
    const result = await backend.complete({ ...request, ...limits(c) });
    return c.json(completionResponse(backend.modelId, request.prompt, request.echo, request.logprobs, result, echoed));
  });

  app.post('/v1/chat/completions', async (c) => {
    const request = readChatRequest(await readJsonBody(c));
    const result = await backend.chat({ ...request, ...limits(c) });
    return c.json(chatResponse(backend.modelId, request.logprobs, result));
  });

  app.post('/v1/embeddings', async (c) => {
    const texts = readEmbeddingsInput(await readJsonBody(c));
    const result = await backend.embed({ texts, ...limits(c) });
    const unsupported = result.warnings.find((w) => w.feature === 'embed');
    if (unsupported) throw notServed('embeddings', unsupported.details);
    let promptTokens = 0;
    for (const text of texts) promptTokens += await backend.countTokens(text);
    return c.json(embeddingsResponse(backend.modelId, result.embeddings, promptTokens));
  });

  app.post('/tokenize', async (c) => {
    const text = readTokenizeText(await readJsonBody(c));
    const result = backend.tokenize ? await backend.tokenize({ text, ...limits(c) }) : undefined;
    if (!result?.tokens) throw notServed('/tokenize', result?.warnings[0]?.details);
    return c.json({ tokens: result.tokens, count: result.count });
  });
  return app;
}
