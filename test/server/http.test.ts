import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildIndex } from '../../src/index/build.js';
import { routes as indexRoutes } from '../../src/index/routes.js';
import { createApp } from '../../src/server/app.js';
import { createServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { routes as traceRoutes } from '../../src/trace/routes.js';
import { makeTempDir, writeJsonl } from '../helpers/corpus.js';

let tmp: { dir: string; cleanup: () => Promise<void> };
let server: RunningServer;
let slowServer: RunningServer;

async function post(base: string, route: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

before(async () => {
  tmp = await makeTempDir();
  const file = await writeJsonl(path.join(tmp.dir, 'docs.jsonl'), [
    { text: 'The lighthouse keeper climbed the spiral stairs every evening.', url: 'https://example.org/a' },
    { text: 'Every evening the keeper lit the great lamp above the rocks.', url: 'https://example.org/b' },
  ]);
  await buildIndex({ inputs: [file], outDir: path.join(tmp.dir, 'idx'), tokenizer: 'olmo2', threads: 0 });
  const context = createServerContext({ indexDirs: [`books=${path.join(tmp.dir, 'idx')}`] });
  server = await listen(await createApp(context, { groups: [indexRoutes, traceRoutes], maxBodyBytes: 64 * 1024 }), 0);
  const slow = createServerContext({ indexDirs: [`books=${path.join(tmp.dir, 'idx')}`], settings: { traceTimeoutMs: -1 } });
  slowServer = await listen(await createApp(slow, { groups: [indexRoutes, traceRoutes] }), 0);
});
after(async () => {
  await server.close();
  await slowServer.close();
  await tmp.cleanup();
});

describe('index routes', () => {
  test('count, ntd, infgram-prob, find, search, doc and info answer like the library', async () => {
    const count = await post(server.url, '/api/index/count', { query: ' keeper' });
    assert.equal(count.status, 200);
    assert.equal(count.json.count, 2);
    const byIds = await post(server.url, '/api/index/count', { index: 'books', ids: count.json.tokenIds });
    assert.equal(byIds.json.count, 2);
    const ntd = await post(server.url, '/api/index/ntd', { query: ' the' });
    assert.ok(ntd.json.distribution.length > 1);
    assert.equal(ntd.json.distribution.reduce((s: number, e: { count: number }) => s + e.count, 0), ntd.json.promptCount);
    const inf = await post(server.url, '/api/index/infgram-prob', { query: 'nonsense words then the', next: ' keeper' });
    assert.equal(inf.json.suffixLength, 1);
    const find = await post(server.url, '/api/index/find', { query: ' evening' });
    assert.equal(find.json.count, 2);
    const search = await post(server.url, '/api/index/search', { cnf: 'keeper AND lamp OR stairs', maxDocs: 2 });
    assert.equal(search.json.count, 2);
    const doc = await post(server.url, '/api/index/doc', { docIx: 1 });
    assert.equal(doc.json.text, 'Every evening the keeper lit the great lamp above the rocks.');
    const info = await post(server.url, '/api/index/info', {});
    assert.equal(info.json.documents, 2);
    const list = (await (await fetch(`${server.url}/api/index`)).json()) as { indexes: string[] };
    assert.deepEqual(list.indexes, ['books']);
  });

  test('bad requests get 4xx JSON errors and the server keeps serving', async () => {
    const cases: [string, unknown, number, string][] = [
      ['/api/index/count', '{not json', 400, 'bad_request'],
      ['/api/index/count', { ids: [1, 999999999] }, 400, 'id_out_of_range'],
      ['/api/index/count', { ids: new Array(5000).fill(1) }, 400, 'query_too_long'],
      ['/api/index/count', { index: 'nope', query: 'x' }, 404, 'index_not_found'],
      ['/api/index/ntd', { query: 'x', maxSupport: 5000 }, 400, 'bad_request'],
      ['/api/index/doc', { docIx: 99 }, 400, 'bad_request'],
      ['/api/index/unknown', {}, 404, 'not_found'],
      ['/api/index/count', { query: 'x'.repeat(100 * 1024) }, 413, 'body_too_large'],
      ['/api/trace', { response: 42 }, 400, 'bad_request'],
      ['/api/trace', { response: 'hello', settings: { maxDocsPerSpan: 1e9 } }, 400, 'bad_request'],
      ['/api/trace', { response: 'hello', settings: { bogus: 1 } }, 400, 'bad_request'],
      ['/api/trace', { response: 'y'.repeat(50_000) }, 413, 'response_too_long'],
    ];
    for (const [route, body, status, code] of cases) {
      const r = await post(server.url, route, body);
      assert.equal(r.status, status, `${route} ${JSON.stringify(body).slice(0, 60)}`);
      assert.equal(r.json.error.code, code);
      assert.equal(typeof r.json.error.message, 'string');
    }
    const ok = await post(server.url, '/api/index/count', { query: ' keeper' });
    assert.equal(ok.status, 200);
  });
});

describe('trace route', () => {
  test('returns the same object as the library, cached on repeat', async () => {
    const body = { prompt: 'lighthouse', response: 'At dusk the lighthouse keeper climbed the spiral stairs every evening.' };
    const first = await post(server.url, '/api/trace', body);
    assert.equal(first.status, 200);
    assert.equal(first.json.cached, false);
    assert.ok(first.json.spans.some((s: { text: string }) => s.text.includes('lighthouse keeper climbed the spiral stairs')));
    const second = await post(server.url, '/api/trace', body);
    assert.equal(second.json.cached, true);
    assert.deepEqual(second.json.spans, first.json.spans);
    const config = (await (await fetch(`${server.url}/api/trace/config`)).json()) as { indexes: string[]; canGenerate: boolean };
    assert.deepEqual(config.indexes, ['books']);
    assert.equal(config.canGenerate, false);
    const gen = await post(server.url, '/api/trace/generate', { prompt: 'hi' });
    assert.equal(gen.status, 404);
    assert.equal(gen.json.error.code, 'no_backend');
  });

  test('a trace over the time limit answers 503 with a message that says so', async () => {
    const r = await post(slowServer.url, '/api/trace', { response: 'the keeper climbed the spiral stairs' });
    assert.equal(r.status, 503);
    assert.equal(r.json.error.code, 'trace_timeout');
    assert.match(r.json.error.message, /time limit/);
  });

  test('static pages are served and unknown paths are JSON 404s', async () => {
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Trace a response/);
    const missing = await fetch(`${server.url}/../../etc/passwd`);
    assert.equal(missing.status, 404);
  });
});
