import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { createServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { createRewardServerApp, loadRewardConfig } from '../../src/rewards/index.js';
import { routes } from '../../src/rewards/routes.js';

let dir: string;
let servers: RunningServer[] = [];

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lmscope-rewards-'));
});
after(async () => {
  for (const s of servers) await s.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function post(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

async function serveReward(settings: Parameters<typeof loadRewardConfig>[0]): Promise<RunningServer> {
  const server = await listen(await createRewardServerApp(await loadRewardConfig(settings)), 0);
  servers.push(server);
  return server;
}

test('OpenRLHF protocol: POST /get_reward with query, prompts, labels answers rewards', async () => {
  const server = await serveReward({ reward: 'ground_truth' });
  const prompts = ['<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n', '<|im_start|>user\nWhat is 3+3?<|im_end|>\n'];
  const { status, json } = await post(`${server.url}/get_reward`, {
    query: [`${prompts[0]}So \\boxed{4}.`, `${prompts[1]}I think \\boxed{7}.`],
    prompts,
    labels: ['4', '6'],
  });
  assert.equal(status, 200);
  assert.deepEqual(json.rewards, [1, 0]);
  assert.deepEqual(json.scores, [1, 0]);
  assert.deepEqual(json.extra_logs.reward_failed, [0, 0]);
});

test('OpenRLHF protocol: the response is the query minus its prompt (a "4" in the prompt is not the answer)', async () => {
  const server = await serveReward({ reward: 'ground_truth' });
  const prompt = 'Compute \\boxed{4} minus one.';
  const { json } = await post(`${server.url}/get_reward`, { query: [`${prompt} The result is 3.`], prompts: [prompt], labels: ['4'] });
  assert.deepEqual(json.rewards, [0]);
});

test('OpenRLHF protocol: missing labels are reported per item, bad bodies get a 400', async () => {
  const server = await serveReward({ reward: 'ground_truth' });
  const { status, json } = await post(`${server.url}/get_reward`, { query: ['q \\boxed{1}'], prompts: ['q'] });
  assert.equal(status, 200);
  assert.deepEqual(json.rewards, [0]);
  assert.deepEqual(json.extra_logs.reward_failed, [1]);
  assert.equal(json.errors[0].code, 'missing_label');
  const bad = await post(`${server.url}/get_reward`, { query: 'not a list' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.code, 'bad_input');
  const mismatched = await post(`${server.url}/get_reward`, { query: ['a', 'b'], prompts: ['a'] });
  assert.equal(mismatched.status, 400);
  const notJson = await post(`${server.url}/get_reward`, '{oops');
  assert.equal(notJson.status, 400);
});

test('the random reward served over HTTP replays across requests', async () => {
  const server = await serveReward({ reward: 'random', seed: 5 });
  const body = { query: Array.from({ length: 64 }, (_, i) => `p${i % 4} r`), prompts: Array.from({ length: 64 }, (_, i) => `p${i % 4}`) };
  const first = await post(`${server.url}/get_reward`, body);
  const second = await post(`${server.url}/get_reward`, body);
  assert.deepEqual(first.json.rewards, second.json.rewards);
  assert.ok(first.json.rewards.includes(0) && first.json.rewards.includes(1));
});

test('majority reward served with a labelled data file reads the majority label by prompt', async () => {
  const data = path.join(dir, 'labelled.jsonl');
  await fs.writeFile(data, `${JSON.stringify({ id: 'a', prompt: 'What is 2+2?', answer: '4', majority_label: '5', incorrect_label: '5' })}\n`);
  const server = await serveReward({ reward: 'majority', data });
  const { json } = await post(`${server.url}/get_reward`, { query: ['What is 2+2? \\boxed{5}', 'What is 2+2? \\boxed{4}'], prompts: ['What is 2+2?', 'What is 2+2?'], labels: ['4', '4'] });
  assert.deepEqual(json.rewards, [1, 0]);
});

test('JSON API: POST /api/rewards/score and /api/rewards/grade, mounted in the main app', async () => {
  const app = await createApp(createServerContext(), { groups: [routes] });
  const server = await listen(app, 0);
  servers.push(server);
  const scored = await post(`${server.url}/api/rewards/score`, {
    reward: 'format',
    items: [{ prompt: 'p', response: '\\boxed{1}' }, { prompt: 'p', response: 'none' }, { prompt: 'p', response: '\\boxed{}' }],
  });
  assert.equal(scored.status, 200);
  assert.deepEqual(scored.json.rewards, [1, 0, 0]);
  assert.equal(scored.json.reward, 'format');
  const grouped = await post(`${server.url}/api/rewards/score`, { reward: 'format', groupSize: 2, items: [{ prompt: 'p', response: '\\boxed{1}' }, { prompt: 'p', response: 'x' }] });
  assert.ok(grouped.json.advantages.advantages[0] > 0 && grouped.json.advantages.advantages[1] < 0);
  const graded = await post(`${server.url}/api/rewards/grade`, { gold: '\\frac{1}{2}', pred: 'so \\boxed{0.5}' });
  assert.equal(graded.json.equal, true);
  assert.equal(graded.json.pred.extracted, '0.5');
  const unknown = await post(`${server.url}/api/rewards/score`, { reward: 'nope', items: [] });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.error.code, 'unknown_reward');
  const badItem = await post(`${server.url}/api/rewards/score`, { reward: 'format', items: [{ prompt: 'p' }] });
  assert.equal(badItem.status, 400);
  assert.match(badItem.json.error.message, /response/);
  const list = (await (await fetch(`${server.url}/api/rewards`)).json()) as { rewards: { name: string }[] };
  assert.ok(list.rewards.some((r) => r.name === "one_shot"));
});

test('a server refuses to start with an unknown reward or a missing data file', async () => {
  await assert.rejects(loadRewardConfig({ reward: 'bogus' }), /unknown reward/);
  await assert.rejects(loadRewardConfig({ reward: 'majority', data: path.join(dir, 'missing.jsonl') }));
});
