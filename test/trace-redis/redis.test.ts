import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { buildIndex } from '../../src/index/build.js';
import { createIndexRegistry } from '../../src/index/registry.js';
import { routes as indexRoutes } from '../../src/index/routes.js';
import { createApp } from '../../src/server/app.js';
import { createServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { startRedisTraceWorker } from '../../src/trace/redisService.js';
import { routes as traceRoutes } from '../../src/trace/routes.js';
import { makeTempDir, writeJsonl } from '../helpers/corpus.js';

// .ci/run starts Debian redis-server on loopback and sets LMSCOPE_TEST_REDIS.
const redisUrl = process.env.LMSCOPE_TEST_REDIS;
const skip = redisUrl ? false : 'LMSCOPE_TEST_REDIS is not set (start redis-server and point it there)';

let tmp: { dir: string; cleanup: () => Promise<void> };
let servers: RunningServer[] = [];
let workers: { close(): Promise<void> }[] = [];
let contexts: ReturnType<typeof createServerContext>[] = [];

before(async () => {
  if (!redisUrl) return;
  const flush = new Redis(redisUrl);
  await flush.flushdb();
  flush.disconnect();
  tmp = await makeTempDir();
  const file = await writeJsonl(path.join(tmp.dir, 'docs.jsonl'), [{ text: 'The orchard keeper counted forty golden pears before the frost.' }, { text: 'Before the frost came, the pears were picked.' }]);
  const dir = path.join(tmp.dir, 'idx');
  await buildIndex({ inputs: [file], outDir: dir, tokenizer: 'olmo2', threads: 0 });
  // Two API processes' worth of servers share one queue; two workers take the jobs.
  for (let i = 0; i < 2; i++) {
    const context = createServerContext({ indexDirs: [`orchard=${dir}`], settings: { redis: redisUrl, traceTimeoutMs: 45_000 } });
    contexts.push(context);
    servers.push(await listen(await createApp(context, { groups: [indexRoutes, traceRoutes] }), 0));
    workers.push(startRedisTraceWorker(redisUrl, createIndexRegistry([`orchard=${dir}`]), 2));
  }
});

after(async () => {
  for (const s of servers) await s.close();
  for (const w of workers) await w.close();
  for (const c of contexts) for (const close of c.onClose) await close();
  await tmp?.cleanup();
});

async function trace(server: RunningServer, body: unknown) {
  const res = await fetch(`${server.url}/api/trace`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
}

test('Redis mode: workers run traces for several API servers and share one result cache', { skip }, async () => {
  const body = { response: 'Then the orchard keeper counted forty golden pears before the frost.' };
  const first = await trace(servers[0]!, body);
  assert.equal(first.status, 200);
  assert.equal(first.json.cached, false);
  assert.ok(first.json.spans.some((s: { text: string }) => s.text.includes('orchard keeper counted forty golden pears')));
  // The other API server finds the result in the shared cache.
  const second = await trace(servers[1]!, body);
  assert.equal(second.json.cached, true);
  assert.deepEqual(second.json.spans, first.json.spans);
  // The cache entry lives 1 h on write and 12 h after a hit.
  const redis = new Redis(redisUrl!);
  const keys = await redis.keys('lmscope:trace:*');
  assert.equal(keys.length, 1);
  assert.ok((await redis.ttl(keys[0]!)) > 3600);
  redis.disconnect();
});

test('Redis mode: concurrent requests all complete and bad input comes back as a 4xx', { skip }, async () => {
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => trace(servers[i % 2]!, { response: `Number ${i}: the pears were picked before the frost came.` })));
  for (const r of results) assert.equal(r.status, 200);
  const bad = await trace(servers[0]!, { index: 'orchard', response: 'x', settings: { minSpanLength: 0 } });
  assert.equal(bad.status, 400);
});
