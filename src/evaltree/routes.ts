import { Hono } from 'hono';
import { badInput } from '../core/errors.js';
import { readJsonBody } from '../server/app.js';
import type { RouteGroup } from '../server/routes.js';
import { runProfile, runStats, runSweep, runView, type ProfileParams, type ViewRequest } from './analysis.js';
import { findDemoFiles } from './demo.js';
import type { EvalSources } from './load.js';
import type { ExplorerView } from './view.js';

/** Optional number field: absent stays undefined; anything else but a finite number is a 400. */
function optionalNumber(body: Record<string, unknown>, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badInput(`"${field}" must be a number, got ${JSON.stringify(value)}`, { field });
  return value;
}

function queryNumber(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw badInput(`query parameter "${field}" must be a number, got "${value}"`, { field });
  return n;
}

function sources(body: Record<string, unknown>): EvalSources {
  for (const field of ['tree', 'results'] as const) {
    if (body[field] === undefined) throw badInput(`"${field}" is required: a file path on the server or inline JSON`, { field }, 'missing_input');
  }
  return { tree: body.tree, results: body.results, split: body.split };
}

function profileParams(body: Record<string, unknown>): ProfileParams {
  const direction = body.direction;
  if (direction !== undefined && direction !== 'lower' && direction !== 'higher') throw badInput(`"direction" must be "lower" or "higher", got ${JSON.stringify(direction)}`, { field: 'direction' });
  return { alpha: optionalNumber(body, 'alpha'), tau: optionalNumber(body, 'tau'), direction, minChildSize: optionalNumber(body, 'minChildSize') };
}

/**
 * /api/evaltree: POST stats | profile | sweep | view with `{tree, results, split?, ...}` (file paths
 * on the server or inline JSON); GET demo for the bundled MATH tree and three models.
 */
export const routes: RouteGroup = {
  name: 'evaltree',
  create(context) {
    const app = new Hono();
    // Views of the bundled data, per parameter set (a handful at most in practice).
    const demoViews = context.memo('evaltree.demoViews', () => new Map<string, Promise<ExplorerView>>());

    app.get('/', (c) => c.json({ operations: ['stats', 'profile', 'sweep', 'view', 'demo'] }));

    app.post('/stats', async (c) => {
      const body = await readJsonBody(c);
      const alphas = body.alphas ?? (body.alpha === undefined ? undefined : [body.alpha]);
      if (alphas !== undefined && (!Array.isArray(alphas) || !alphas.every((a) => typeof a === 'number'))) throw badInput('"alphas" must be a list of numbers', { field: 'alphas' });
      return c.json(await runStats({ ...sources(body), alphas: alphas as number[] | undefined }));
    });

    app.post('/profile', async (c) => {
      const body = await readJsonBody(c);
      return c.json(await runProfile({ ...sources(body), ...profileParams(body) }));
    });

    app.post('/sweep', async (c) => {
      const body = await readJsonBody(c);
      const { tau: _tau, ...params } = profileParams(body);
      return c.json(await runSweep({ ...sources(body), ...params, step: optionalNumber(body, 'step'), maxSize: optionalNumber(body, 'maxSize') }));
    });

    app.post('/view', async (c) => {
      const body = await readJsonBody(c);
      if (body.tree === undefined) throw badInput('"tree" is required: a file path on the server or inline JSON', { field: 'tree' }, 'missing_input');
      return c.json(await runView({ tree: body.tree, split: body.split, results: body.results as ViewRequest['results'], ...profileParams(body) }));
    });

    app.get('/demo', async (c) => {
      const params: ProfileParams = {
        alpha: queryNumber(c.req.query('alpha'), 'alpha'),
        tau: queryNumber(c.req.query('tau'), 'tau'),
        minChildSize: queryNumber(c.req.query('minChildSize'), 'minChildSize'),
      };
      const key = JSON.stringify(params);
      let view = demoViews.get(key);
      if (!view) {
        const files = findDemoFiles();
        view = runView({ tree: files.tree, split: files.split, results: files.results, ...params });
        demoViews.set(key, view);
        view.catch(() => demoViews.delete(key)); // do not keep failures
      }
      return c.json(await view);
    });
    return app;
  },
};
