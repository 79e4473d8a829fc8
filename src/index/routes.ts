import { Hono } from 'hono';
import { LmscopeError } from '../core/errors.js';
import { readJsonBody } from '../server/app.js';
import type { ServerContext } from '../server/context.js';
import type { RouteGroup } from '../server/routes.js';
import { runIndexQuery, INDEX_QUERY_KINDS, type IndexQueryKind } from './queries.js';
import { createIndexRegistry, type IndexRegistry } from './registry.js';

/** The server's shared index registry (also used by trace routes). */
export function indexRegistryOf(context: ServerContext): IndexRegistry {
  return context.memo('indexRegistry', () => createIndexRegistry(context.indexDirs, { tokenizer: context.settings.tokenizer as string | undefined, threads: context.settings.searchThreads as number | undefined }));
}

/** POST /api/index/<kind> with `{index?, query | ids, ...}`; GET /api/index lists indexes. */
export const routes: RouteGroup = {
  name: 'index',
  create(context) {
    const app = new Hono();
    const registry = indexRegistryOf(context);
    app.get('/', (c) => c.json({ indexes: registry.names(), queries: INDEX_QUERY_KINDS }));
    app.post('/:kind', async (c) => {
      const kind = c.req.param('kind') as IndexQueryKind;
      if (!INDEX_QUERY_KINDS.includes(kind)) throw new LmscopeError('not_found', `unknown query type "${kind}": use one of ${INDEX_QUERY_KINDS.join(', ')}`, { status: 404 });
      const body = await readJsonBody(c);
      if (body.index !== undefined && typeof body.index !== 'string') throw new LmscopeError('bad_request', 'index must be a name', { where: { field: 'index' } });
      const engine = registry.get(body.index as string | undefined);
      return c.json(runIndexQuery(engine, kind, body) as object);
    });
    return app;
  },
};
