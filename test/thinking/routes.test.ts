// HTTP tests of /api/think on a real loopback server; the language model is the scripted model of
// scriptedModel.ts, so the route's answers can be checked against the library's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { createServerContext, type ServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { thinkWithBudget } from '../../src/thinking/budgetForcing.js';
import { routes } from '../../src/thinking/routes.js';
import { resolveTemplate } from '../../src/thinking/templates.js';
import { createScriptedModel } from './scriptedModel.js';

const templateFields = { template: 'custom', promptFormat: 'Q: {question}\n', thinkStart: '<think>', thinkEnd: '</think>', forcedAnswerPrefix: ' Final Answer:', answerStop: ['<end>'] };
const scripted = () => createScriptedModel({ thinkStart: '<think>', thinkEnd: '</think>', stopText: '</think>', segments: [4], extension: ' Wait', answer: (words) => ` \\boxed{${words}}` });

function context(withModel: boolean): ServerContext {
  const model = scripted();
  return createServerContext({ settings: { thinkMaxEvalSamples: 50 }, ...(withModel ? { getLanguageModel: async () => model } : {}) });
}

let server: RunningServer;
let bare: RunningServer;
before(async () => {
  server = await listen(await createApp(context(true), { groups: [routes] }), 0);
  bare = await listen(await createApp(context(false), { groups: [routes] }), 0);
});
after(async () => {
  await server.close();
  await bare.close();
});

async function post(base: RunningServer, path: string, body: unknown): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(`${base.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

describe('POST /api/think', () => {
  it('answers the same object as the library', async () => {
    const body = { ...templateFields, question: 'q', maxThinking: 20, wait: 2, extension: ' Wait' };
    const { status, json } = await post(server, '/api/think', body);
    assert.equal(status, 200);
    const expected = await thinkWithBudget(scripted(), { question: 'q', template: resolveTemplate('custom', { promptFormat: 'Q: {question}\n', thinkStart: '<think>', thinkEnd: '</think>', forcedAnswerPrefix: ' Final Answer:', answerStop: ['<end>'] }), maxThinking: 20, wait: 2, extension: ' Wait' });
    assert.deepEqual(json, JSON.parse(JSON.stringify(expected)));
    assert.equal(json.interventions.filter((i: { kind: string }) => i.kind === 'extend').length, 2);
  });

  it('streams text events and then the result', async () => {
    const { status, text } = await post(server, '/api/think/stream', { ...templateFields, question: 'q', maxThinking: 6, wait: 1, extension: ' Wait' });
    assert.equal(status, 200);
    const events = text.trim().split('\n').map((l) => JSON.parse(l));
    const result = events.at(-1).result;
    assert.equal(events.at(-1).type, 'result');
    assert.equal('<think>' + events.filter((e) => e.type === 'text').map((e) => e.text).join(''), result.text);
  });

  it('names the bad field with a 400', async () => {
    const { status, json } = await post(server, '/api/think', { question: 'q', maxThinking: 'lots' });
    assert.equal(status, 400);
    assert.equal(json.error.where.field, 'maxThinking');
    const noQuestion = await post(server, '/api/think', { maxThinking: 5 });
    assert.equal(noQuestion.json.error.where.field, 'question');
    const badTemplate = await post(server, '/api/think', { question: 'q', maxThinking: 5, template: 'nope' });
    assert.equal(badTemplate.json.error.where.field, 'template');
  });

  it('says how to configure a model when the server has none', async () => {
    const { status, json } = await post(bare, '/api/think', { question: 'q', maxThinking: 5 });
    assert.equal(status, 503);
    assert.equal(json.error.code, 'no_model');
    assert.match(json.error.message, /--backend/);
  });
});

describe('POST /api/think/eval, /metrics, /curate', () => {
  it('evaluates inline problems and returns the table and plot', async () => {
    const problems = [
      { id: 'a', problem: 'x', answer: '3' },
      { id: 'b', problem: 'y', answer: '5' },
    ];
    const { status, json } = await post(server, '/api/think/eval', { ...templateFields, problems, methods: 'bf', budgets: [3, 10] });
    assert.equal(status, 200);
    assert.deepEqual(json.curves[0].points.map((p: { accuracy: number }) => p.accuracy), [50, 0]);
    assert.equal(json.table[0].method, 'bf');
    assert.match(json.svg, /^<svg/);
  });

  it('refuses evaluations over the sample limit and file paths', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, problem: 'x', answer: '1' }));
    const tooBig = await post(server, '/api/think/eval', { problems: many, budgets: [1, 2] });
    assert.equal(tooBig.status, 400);
    assert.match(tooBig.json.error.message, /limit/);
    const path = await post(server, '/api/think/eval', { data: '/etc/passwd' });
    assert.equal(path.status, 400);
    assert.equal(path.json.error.where.field, 'data');
  });

  it('computes metrics and the plot of given curves', async () => {
    const curves = [{ method: 'bf', points: [{ label: 'a', thinkingTokens: 1000, accuracy: 20, aMax: 1024 }, { label: 'b', thinkingTokens: 3000, accuracy: 40, aMax: 2048 }] }];
    const { status, json } = await post(server, '/api/think/metrics', { curves });
    assert.equal(status, 200);
    assert.equal(json.table[0].control, 0.5);
    assert.equal(json.table[0].scaling, 0.01);
    assert.equal(json.table[0].performance, 40);
    assert.match(json.svg, /data-method="bf"/);
    const bad = await post(server, '/api/think/metrics', { curves: [{ method: 'bf', points: [{ accuracy: 1 }] }] });
    assert.equal(bad.status, 400);
  });

  it('curates a pool sent in the body', async () => {
    const pool = Array.from({ length: 12 }, (_, i) => ({ id: `q${i}`, question: `Q${i}`, thinking: 'a b c '.repeat(i + 1), solution: `\\boxed{${i}}`, domain: i % 2 ? '05' : '11', solver_correct: { s: i < 4 } }));
    const { status, json } = await post(server, '/api/think/curate', { pool, n: 5, seed: 1, tokenizer: 'bytes' });
    assert.equal(status, 200);
    assert.equal(json.counts.afterDifficulty, 8);
    assert.equal(json.counts.selected, 5);
    const again = await post(server, '/api/think/curate', { pool, n: 5, seed: 1, tokenizer: 'bytes' });
    assert.deepEqual(again.json, json);
  });
});
