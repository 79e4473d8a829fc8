// Evaluation runner tests with a scripted model (see scriptedModel.ts): it thinks a fixed number of
// words and answers with the number of words it thought, so accuracies follow from the budgets.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import type { Problem } from '../../src/thinking/datasets.js';
import { openResultsStore } from '../../src/thinking/resultsStore.js';
import { evaluateScaling, formatScalingTable } from '../../src/thinking/scalingEval.js';
import { resolveTemplate } from '../../src/thinking/templates.js';
import { createScriptedModel, type ScriptedModel } from './scriptedModel.js';

const template = resolveTemplate('custom', { promptFormat: 'Q: {question}\n', thinkStart: '<think>', thinkEnd: '</think>', forcedAnswerPrefix: ' Final Answer:', answerStop: ['<end>'] });
const problems: Problem[] = [
  { id: 'p1', problem: 'a', answer: '3' },
  { id: 'p2', problem: 'b', answer: '5' },
  { id: 'p3', problem: 'c', answer: '5' },
  { id: 'p4', problem: 'd', answer: '11' },
];

function wordCounter(segments: number[] | ((seed: number | undefined) => number[]) = [5]): ScriptedModel {
  return createScriptedModel({ thinkStart: '<think>', thinkEnd: '</think>', stopText: '</think>', segments, extension: ' Wait', answer: (words) => ` \\boxed{${words}}` });
}

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'lmscope-think-'));
  dirs.push(d);
  return d;
}

describe('test-time scaling evaluation (scripted model)', () => {
  it('sweeps budgets and computes the metrics of the resulting curve', async () => {
    const report = await evaluateScaling(wordCounter(), { data: 'toy', problems, template, methods: ['bf'], budgets: [3, 8], extension: ' Wait' });
    const points = report.curves[0]!.points;
    // max=3: 3 words thought, answers 3 (p1 right); max=8: stops after 5 words + stop token, answers 5 (p2, p3).
    assert.deepEqual(points.map((p) => [p.label, p.thinkingTokens, p.accuracy]), [['max=3', 3, 25], ['max=8', 6, 50]]);
    assert.deepEqual(report.table, [{ method: 'bf', control: 1, scaling: 25 / 3, scalingPerDoubling: 25, performance: 50, settings: 2 }]);
    assert.match(report.svg, /^<svg[\s\S]*<circle[\s\S]*<\/svg>\n$/);
    assert.match(formatScalingTable(report), /bf\s+100%/);
  });

  it('sweeps the number of extensions', async () => {
    const report = await evaluateScaling(wordCounter(), { data: 'toy', problems, template, methods: ['bf'], waits: [0, 1], maxThinking: 100, extension: ' Wait' });
    // wait=1: 5 words, Wait, 5 words -> 11 words (p4 right); 6 + 1 + 6 tokens.
    assert.deepEqual(report.curves[0]!.points.map((p) => [p.label, p.thinkingTokens, p.accuracy]), [['wait=0', 6, 50], ['wait=1', 13, 25]]);
  });

  it('resumes from the results folder without regenerating finished samples', async () => {
    const dir = await tempDir();
    const fingerprint = { model: 'scripted', template };
    const full = await evaluateScaling(wordCounter(), { data: 'toy', problems, template, methods: ['bf', 'tcc'], budgets: [3, 8] });

    // First run dies after 5 generations (each sample = one thinking call + one answer call).
    const flaky = wordCounter();
    const complete = flaky.complete;
    flaky.complete = async (request) => {
      if (flaky.calls.length >= 10) throw new LmscopeError('backend_error', 'connection lost', { status: 502 });
      return complete(request);
    };
    const store1 = await openResultsStore(dir, fingerprint);
    await assert.rejects(evaluateScaling(flaky, { data: 'toy', problems, template, methods: ['bf', 'tcc'], budgets: [3, 8], store: store1 }));
    const saved = (await readFile(path.join(dir, 'samples.jsonl'), 'utf8')).trim().split('\n');
    assert.equal(saved.length, 5);

    const model2 = wordCounter();
    const resumed = await evaluateScaling(model2, { data: 'toy', problems, template, methods: ['bf', 'tcc'], budgets: [3, 8], store: await openResultsStore(dir, fingerprint) });
    assert.equal(resumed.generated, 16 - 5);
    assert.deepEqual(resumed.table, full.table);
    assert.deepEqual(resumed.curves, full.curves);

    const model3 = wordCounter();
    const again = await evaluateScaling(model3, { data: 'toy', problems, template, methods: ['bf', 'tcc'], budgets: [3, 8], store: await openResultsStore(dir, fingerprint) });
    assert.equal(model3.calls.length, 0);
    assert.equal(again.generated, 0);
    assert.equal((await readFile(path.join(dir, 'samples.jsonl'), 'utf8')).trim().split('\n').length, 16);
    assert.equal(await readFile(path.join(dir, 'scaling.svg'), 'utf8'), again.svg);

    await assert.rejects(openResultsStore(dir, { model: 'other', template }), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'results_mismatch');
  });

  it('rejection sampling resamples until thinking fits the budget', async () => {
    // Thinking length depends on the sampling seed: 2..9 words.
    const model = wordCounter((seed) => [2 + ((seed ?? 0) % 8)]);
    const report = await evaluateScaling(model, { data: 'toy', problems, template, methods: ['rs'], budgets: [4], maxAttempts: 50, seed: 1 });
    const point = report.curves[0]!.points[0]!;
    assert.ok(point.thinkingTokens <= 4, `mean thinking ${point.thinkingTokens} within the budget`);
    assert.equal(point.rejected, 0);
    assert.ok(model.calls.length > problems.length * 2, 'some samples were drawn again');
    assert.equal(report.table[0]!.control, 1);
  });

  it('parallel sampling reports maj@n and cov@n', async () => {
    const model = wordCounter((seed) => [2 + ((seed ?? 0) % 4)]);
    const report = await evaluateScaling(model, { data: 'toy', problems, template, methods: ['parallel'], samples: 4, maxThinking: 50, seed: 3 });
    assert.deepEqual(report.parallel.map((r) => r.n), [1, 2, 4]);
    for (const row of report.parallel) assert.ok(row.coverage >= row.majority);
    const cov = report.parallel.map((r) => r.coverage);
    assert.ok(cov[0]! <= cov[1]! && cov[1]! <= cov[2]!, 'coverage never falls as n grows');
    assert.equal(report.curves[0]!.points.length, 3);
  });
});
