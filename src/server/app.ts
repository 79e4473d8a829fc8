import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LmscopeError, toHttpError } from '../core/errors.js';
import type { ServerContext } from './context.js';
import { routeModules, type RouteGroup } from './routes.js';

export interface AppOptions {
  /** Maximum request body in bytes (default 16 MiB; routes check their own fields further). */
  maxBodyBytes?: number;
  /** Folder with the built web UI; defaults to dist/web of this package. */
  webRoot?: string;
  /** Route groups to mount instead of the default list (tests). */
  groups?: RouteGroup[];
}

/** The package root: the nearest folder above this module with a package.json. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
/** The built web UI (npm run build compiles web/ into dist/web). */
export const DEFAULT_WEB_ROOT = path.join(packageRoot(), 'dist', 'web');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
};

/** The HTTP API and web UI: /api/<capability>/... plus static pages. Never throws on bad input. */
export async function createApp(context: ServerContext, options: AppOptions = {}): Promise<Hono> {
  const app = new Hono();
  const maxBody = options.maxBodyBytes ?? 16 << 20; // reward batches of 1,000+ responses run to megabytes
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBody,
      onError: (c) => c.json({ error: { code: 'body_too_large', message: `request body over ${maxBody} bytes` } }, 413),
    }),
  );
  app.onError((error, c) => {
    const { status, body } = toHttpError(error);
    // Expected failures (timeouts, bad input) are answered, not logged; unexpected ones are logged.
    if (!LmscopeError.isInstance(error)) console.error(error);
    return c.json(body, status as 400);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));

  const groups = options.groups ?? (await Promise.all(routeModules.map(async (load) => (await load()).routes)));
  const mounted: string[] = [];
  for (const group of groups) {
    app.route(`/api/${group.name}`, await group.create(context));
    mounted.push(group.name);
  }
  app.get('/api', (c) => c.json({ name: 'lmscope', capabilities: mounted }));
  app.get('/healthz', (c) => c.json({ ok: true }));

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  app.get('/*', (c) => {
    let rel = decodeURIComponent(c.req.path);
    if (rel === '/' || rel === '') rel = '/trace.html';
    const file = path.resolve(webRoot, `.${rel}`);
    if (!file.startsWith(path.resolve(webRoot)) || !existsSync(file)) {
      return c.json({ error: { code: 'not_found', message: `no page ${rel}` } }, 404);
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    return c.body(readFileSync(file), 200, { 'content-type': type });
  });
  return app;
}

/** Parses a JSON body or throws a 400 that says what is wrong. */
export async function readJsonBody(c: { req: { json(): Promise<unknown> } }): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new LmscopeError('bad_request', 'request body must be valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new LmscopeError('bad_request', 'request body must be a JSON object');
  return body as Record<string, unknown>;
}
