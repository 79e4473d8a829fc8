import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createLlamaBackend, createLmServerApp, createOpenAiBackend, writeTinyGguf, type LanguageModel } from '../../src/lm/index.js';
import { labelMajority, loadMathProblems, runMathEval, type MathProblem } from '../../src/rewards/index.js';
import type { Progress } from '../../src/core/progress.js';
import { listen, type RunningServer } from '../../src/server/listen.js';

// A tiny random model writes gibberish: these tests check the pipeline around the model, not its answers.
const MAX_TOKENS = 12;

let dir: string;
let llama: LanguageModel;
let problems: MathProblem[];

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lmscope-rewards-model-'));
  const modelPath = path.join(dir, 'tiny.gguf');
  await writeTinyGguf({ out: modelPath, seed: 3 });
  llama = await createLlamaBackend({ modelPath, threads: 1 });
  problems = await loadMathProblems('math500', { limit: 3 });
});
after(async () => {
  await llama?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** A progress sink that aborts the run after `n` finished samples, like Ctrl-C in the middle. */
function abortAfter(n: number, controller: AbortController): Progress {
  let done = 0;
  return { tick: () => void (++done >= n && controller.abort()), update: () => undefined, stage: () => undefined, done: () => undefined };
}

const readLines = async (file: string) => (await fs.readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

test('an interrupted evaluation resumes where it stopped and ends as an uninterrupted one does', async () => {
  const base = { model: llama, problems, samples: 2, temperature: 0, maxTokens: MAX_TOKENS, template: 'qwen-boxed' as const, grader: 'prm800k' as const, dataset: 'math500', seed: 0, concurrency: 1 };
  const whole = await runMathEval({ ...base, outDir: path.join(dir, 'whole') });
  assert.equal(whole.run.drawn, 6);

  const controller = new AbortController();
  const outDir = path.join(dir, 'resumed');
  const cut = await runMathEval({ ...base, outDir, progress: abortAfter(2, controller), signal: controller.signal });
  assert.equal(cut.run.drawn, 2);
  assert.equal((await readLines(cut.files.samples)).length, 2);

  const resumed = await runMathEval({ ...base, outDir });
  assert.equal(resumed.run.resumed, 2);
  assert.equal(resumed.run.drawn, 4);
  const key = (l: Record<string, unknown>) => `${l.id}#${l.sample}`;
  const byKey = (lines: Record<string, unknown>[]) => new Map(lines.map((l) => [key(l), [l.response, l.correct]]));
  assert.deepEqual(byKey(await readLines(resumed.files.samples)), byKey(await readLines(whole.files.samples)));
  assert.deepEqual(resumed.bySubject, whole.bySubject);
  assert.match(await fs.readFile(resumed.files.plot, 'utf8'), /<svg/);
});

test('majority labelling through the OpenAI-compatible server resumes from its sample log', async () => {
  const server: RunningServer = await listen(createLmServerApp(llama), 0);
  try {
    const model = createOpenAiBackend({ baseUrl: `${server.url}/v1`, model: 'tiny', maxRetries: 0 });
    const records = problems.slice(0, 2).map((p) => ({ id: p.id, prompt: p.problem, answer: p.answer }));
    const samplesFile = path.join(dir, 'mv.samples.jsonl');
    const settings = { chat: false, temperature: 1, topP: 1, maxTokens: MAX_TOKENS };
    const first = await labelMajority({ model, records, k: 3, samplesFile, settings, seed: 7, concurrency: 2 });
    assert.equal(first.summary.sampled, 6);
    assert.equal(first.labels.length, 2);
    for (const label of first.labels) {
      assert.equal(label.k, 3);
      assert.ok(label.votes <= 3);
      assert.equal(label.failed_samples, 0);
    }
    const again = await labelMajority({ model, records, k: 3, samplesFile, settings, seed: 7, concurrency: 2 });
    assert.equal(again.summary.sampled, 0);
    assert.equal(again.summary.resumed, 6);
    assert.deepEqual(again.labels, first.labels);
  } finally {
    await server.close();
  }
});
