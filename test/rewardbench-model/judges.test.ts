import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Command } from 'commander';
import { createLlamaBackend, createLmServerApp, createOpenAiBackend, writeTinyGguf, type LanguageModel } from '../../src/lm/index.js';
import { countingChats } from '../helpers/countingModel.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import {
  correctPosition,
  createLogprobScorer,
  createRankingJudge,
  createRatingsJudge,
  openScoreCache,
  parseRankingVerdict,
  parseRating,
  runRewardBench,
  scoreRankingVerdict,
  scoreRewardBench2,
  unrollCompletions,
  type Rb2Row,
} from '../../src/rewardbench/index.js';
import { register } from '../../src/rewardbench/cli.js';

// Tiny random models write gibberish: these tests check the harness around a real model (prompts
// reach it, answers are parsed and cached, both backends agree), not the quality of its verdicts.
const MAX_TOKENS = 8;

const rows: Rb2Row[] = [
  { id: 'math-1', subset: 'Math', prompt: 'What is 2 + 3?', chosen: ['2 + 3 = 5.'], rejected: ['2 + 3 = 6.', '2 + 3 = 23.', 'It is 4.'] },
  { id: 'focus-1', subset: 'Focus', prompt: 'Name a fruit.', chosen: ['An apple.'], rejected: ['Paris is in France.', 'The sky is blue.', 'Cars have wheels.'] },
  { id: 'ref:1', subset: 'Ties', prompt: 'Name a primary color.', chosen: ['Red.'], rejected: ['Seven.', 'Banana.'] },
  { id: 'tied:1', subset: 'Ties', prompt: 'Name a primary color.', chosen: ['Red.', 'Blue.'], rejected: ['Seven.', 'Banana.'] },
];
const completions = unrollCompletions(rows).length;

/** Runs `lmscope rewardbench ...` in this process, keeping the test runner's binary chunks flowing. */
async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const program = new Command().name('lmscope').exitOverride();
  register(program);
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.exitCode = 0;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => (typeof chunk === 'string' ? (out.push(chunk), true) : writeOut(chunk, ...(rest as [])))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => (typeof chunk === 'string' ? (err.push(chunk), true) : writeErr(chunk, ...(rest as [])))) as typeof process.stderr.write;
  try {
    await program.parseAsync(['node', 'lmscope', 'rewardbench', ...args]);
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}

let dir: string;
let modelPath: string;
let llama: LanguageModel;
let server: RunningServer;
let openai: LanguageModel;
const ratingsBy = new Map<string, number[]>();
const verdictsBy = new Map<string, (number | undefined)[]>();

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rewardbench-model-'));
  modelPath = (await writeTinyGguf({ out: path.join(dir, 'tiny.gguf'), seed: 11, contextLength: 2048 })).out;
  llama = await createLlamaBackend({ modelPath, threads: 1, contextSize: 2048 });
  // The same app `lmscope lm serve` runs, around the embedded model.
  server = await listen(createLmServerApp(llama), 0, '127.0.0.1');
  openai = createOpenAiBackend({ baseUrl: `${server.url}/v1`, model: 'tiny', maxRetries: 1 });
});

after(async () => {
  await openai?.close();
  await server?.close();
  await llama?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

for (const name of ['llama', 'openai'] as const) {
  describe(`judges through the ${name} backend`, () => {
    const lm = () => (name === 'llama' ? llama : openai);

    test('ratings mode rates every completion once, parses it, and resumes from the cache', async () => {
      const cacheFile = path.join(dir, `${name}-ratings.jsonl`);
      const first = countingChats(lm(), { closeInner: false });
      const judge = createRatingsJudge(first.model, { maxTokens: MAX_TOKENS });
      const outcome = await runRewardBench({ rows, method: { kind: 'scorer', scorer: judge }, cache: await openScoreCache(cacheFile), concurrency: 2 });
      assert.equal(first.chats(), completions);
      const lines = (await fs.readFile(cacheFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, completions);
      for (const line of lines) {
        assert.equal(typeof line.raw, 'string');
        assert.equal(line.score, parseRating(line.raw));
      }
      const ratings = rows.flatMap((r) => outcome.entries.get(r.id)!.scores!);
      assert.ok(ratings.every((r) => r === -1 || (Number.isInteger(r) && r >= 1 && r <= 10)));
      const report = scoreRewardBench2(rows, outcome.entries, { rule: 'ratings' });
      for (const s of Object.values(report.subsets)) assert.ok(s.score !== null && s.score >= -0.01 && s.score <= 1.01);

      const second = countingChats(lm(), { closeInner: false });
      const again = await runRewardBench({ rows, method: { kind: 'scorer', scorer: createRatingsJudge(second.model, { maxTokens: MAX_TOKENS }) }, cache: await openScoreCache(cacheFile) });
      assert.equal(second.chats(), 0);
      assert.deepEqual(again.entries, outcome.entries);
      ratingsBy.set(name, ratings);
    });

    test('ranking mode judges each non-Ties row 4-way and rates Ties rows', async () => {
      const counted = countingChats(lm(), { closeInner: false });
      const cacheFile = path.join(dir, `${name}-ranking.jsonl`);
      const method = { kind: 'ranking' as const, judge: createRankingJudge(counted.model, { maxTokens: MAX_TOKENS }), tiesScorer: createRatingsJudge(counted.model, { maxTokens: MAX_TOKENS }) };
      const outcome = await runRewardBench({ rows, method, cache: await openScoreCache(cacheFile), seed: 3 });
      const tiesCompletions = unrollCompletions(rows.filter((r) => r.subset === 'Ties')).length;
      assert.equal(counted.chats(), 2 + tiesCompletions);
      const verdicts = (await fs.readFile(cacheFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.index === null);
      assert.equal(verdicts.length, 2);
      for (const v of verdicts) {
        assert.equal(v.position, correctPosition(v.id, 3));
        assert.equal(v.verdict, parseRankingVerdict(v.raw));
        assert.equal(v.result, scoreRankingVerdict(v.verdict, v.position));
      }
      verdictsBy.set(name, rows.filter((r) => r.subset !== 'Ties').map((r) => outcome.entries.get(r.id)!.result));
    });

    test('the log-likelihood fallback scores every completion with a finite number', async () => {
      const scorer = createLogprobScorer(lm());
      const outcome = await runRewardBench({ rows, method: { kind: 'scorer', scorer }, cache: await openScoreCache(path.join(dir, `${name}-logprob.jsonl`)) });
      const scores = rows.flatMap((r) => outcome.entries.get(r.id)!.scores!);
      assert.equal(scores.length, completions);
      assert.ok(scores.every((s) => Number.isFinite(s) && s < 0));
    });
  });
}

test('the embedded and the served model give the same greedy ratings and verdicts', () => {
  assert.deepEqual(ratingsBy.get('openai'), ratingsBy.get('llama'));
  assert.deepEqual(verdictsBy.get('openai'), verdictsBy.get('llama'));
});

test('lmscope rewardbench run --judge through a served model and a local GGUF', async () => {
  const data = path.join(dir, 'data.jsonl');
  await fs.writeFile(data, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const served = await cli('run', '--data', data, '--out', path.join(dir, 'cli-served'), '--judge', 'ratings', '--backend', 'openai', '--base-url', `${server.url}/v1`, '--model', 'tiny', '--max-tokens', String(MAX_TOKENS), '--progress', 'silent', '--json');
  assert.equal(served.exitCode, 0, served.stderr);
  const local = await cli('run', '--data', data, '--out', path.join(dir, 'cli-local'), '--judge', 'ratings', '--backend', 'llama', '--model', modelPath, '--threads', '1', '--context-size', '2048', '--max-tokens', String(MAX_TOKENS), '--progress', 'silent', '--json');
  assert.equal(local.exitCode, 0, local.stderr);
  const a = JSON.parse(served.stdout);
  const b = JSON.parse(local.stdout);
  assert.deepEqual(a.subsets, b.subsets);
  assert.equal(a.rule, 'ratings');
  const perRow = JSON.parse(await fs.readFile(path.join(dir, 'cli-served', 'eval-set-scores.json'), 'utf8'));
  assert.deepEqual(perRow.id, rows.map((r) => r.id));
  assert.deepEqual(perRow.scores.flat(), ratingsBy.get('openai'));
});
