import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { routes } from '../../src/evaltree/routes.js';
import { createApp } from '../../src/server/app.js';
import { createServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { runProfile, type ExplorerView } from '../../src/evaltree/index.js';
import { mathFiles } from './dataPaths.js';

const files = mathFiles();
let server: RunningServer;

before(async () => {
  server = await listen(await createApp(createServerContext(), { groups: [routes] }), 0);
});
after(async () => {
  await server.close();
});

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.url}/api/evaltree/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

describe('evaltree HTTP routes', () => {
  test('POST /profile answers the released profile, the same object as the library', async () => {
    const { status, json } = await post('profile', { tree: files.tree, results: files.llama, split: files.split, alpha: 0.05, tau: 0.4 });
    assert.equal(status, 200);
    assert.deepEqual(json, JSON.parse(readFileSync(files.profile, 'utf8')));
    assert.deepEqual(json, await runProfile({ tree: files.tree, results: files.llama, split: files.split, alpha: 0.05, tau: 0.4 }));
  });

  test('POST /stats with inline JSON gives the confidence-interval tree', async () => {
    const tree = { description: 'r', subtrees: { '0': { description: 'a', subtrees: [0, 1, 2, 3, 4] }, '1': { description: 'b', subtrees: [5, 6] } } };
    const { status, json } = await post('stats', { tree, results: [1, 1, 0, 1, 0, 0, 1], alphas: [0.05] });
    assert.equal(status, 200);
    assert.equal(json.size, 7);
    assert.equal(json.sum_metrics, 4);
    assert.deepEqual(Object.keys(json.confidence_interval), ['0.05']);
    assert.equal(json.subtrees['0'].sum_metrics, 3);
    assert.equal(json.subtrees['1'].confidence_interval, null);
    assert.deepEqual(json.subtrees['1'].subtrees.map((leaf: { subtrees: number }) => leaf.subtrees), [5, 6]);
  });

  test('POST /sweep returns profiles by tau', async () => {
    const { status, json } = await post('sweep', { tree: files.tree, results: files.llama, split: files.split, step: 0.001, maxSize: 10 });
    assert.equal(status, 200);
    assert.ok(json.profiles.length > 5);
    assert.ok(Object.keys(json.bySize).every((size) => Number(size) <= 10));
  });

  test('GET /demo serves the bundled tree with three models and their profiles', async () => {
    const response = await fetch(`${server.url}/api/evaltree/demo?tau=0.4`);
    assert.equal(response.status, 200);
    const view = (await response.json()) as ExplorerView;
    assert.equal(view.nodes.length, 6355);
    assert.deepEqual(view.models.map((m) => m.name).sort(), ['Llama-3.1-8B-Instruct', 'dart-math-llama3-8b-uniform', 'gpt-4o-mini-2024-07-18']);
    const llama = view.models.find((m) => m.name === 'Llama-3.1-8B-Instruct')!;
    const released = JSON.parse(readFileSync(files.profile, 'utf8')) as { capability: string }[];
    assert.deepEqual(llama.profile.map((id) => view.nodes[id]!.description), released.map((p) => p.capability));
    assert.equal(llama.successes[0], 1996);
  });

  test('bad requests are 400s with a code and an actionable message', async () => {
    let r = await post('profile', '{not json');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'bad_request');
    r = await post('profile', { tree: files.tree });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'missing_input');
    r = await post('profile', { tree: files.tree, results: files.llama });
    assert.equal(r.json.error.code, 'size_mismatch');
    assert.match(r.json.error.message, /pass the split/);
    r = await post('profile', { tree: files.tree, results: [1, 0.5], split: [0, 1] });
    assert.equal(r.json.error.code, 'non_binary_result');
    r = await post('profile', { tree: files.tree, results: files.llama, split: files.split, tau: 'low' });
    assert.equal(r.status, 400);
    assert.match(r.json.error.message, /"tau" must be a number/);
    r = await post('stats', { tree: files.tree, results: files.llama, split: files.split, alphas: 'x' });
    assert.equal(r.json.error.field ?? r.json.error.where?.field, 'alphas');
    const bad = await fetch(`${server.url}/api/evaltree/demo?alpha=abc`);
    assert.equal(bad.status, 400);
  });
});
