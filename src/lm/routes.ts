import { Hono } from 'hono';
import { LmscopeError } from '../core/errors.js';
import { readJsonBody } from '../server/app.js';
import type { ServerContext } from '../server/context.js';
import type { RouteGroup } from '../server/routes.js';
import { generate, scoreContinuation, type GenerateRequest } from './generate.js';
import type { LanguageModel } from './types.js';

/**
 * `/api/lm`: the server's configured model. `POST /generate` answers what `lmscope lm generate --json`
 * prints, `POST /score` what `lmscope lm score --json` prints, `GET /` names the model.
 */
export const routes: RouteGroup = {
  name: 'lm',
  create(context: ServerContext) {
    const app = new Hono();
    const model = (): Promise<LanguageModel> => {
      if (!context.getLanguageModel) throw new LmscopeError('lm_not_configured', 'this server has no language model; start it with --backend and --model', { status: 501 });
      return context.getLanguageModel();
    };
    app.get('/', async (c) => {
      const lm = await model();
      return c.json({ backend: lm.backend, modelId: lm.modelId });
    });
    app.post('/generate', async (c) => {
      const body = await readJsonBody(c);
      return c.json(await generate(await model(), body as GenerateRequest, c.req.raw.signal));
    });
    app.post('/score', async (c) => {
      const body = await readJsonBody(c);
      const request = body as { prompt: string; continuation: string; topLogprobs?: number };
      return c.json(await scoreContinuation(await model(), request, c.req.raw.signal));
    });
    return app;
  },
};
