import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { createApp } from '../../src/server/app.js';
import { createServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { register } from '../../src/rewardbench/cli.js';
import { routes } from '../../src/rewardbench/routes.js';
import { completionsOf } from '../../src/rewardbench/types.js';
import { makeRow, qualityOf, sampleDataset, tempDir, writeJsonl } from './fixtures.js';
import { createVllmStandIn } from './vllmStandIn.js';

/** Runs `lmscope rewardbench ...` in this process and captures what it prints. */
async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const program = new Command().name('lmscope').exitOverride();
  register(program);
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const previous = process.exitCode;
  process.exitCode = 0;
  // The test runner talks to its parent over stdout in binary chunks: pass those through.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => (typeof chunk === 'string' ? (out.push(chunk), true) : writeOut(chunk, ...(rest as [])))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => (typeof chunk === 'string' ? (err.push(chunk), true) : writeErr(chunk, ...(rest as [])))) as typeof process.stderr.write;
  try {
    await program.parseAsync(['node', 'lmscope', 'rewardbench', ...args]);
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = previous;
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}

let dir: string;
let server: RunningServer;
let standIn: RunningServer;
let dataFile: string;
let scoresFile: string;
const log: { path: string; body: Record<string, unknown> }[] = [];

async function post(route: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/api/rewardbench/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

before(async () => {
  dir = await tempDir();
  const rows = sampleDataset();
  dataFile = await writeJsonl(path.join(dir, 'data.jsonl'), rows);
  scoresFile = await writeJsonl(
    path.join(dir, 'scores.jsonl'),
    rows.map((r) => ({ id: r.id, scores: completionsOf({ ...r }).map((t, i) => (r.id === 'math-1' && i === 1 ? 9 : qualityOf(t))) })),
  );
  server = await listen(await createApp(createServerContext(), { groups: [routes] }), 0);
  standIn = await listen(createVllmStandIn(log), 0);
});
after(async () => {
  await server.close();
  await standIn.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('lmscope rewardbench score and POST /api/rewardbench/score', () => {
  it('print and return the same report', async () => {
    const printed = await cli('score', '--data', dataFile, '--scores', scoresFile, '--name', 'my-rm', '--json');
    assert.equal(printed.exitCode, 0, printed.stderr);
    const fromCli = JSON.parse(printed.stdout);
    const fromHttp = await post('score', { data: dataFile, scores: scoresFile, name: 'my-rm' });
    assert.equal(fromHttp.status, 200);
    assert.deepEqual(fromHttp.json, fromCli);
    assert.equal(fromCli.model, 'my-rm');
    assert.equal(fromCli.subsets.Math.score, 0.5);
    assert.deepEqual(Object.keys(fromCli.subsets), ['Factuality', 'Precise IF', 'Math', 'Safety', 'Focus', 'Ties']);
    assert.equal(typeof fromCli.overall, 'number');
  });

  it('accept inline scores over HTTP', async () => {
    const lines = (await fs.readFile(scoresFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const fromFile = await post('score', { data: dataFile, scores: scoresFile });
    const inline = await post('score', { data: dataFile, scores: lines });
    assert.deepEqual(inline.json, fromFile.json);
  });

  it('print a table next to published models without --json', async () => {
    const printed = await cli('score', '--data', dataFile, '--scores', scoresFile, '--name', 'my-rm');
    assert.ok(printed.stdout.includes('my-rm'));
    assert.ok(printed.stdout.includes('nicolinho/QRM-Gemma-2-27B'));
  });

  it('report a malformed row with its id and a non-zero exit; HTTP answers 400', async () => {
    const bad = await writeJsonl(path.join(dir, 'bad.jsonl'), [...sampleDataset().slice(0, 2), { ...makeRow('broken-7', 'Math', ['a'], ['b']), rejected: 'b' }]);
    const printed = await cli('score', '--data', bad, '--scores', scoresFile, '--json');
    assert.equal(printed.exitCode, 1);
    assert.match(printed.stderr, /error \[malformed_row\] at .*bad\.jsonl:3, field "rejected", row broken-7/);
    const http = await post('score', { data: bad, scores: scoresFile });
    assert.equal(http.status, 400);
    assert.equal((http.json.error as { code: string }).code, 'malformed_row');
    assert.equal((http.json.error as { where: { item: string } }).where.item, 'row broken-7');
  });

  it('answer 400 for missing fields and bad choices', async () => {
    assert.equal((await post('score', { scores: scoresFile })).status, 400);
    const badRule = await post('score', { data: dataFile, scores: scoresFile, rule: 'median' });
    assert.equal(badRule.status, 400);
    assert.match((badRule.json.error as { message: string }).message, /rule/);
    const response = await fetch(`${server.url}/api/rewardbench/score`, { method: 'POST', body: 'not json' });
    assert.equal(response.status, 400);
  });

  it('score RewardBench 1 data detected from its schema', async () => {
    const rb1 = await writeJsonl(path.join(dir, 'rb1.jsonl'), [
      { id: 1, prompt: 'p', chosen: 'c', rejected: 'r', subset: 'hep-go' },
      { id: 2, prompt: 'p', chosen: 'c', rejected: 'r', subset: 'hep-go' },
    ]);
    const rb1Scores = await writeJsonl(path.join(dir, 'rb1-scores.jsonl'), [{ id: 1, scores: [2, 1] }, { id: 2, scores: [1, 1] }]);
    const printed = JSON.parse((await cli('score', '--data', rb1, '--scores', rb1Scores, '--json')).stdout);
    assert.equal(printed.benchmark, 'rewardbench');
    assert.equal(printed.sections.Reasoning.score, 0.5);
    assert.deepEqual((await post('score', { data: rb1, scores: rb1Scores })).json, printed);
  });
});

describe('lmscope rewardbench run', () => {
  it('scores through a reward model server, writes the results, and resumes from the cache', async () => {
    const out = path.join(dir, 'run-rm');
    log.length = 0;
    const args = ['run', '--data', dataFile, '--out', out, '--reward-url', standIn.url, '--reward-model', 'org/rm', '--reward-api-key', 'secret', '--concurrency', '2', '--progress', 'silent', '--json'];
    const first = await cli(...args);
    assert.equal(first.exitCode, 0, first.stderr);
    const report = JSON.parse(first.stdout);
    assert.equal(report.model, 'org/rm');
    assert.equal(report.subsets.Factuality.score, 1);
    assert.equal(report.rows, undefined);
    const calls = log.length;
    assert.equal(calls, sampleDataset().reduce((n, r) => n + r.total_completions, 0));
    const files = await fs.readdir(out);
    for (const name of ['cache.jsonl', 'scores.jsonl', 'report.json', 'summary.json', 'eval-set-scores.json']) assert.ok(files.includes(name), name);
    assert.deepEqual(JSON.parse(await fs.readFile(path.join(out, 'report.json'), 'utf8')), report);

    const second = await cli(...args);
    assert.equal(log.length, calls, 'the second run is served from the cache');
    assert.deepEqual(JSON.parse(second.stdout), report);
    assert.match(second.stderr, /0 judged/);

    const rescored = JSON.parse((await cli('score', '--data', dataFile, '--scores', path.join(out, 'scores.jsonl'), '--name', 'org/rm', '--json')).stdout);
    assert.deepEqual(rescored.subsets, report.subsets);
    assert.equal(rescored.overall, report.overall);
  });

  it('needs exactly one way to score', async () => {
    const printed = await cli('run', '--data', dataFile, '--out', path.join(dir, 'none'));
    assert.equal(printed.exitCode, 1);
    assert.match(printed.stderr, /choose one way to score/);
  });

  it('limits the rows with --subset and --limit', async () => {
    const out = path.join(dir, 'run-subset');
    const printed = await cli('run', '--data', dataFile, '--out', out, '--reward-url', standIn.url, '--reward-model', 'org/rm', '--reward-api-key', 'secret', '--subset', 'factuality', '--limit', '1', '--json');
    const report = JSON.parse(printed.stdout);
    assert.deepEqual(Object.keys(report.subsets), ['Factuality']);
    assert.equal(report.coverage.rows, 1);
  });
});

describe('report, correlate, instances and leaderboard', () => {
  it('compare runs with published results the same way in the CLI and over HTTP', async () => {
    const out = path.join(dir, 'run-rm');
    const svgFile = path.join(dir, 'plot.svg');
    const printed = JSON.parse((await cli('report', out, '--models', 'QRM', 'Skywork-Reward-Gemma-2-27B', '--svg', svgFile, '--json')).stdout);
    const http = await post('report', { results: [out], models: ['QRM', 'Skywork-Reward-Gemma-2-27B'] });
    assert.deepEqual(http.json, printed);
    assert.equal(printed.rows.filter((r: { kind: string }) => r.kind === 'run').length, 1);
    assert.equal(printed.rows.length, 4);
    assert.equal(await fs.readFile(svgFile, 'utf8'), printed.svg);
    assert.ok(printed.svg.includes('org/rm'));
  });

  it('correlate from a file in the CLI and from inline records over HTTP', async () => {
    const records = Array.from({ length: 6 }, (_, i) => ({ model: `rm-${i}`, rb2: 50 + 4 * i, bon: { GSM8K: 0.4 + 0.02 * i + (i % 2) * 0.01 } }));
    const file = await writeJsonl(path.join(dir, 'bon.jsonl'), records);
    const printed = JSON.parse((await cli('correlate', '--file', file, '--resamples', '200', '--seed', '4', '--json')).stdout);
    const http = await post('correlate', { records, resamples: 200, seed: 4 });
    assert.deepEqual(http.json, printed);
    assert.ok(printed.overall.r > 0.9);
    assert.equal((await post('correlate', { records, level: 2 })).status, 400);
  });

  it('page through instances with their scores and which completion was correct', async () => {
    const page = await post('instances', { data: dataFile, scores: scoresFile, filter: 'wrong' });
    assert.equal(page.status, 200);
    const items = page.json.items as { id: string; completions: { correct: boolean; top: boolean; score: number }[]; result: number }[];
    assert.deepEqual(items.map((i) => i.id), ['math-1']);
    assert.equal(items[0]!.result, 0.5);
    assert.deepEqual(items[0]!.completions.map((c) => c.correct), [true, false, false, false]);
    assert.deepEqual(items[0]!.completions.map((c) => c.top), [true, true, false, false]);
    const ties = await post('instances', { data: dataFile, scores: scoresFile, subset: 'Ties', limit: 1, offset: 1 });
    assert.equal(ties.json.total, 4);
    assert.equal((ties.json.items as { id: string }[])[0]!.id, 'tied:1');
    const unscored = await post('instances', { data: dataFile, filter: 'unscored', search: 'FACT' });
    assert.equal(unscored.json.total, 2);
  });

  it('list the published results', async () => {
    const http = (await (await fetch(`${server.url}/api/rewardbench/leaderboard`)).json()) as { results: unknown[] };
    const printed = JSON.parse((await cli('leaderboard', '--json')).stdout);
    assert.deepEqual(http, printed);
    assert.ok(http.results.length >= 15);
  });
});
