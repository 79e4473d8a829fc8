import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Command } from 'commander';
import { register } from '../../src/rewards/cli.js';
import { analyzeCodeReasoning, DEFAULT_REWARD_CONTEXT, gradeAnswer, scoreBatch } from '../../src/rewards/index.js';

let dir: string;
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lmscope-rewards-cli-'));
});
after(() => fs.rm(dir, { recursive: true, force: true }));

/** Runs `lmscope <args>` in process and returns what it wrote, and the exit code it set. */
async function run(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const program = new Command().name('lmscope').exitOverride();
  register(program);
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  const before = process.exitCode;
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { stdout, stderr, exitCode };
}

test('lmscope grade --json prints the same object the library (and POST /api/rewards/grade) returns', async () => {
  const gold = '\\frac{14}{3}';
  const pred = 'so $f = \\boxed{\\dfrac{14}{3}}$';
  const { stdout } = await run(['grade', '--gold', gold, '--pred', pred, '--json']);
  assert.deepEqual(JSON.parse(stdout), gradeAnswer(gold, pred));
  assert.equal(JSON.parse(stdout).equal, true);
  const paper = JSON.parse((await run(['grade', '--gold', '1/2', '--pred', '\\boxed{2/4}', '--mode', 'prm800k', '--json'])).stdout);
  assert.equal(paper.equal, false);
  assert.equal(paper.mode, 'prm800k');
});

test('lmscope grade --file: one JSON object per line, bad lines become error objects with their line', async () => {
  const file = path.join(dir, 'pairs.jsonl');
  await fs.writeFile(file, ['{"gold": "5", "pred": "\\\\boxed{5}"}', 'not json', '{"gold": "3"}', '{"gold": "1/2", "pred": "0.6"}'].join('\n'));
  const { stdout, stderr } = await run(['grade', '--file', file]);
  const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.equal(lines[0].equal, true);
  assert.equal(lines[1].line, 2);
  assert.equal(lines[1].error.code, 'malformed_json');
  assert.equal(lines[2].line, 3);
  assert.equal(lines[2].error.where.field, 'pred');
  assert.equal(lines[3].equal, false);
  assert.match(stderr, /4 lines: 1 equal, 1 not equal, 2 errors/);
});

test('lmscope grade without answers fails with an actionable message', async () => {
  const { stderr, exitCode } = await run(['grade', '--gold', '5']);
  assert.equal(exitCode, 1);
  assert.match(stderr, /give --gold and --pred/);
});

test('lmscope rewards score --json equals the batch the HTTP route returns', async () => {
  const file = path.join(dir, 'items.jsonl');
  const items = [
    { prompt: 'q', response: '\\boxed{4}', label: '4' },
    { prompt: 'q', response: '\\boxed{5}', label: '4' },
    { prompt: 'r', response: '\\boxed{5}' },
  ];
  await fs.writeFile(file, items.map((i) => JSON.stringify(i)).join('\n'));
  const { stdout } = await run(['rewards', 'score', '--reward', 'ground_truth', '--file', file, '--json']);
  assert.deepEqual(JSON.parse(stdout), JSON.parse(JSON.stringify(scoreBatch('ground_truth', items, DEFAULT_REWARD_CONTEXT))));
  assert.deepEqual(JSON.parse(stdout).rewards, [1, 0, 0]);
  const text = await run(['rewards', 'score', '--reward', 'ground_truth', '--file', file]);
  assert.match(text.stdout, /1 failures/);
  assert.match(text.stdout, /item 2: \[missing_label\]/);
  const unknown = await run(['rewards', 'score', '--reward', 'nope', '--file', file]);
  assert.equal(unknown.exitCode, 1);
  assert.match(unknown.stderr, /unknown reward "nope"/);
});

test('lmscope eval code-reasoning --json reads a results file', async () => {
  const file = path.join(dir, 'samples.jsonl');
  const records = [
    { id: 'a', response: '```python\nprint(1)\nx = 2\n```', correct: true },
    { id: 'b', response: 'By hand, no python needed.', correct: false },
    { id: 'c', sample: 0, error: { code: 'timeout', message: 'too slow' } },
  ];
  await fs.writeFile(file, records.map((r) => JSON.stringify(r)).join('\n'));
  const report = JSON.parse((await run(['eval', 'code-reasoning', '--file', file, '--json'])).stdout);
  assert.deepEqual(report, JSON.parse(JSON.stringify(analyzeCodeReasoning([records[0] as never, records[1] as never]))));
  assert.equal(report.responses, 2);
  assert.equal(report.paper.count, 2);
  assert.equal(report.strict.count, 1);
});

test('lmscope rewards list names the family', async () => {
  const { stdout } = await run(['rewards', 'list', '--json']);
  const names = JSON.parse(stdout).rewards.map((r: { name: string }) => r.name);
  assert.deepEqual(names.slice(0, 6), ['ground_truth', 'majority', 'format', 'random', 'incorrect', 'one_shot']);
});
