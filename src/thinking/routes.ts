import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { badInput, toHttpError } from '../core/errors.js';
import { readJsonBody } from '../server/app.js';
import type { RouteGroup } from '../server/routes.js';
import { thinkWithBudget } from './budgetForcing.js';
import { curateRoute } from './curateRoute.js';
import { NAMED_DATASETS, loadProblems, problemsFromValues } from './datasets.js';
import { parseEvalInput } from './evalRequest.js';
import { methodMetrics, type CurvePoint } from './metrics.js';
import { METHODS, planSettings } from './methods.js';
import { renderScalingSvg } from './plot.js';
import { parseThinkInput } from './request.js';
import { requireModel } from './serverModel.js';
import { evaluateScaling } from './scalingEval.js';
import { BUILTIN_TEMPLATES } from './templates.js';

/** Most samples one HTTP evaluation may generate; larger runs belong to `lmscope think eval`. */
const DEFAULT_MAX_EVAL_SAMPLES = 500;

/**
 * /api/think: budget forcing (POST /), streamed budget forcing (POST /stream, NDJSON events then
 * the result), test-time scaling evaluation (POST /eval), metrics and plot of given curves
 * (POST /metrics), s1K-style curation (POST /curate), and the templates (GET /templates).
 */
export const routes: RouteGroup = {
  name: 'think',
  create(context) {
    const maxSamples = typeof context.settings.thinkMaxEvalSamples === 'number' ? context.settings.thinkMaxEvalSamples : DEFAULT_MAX_EVAL_SAMPLES;
    return new Hono()
      .get('/templates', (c) => c.json({ templates: BUILTIN_TEMPLATES, methods: METHODS, datasets: NAMED_DATASETS, hasModel: context.getLanguageModel !== undefined }))
      .post('/', async (c) => {
        const request = parseThinkInput(await readJsonBody(c));
        const model = await requireModel(context);
        return c.json(await thinkWithBudget(model, { ...request, signal: c.req.raw.signal }));
      })
      .post('/stream', async (c) => {
        const request = parseThinkInput(await readJsonBody(c));
        const model = await requireModel(context);
        c.header('content-type', 'application/x-ndjson; charset=utf-8');
        return stream(c, async (out) => {
          const send = (value: unknown): Promise<unknown> => out.write(`${JSON.stringify(value)}\n`);
          const pending: Promise<unknown>[] = [];
          try {
            const result = await thinkWithBudget(model, { ...request, signal: c.req.raw.signal, onText: (e) => void pending.push(send({ type: 'text', ...e })) });
            await Promise.all(pending);
            await send({ type: 'result', result });
          } catch (error) {
            await send({ type: 'error', ...toHttpError(error).body });
          }
        });
      })
      .post('/eval', async (c) => {
        const input = parseEvalInput(await readJsonBody(c));
        if (input.data !== undefined && !(NAMED_DATASETS as readonly string[]).includes(input.data)) {
          throw badInput(`over HTTP, data must be one of ${NAMED_DATASETS.join(', ')}; send other problems inline as "problems"`, { field: 'data' });
        }
        const problems = input.problems ? problemsFromValues(input.problems).slice(0, input.limit) : await loadProblems(input.data!, { limit: input.limit });
        const total = planSettings(input).reduce((n, s) => n + s.samples * problems.length, 0);
        if (total > maxSamples) throw badInput(`this evaluation needs ${total} generations, over the server's limit of ${maxSamples}; lower limit/budgets/samples or use lmscope think eval`, { field: 'limit' });
        const model = await requireModel(context);
        return c.json(await evaluateScaling(model, { ...input, data: input.data ?? 'inline', problems, signal: c.req.raw.signal }));
      })
      .post('/metrics', async (c) => {
        const body = await readJsonBody(c);
        const curves = parseCurves(body.curves);
        const title = typeof body.title === 'string' ? body.title : 'Test-time scaling';
        return c.json({ table: curves.map((curve) => methodMetrics(curve.method, curve.points)), svg: renderScalingSvg(curves.map((cv) => ({ ...cv, points: cv.points.map((p) => ({ ...p, problems: 0 })) })), title) });
      })
      .post('/curate', curateRoute(context));
  },
};

/** Curves given by a client (e.g. from a saved report.json), checked point by point. */
function parseCurves(value: unknown): { method: string; points: CurvePoint[] }[] {
  if (!Array.isArray(value) || value.length === 0) throw badInput('curves must be a non-empty list of {method, points}', { field: 'curves' });
  return value.map((curve, i) => {
    const c = curve as { method?: unknown; points?: unknown };
    if (typeof c?.method !== 'string' || !Array.isArray(c.points)) throw badInput(`curves[${i}] needs method (string) and points (list)`, { field: 'curves', item: `curves[${i}]` });
    const points = c.points.map((p: unknown, j: number): CurvePoint => {
      const q = p as Record<string, unknown>;
      const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
      const limit = (v: unknown): number | null => (finite(v) ? v : null);
      if (!finite(q?.thinkingTokens) || !finite(q?.accuracy)) throw badInput(`curves[${i}].points[${j}] needs numbers thinkingTokens and accuracy`, { field: 'curves', item: `curves[${i}].points[${j}]` });
      return { label: typeof q.label === 'string' ? q.label : String(j), thinkingTokens: q.thinkingTokens, accuracy: q.accuracy, aMin: limit(q.aMin), aMax: limit(q.aMax) };
    });
    return { method: c.method, points };
  });
}
