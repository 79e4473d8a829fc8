import { Hono } from 'hono';
import { qualityOf } from './fixtures.js';

/**
 * A STAND-IN for a remote vLLM server running a classifier reward model (`vllm serve <rm>
 * --runner pooling`). vLLM cannot run here, so this small Hono app answers `/pooling`,
 * `/classify` and `/score` in vLLM's response shapes, rewarding the "qN" digit in each text.
 */
export function createVllmStandIn(log: { path: string; body: Record<string, unknown> }[]): Hono {
  const app = new Hono();
  const reward = (text: string): number => qualityOf(text) - 4.5;
  const textsOf = (body: Record<string, unknown>): string[] => {
    if (Array.isArray(body.messages)) return [(body.messages as { content: string }[]).map((m) => m.content).join('\n')];
    return Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
  };
  app.use('*', async (c, next) => {
    if (c.req.header('authorization') !== 'Bearer secret') return c.json({ error: { message: 'unauthorized' } }, 401);
    log.push({ path: c.req.path, body: await c.req.json() });
    await next();
  });
  app.post('/pooling', async (c) => {
    const body = log.at(-1)!.body;
    if (body.model !== 'org/rm') return c.json({ object: 'error', message: `The model \`${body.model}\` does not exist.`, code: 404 }, 404);
    return c.json({ id: 'pool-1', object: 'list', created: 1, model: body.model, data: textsOf(body).map((t, index) => ({ index, object: 'pooling', data: [reward(t)] })), usage: { prompt_tokens: 1, total_tokens: 1 } });
  });
  app.post('/classify', async (c) => {
    const body = log.at(-1)!.body;
    const data = textsOf(body).map((t, index) => {
      const p = 1 / (1 + Math.exp(-reward(t)));
      return { index, label: 'LABEL_1', probs: [1 - p, p], num_classes: 2 };
    });
    return c.json({ id: 'classify-1', object: 'list', created: 1, model: body.model, data: data.reverse(), usage: { prompt_tokens: 1, total_tokens: 1 } });
  });
  app.post('/score', async (c) => {
    const body = log.at(-1)!.body;
    const docs = body.text_2 as string[];
    return c.json({ id: 'score-1', object: 'list', created: 1, model: body.model, data: docs.map((d, index) => ({ index, object: 'score', score: reward(d) })), usage: { prompt_tokens: 1 } });
  });
  app.post('/broken', (c) => c.json({ data: [] }));
  app.post('/crash', (c) => c.text('engine dead', 500));
  return app;
}

