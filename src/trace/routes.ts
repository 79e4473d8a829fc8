import { Hono } from 'hono';
import { LmscopeError } from '../core/errors.js';
import { indexRegistryOf } from '../index/routes.js';
import { readJsonBody } from '../server/app.js';
import type { ServerContext } from '../server/context.js';
import type { RouteGroup } from '../server/routes.js';
import { parseTraceSettings } from './request.js';
import { createRedisTraceService } from './redisService.js';
import { createInProcessTraceService, type TraceService } from './service.js';
import { DEFAULT_TRACE_SETTINGS } from './settings.js';
import { SAMPLE_PASSAGE } from './sample.js';

/** The server's trace service: in-process, or Redis-backed when started with --redis. */
export function traceServiceOf(context: ServerContext): TraceService {
  return context.memo('traceService', () => {
    const redis = context.settings.redis as string | undefined;
    const timeoutMs = (context.settings.traceTimeoutMs as number | undefined) ?? DEFAULT_TRACE_SETTINGS.timeoutMs;
    const service = redis ? createRedisTraceService(redis, timeoutMs) : createInProcessTraceService(indexRegistryOf(context));
    context.onClose.push(() => service.close());
    return service;
  });
}

/**
 * POST /api/trace {index?, prompt?, response, settings?} -> the trace result (same object as
 * `lmscope trace --json`); GET /api/trace/config; POST /api/trace/generate {prompt}.
 */
export const routes: RouteGroup = {
  name: 'trace',
  create(context) {
    const app = new Hono();
    const registry = indexRegistryOf(context);
    const timeoutMs = (context.settings.traceTimeoutMs as number | undefined) ?? DEFAULT_TRACE_SETTINGS.timeoutMs;
    app.get('/config', (c) =>
      c.json({
        indexes: registry.names(),
        canGenerate: Boolean(context.getLanguageModel),
        sample: SAMPLE_PASSAGE,
        limits: { maxResponseChars: DEFAULT_TRACE_SETTINGS.maxResponseChars, maxPromptChars: DEFAULT_TRACE_SETTINGS.maxPromptChars, timeoutMs },
        defaults: DEFAULT_TRACE_SETTINGS,
      }),
    );
    app.post('/', async (c) => {
      const body = await readJsonBody(c);
      const { index, prompt, response } = body;
      if (index !== undefined && index !== null && typeof index !== 'string') throw new LmscopeError('bad_request', 'index must be a name', { where: { field: 'index' } });
      if (typeof response !== 'string' || response.length === 0) throw new LmscopeError('bad_request', 'response must be a non-empty string', { where: { field: 'response' } });
      if (prompt !== undefined && typeof prompt !== 'string') throw new LmscopeError('bad_request', 'prompt must be a string', { where: { field: 'prompt' } });
      if (response.length > DEFAULT_TRACE_SETTINGS.maxResponseChars) throw new LmscopeError('response_too_long', `response has ${response.length} characters; the limit is ${DEFAULT_TRACE_SETTINGS.maxResponseChars}`, { where: { field: 'response' }, status: 413 });
      if ((prompt ?? '').length > DEFAULT_TRACE_SETTINGS.maxPromptChars) throw new LmscopeError('prompt_too_long', `prompt has ${(prompt as string).length} characters; the limit is ${DEFAULT_TRACE_SETTINGS.maxPromptChars}`, { where: { field: 'prompt' }, status: 413 });
      const settings = { ...parseTraceSettings(body.settings), timeoutMs };
      const name = (index as string | undefined) ?? registry.names()[0] ?? null;
      if (name !== null && !registry.names().includes(name)) throw new LmscopeError('index_not_found', `no index named "${name}"; available: ${registry.names().join(', ')}`, { where: { field: 'index' }, status: 404 });
      const result = await traceServiceOf(context).trace({ index: name, prompt: (prompt as string | undefined) ?? '', response, settings });
      return c.json(result);
    });
    app.post('/generate', async (c) => {
      if (!context.getLanguageModel) throw new LmscopeError('no_backend', 'this server has no LM backend: start it with --backend to generate responses', { status: 404 });
      const body = await readJsonBody(c);
      if (typeof body.prompt !== 'string' || !body.prompt) throw new LmscopeError('bad_request', 'prompt must be a non-empty string', { where: { field: 'prompt' } });
      const maxTokens = typeof body.maxTokens === 'number' ? Math.min(Math.max(1, Math.trunc(body.maxTokens)), 1024) : 256;
      const lm = await context.getLanguageModel();
      const out = await lm.chat({ messages: [{ role: 'user', content: body.prompt }], maxTokens, temperature: 0, timeoutMs });
      return c.json({ response: out.text, finishReason: out.finishReason });
    });
    return app;
  },
};
