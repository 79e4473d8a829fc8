// The CLI against tiny GGUF models: `lmscope think --json` prints the object POST /api/think
// returns, for both backends; `lmscope think eval` against an OpenAI-compatible server writes the
// table and the plot and resumes.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { createServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { routes } from '../../src/thinking/routes.js';
import { runThinkCli } from '../thinking/cliHarness.js';
import { openTinyBackends, type TinyBackends } from './tinyModels.js';

let tiny: TinyBackends;
let api: RunningServer;
before(async () => {
  tiny = await openTinyBackends();
  api = await listen(await createApp(createServerContext({ getLanguageModel: async () => tiny.stopping.llama }), { groups: [routes] }), 0);
});
after(async () => {
  await api?.close();
  await tiny?.close();
});

const request = { question: 'Q: 3*3?', template: 's1', promptFormat: '{question}\n', maxThinking: 40, wait: 2, extension: 'Wait', maxAnswerTokens: 5 };
const flags = ['--prompt', request.question, '--template', 's1', '--prompt-format', request.promptFormat, '--max-thinking', '40', '--wait', '2', '--extension', 'Wait', '--max-answer', '5'];

async function postThink(): Promise<{ text: string; interventions: unknown[] }> {
  const response = await fetch(`${api.url}/api/think`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  assert.equal(response.status, 200);
  return (await response.json()) as { text: string; interventions: unknown[] };
}

describe('lmscope think on tiny models', () => {
  it('prints with --json the object POST /api/think returns (llama backend)', async () => {
    const run = await runThinkCli(['think', '--backend', 'llama', '--model', tiny.stopping.path, '--threads', '1', '--context-size', '256', ...flags, '--json']);
    assert.equal(run.exitCode, 0, run.stderr);
    const printed = JSON.parse(run.stdout);
    assert.deepEqual(printed, await postThink());
    assert.equal(printed.interventions.length, 2);
  });

  it('prints with --json the object POST /api/think returns (openai backend), and streams without it', async () => {
    const run = await runThinkCli(['think', '--backend', 'openai', '--base-url', tiny.stopping.url, '--model', tiny.stopping.openai.modelId, ...flags, '--json']);
    assert.equal(run.exitCode, 0, run.stderr);
    const printed = JSON.parse(run.stdout);
    assert.deepEqual(printed, await postThink());
    const streamed = await runThinkCli(['think', '--backend', 'openai', '--base-url', tiny.stopping.url, '--model', tiny.stopping.openai.modelId, ...flags]);
    assert.equal(streamed.exitCode, 0, streamed.stderr);
    assert.ok(streamed.stdout.startsWith(printed.text), 'the streamed text is the result text');
    assert.match(streamed.stdout, /thinking tokens: \d+ \/ 40\nrounds: 3, ended by: model/);
  });

  it('evaluates against an OpenAI-compatible server, writes table and plot, and resumes', async () => {
    const data = path.join(tiny.dir, 'problems.jsonl');
    await writeFile(data, ['1+1', '2+2', '3+3'].map((p, i) => JSON.stringify({ unique_id: `t${i}`, problem: p, answer: String(2 * (i + 1)) })).join('\n') + '\n');
    const out = path.join(tiny.dir, 'eval');
    const args = ['think', 'eval', '--backend', 'openai', '--base-url', tiny.endless.url, '--model', tiny.endless.openai.modelId, '--data', data, '--prompt-format', '{question}\n', '--budgets', '4,12', '--max-answer', '4', '--out', out, '--json'];
    const first = await runThinkCli(args);
    assert.equal(first.exitCode, 0, first.stderr);
    const report = JSON.parse(first.stdout);
    assert.equal(report.generated, 6);
    // The endless model always uses its whole budget: measured thinking equals each budget.
    assert.deepEqual(report.curves[0].points.map((p: { thinkingTokens: number }) => p.thinkingTokens), [4, 12]);
    assert.equal(report.table[0].control, 1);
    assert.equal((await readFile(path.join(out, 'samples.jsonl'), 'utf8')).trim().split('\n').length, 6);
    assert.equal(await readFile(path.join(out, 'scaling.svg'), 'utf8'), report.svg);
    assert.match(await readFile(path.join(out, 'table.txt'), 'utf8'), /^method\s+control\s+scaling/m);
    const again = await runThinkCli(args);
    const second = JSON.parse(again.stdout);
    assert.equal(second.generated, 0);
    assert.deepEqual(second.table, report.table);
  });
});
