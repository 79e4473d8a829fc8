import type { Context } from 'hono';
import { badInput } from '../core/errors.js';
import { readJsonBody } from '../server/app.js';
import type { ServerContext } from '../server/context.js';
import { curateReasoningSet } from './curate/curate.js';
import { toPoolItem } from './curate/pool.js';
import { intField } from './request.js';
import { requireModel } from './serverModel.js';

/** Most pool rows one HTTP curation may take; whole pools belong to `lmscope think curate`. */
const MAX_POOL_ROWS = 5000;

/**
 * POST /api/think/curate: `{pool: rows[], n, seed?, tokenizer?, domainDraw?, uniformPicks?,
 * classify?: boolean, solveWithModel?: string}`; models come from the server's backend.
 */
export function curateRoute(context: ServerContext) {
  return async (c: Context) => {
    const body = await readJsonBody(c);
    if (!Array.isArray(body.pool) || body.pool.length === 0) throw badInput('pool must be a non-empty list of rows', { field: 'pool' });
    if (body.pool.length > MAX_POOL_ROWS) throw badInput(`pool has ${body.pool.length} rows, over the limit of ${MAX_POOL_ROWS}; use lmscope think curate for whole pools`, { field: 'pool' });
    const items = body.pool.map((value: unknown, i: number) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(`pool[${i}] must be an object`, { field: 'pool', item: `pool[${i}]` });
      return toPoolItem({ value: value as Record<string, unknown>, file: 'request', line: i + 1 });
    });
    const n = intField(body, 'n', 1) ?? 1000;
    const domainDraw = body.domainDraw ?? 'uniform';
    if (domainDraw !== 'uniform' && domainDraw !== 'benchmark') throw badInput('domainDraw must be uniform or benchmark', { field: 'domainDraw' });
    const tokenizerName = typeof body.tokenizer === 'string' ? body.tokenizer : 'qwen2.5';
    if (tokenizerName.startsWith('hf:')) throw badInput('over HTTP, tokenizer must be a built-in one (qwen2.5, olmo2, bytes)', { field: 'tokenizer' });
    const { getTokenizer } = await import('../tokenizers/index.js');
    const tokenizer = getTokenizer(tokenizerName);
    const needsModel = body.classify === true || typeof body.solveWithModel === 'string';
    const model = needsModel ? await requireModel(context) : undefined;
    const { report } = await curateReasoningSet(items, {
      n,
      seed: intField(body, 'seed', 0) ?? 0,
      countTokens: (text) => tokenizer.encode(text).length,
      domainDraw,
      uniformPicks: intField(body, 'uniformPicks', 0),
      classifier: body.classify === true ? model : undefined,
      solvers: typeof body.solveWithModel === 'string' && model ? [{ name: body.solveWithModel, model }] : undefined,
      signal: c.req.raw.signal,
    });
    return c.json(report);
  };
}
