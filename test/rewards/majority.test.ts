import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createOpenAiBackend } from '../../src/lm/index.js';
import { incorrectLabelSet, labelMajority, majorityVote, writeLabelledData, type PromptRecord } from '../../src/rewards/index.js';
import { startFlakyLmServer, type Behaviour } from './flakyLmServer.js';

let dir: string;
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lmscope-majority-'));
});
after(() => fs.rm(dir, { recursive: true, force: true }));

test('majority vote: most common non-empty answer, ties to the first seen', () => {
  assert.deepEqual(majorityVote(['2', '3', '3', '', '2', '']), { label: '2', count: 2, votes: 4, distinct: 2 });
  assert.equal(majorityVote(['7', '8', '8']).label, '8');
  assert.equal(majorityVote(['', '']).label, null);
  assert.equal(majorityVote([]).votes, 0);
});

const records: PromptRecord[] = [
  { id: 'q1', prompt: 'What is 2+2?', answer: '4' },
  { id: 'q2', prompt: 'What is 3+3?', answer: '6' },
];

/** q1: samples answer 4 mostly (majority right); q2: answer 5 mostly (majority wrong). Seeds pick the answer. */
function answers(prompt: string, seed: number | undefined): Behaviour {
  const wrongBias = prompt.includes('3+3');
  const pick = (seed ?? 0) % 4;
  const value = wrongBias ? (pick === 0 ? '6' : '5') : pick === 0 ? '3' : '4';
  return { kind: 'text', text: `Let me think. The result is \\boxed{${value}}.` };
}

test('label-majority: resumable log, failures recorded and retried, incorrect-label set', async () => {
  let broken = true;
  const server = await startFlakyLmServer((prompt, seed) => {
    if (broken && seed !== undefined && seed % 3 === 0) return seed % 2 === 0 ? { kind: 'garbage' } : { kind: 'late', ms: 2500 };
    return answers(prompt, seed);
  });
  try {
    const model = createOpenAiBackend({ baseUrl: `${server.url}/v1`, model: 'flaky', maxRetries: 0, timeoutMs: 800 });
    const samplesFile = path.join(dir, 'labels.samples.jsonl');
    const settings = { chat: false, temperature: 1, topP: 1, maxTokens: 64, timeoutMs: 800 };
    const first = await labelMajority({ model, records, k: 8, samplesFile, settings, seed: 1, concurrency: 4 });
    assert.ok(first.summary.failed > 0, 'some samples should fail against the broken server');
    assert.equal(first.summary.sampled + first.summary.failed, 16);
    const log = (await fs.readFile(samplesFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const failures = log.filter((l) => l.error);
    assert.equal(failures.length, first.summary.failed);
    assert.ok(failures.every((l) => typeof l.error.code === 'string' && l.error.message.length > 0));

    broken = false;
    const before = server.requests;
    const second = await labelMajority({ model, records, k: 8, samplesFile, settings, seed: 1, concurrency: 4 });
    assert.equal(server.requests - before, first.summary.failed, 'the rerun draws only the failed samples');
    assert.equal(second.summary.resumed, first.summary.sampled);
    assert.equal(second.summary.failed, 0);
    const [q1, q2] = second.labels;
    assert.equal(q1!.majority_label, '4');
    assert.equal(q1!.majority_correct, true);
    assert.equal(q1!.incorrect_label, null);
    assert.equal(q2!.majority_label, '5');
    assert.equal(q2!.majority_correct, false);
    assert.equal(q2!.incorrect_label, '5');
    assert.deepEqual(incorrectLabelSet(second.labels), [{ id: 'q2', prompt: 'What is 3+3?', label: '5', answer: '6' }]);

    const third = await labelMajority({ model, records, k: 8, samplesFile, settings, seed: 1, concurrency: 4 });
    assert.equal(third.summary.sampled, 0);
    assert.deepEqual(third.labels, second.labels);

    const out = path.join(dir, 'labelled.jsonl');
    await writeLabelledData(out, records, second.labels);
    const written = (await fs.readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(written[1].majority_label, '5');
  } finally {
    await server.close();
  }
});

test('label-majority: a cut-off last line (interrupted run) is skipped and its sample drawn again', async () => {
  const server = await startFlakyLmServer(answers);
  try {
    const model = createOpenAiBackend({ baseUrl: `${server.url}/v1`, model: 'm', maxRetries: 0 });
    const samplesFile = path.join(dir, 'cut.samples.jsonl');
    await fs.writeFile(samplesFile, `${JSON.stringify({ id: 'q1', sample: 0, answer: '4' })}\n{"id":"q1","sample":1,"ans`);
    const result = await labelMajority({ model, records: [records[0]!], k: 2, samplesFile, settings: { chat: false, temperature: 1, topP: 1, maxTokens: 8 }, seed: 1, concurrency: 1 });
    assert.equal(result.summary.skippedLines, 1);
    assert.equal(result.summary.resumed, 1);
    assert.equal(result.summary.sampled, 1);
  } finally {
    await server.close();
  }
});

test('label-majority refuses duplicate ids and k < 1', async () => {
  const model = createOpenAiBackend({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm' });
  const settings = { chat: false, temperature: 1, topP: 1, maxTokens: 8 };
  await assert.rejects(labelMajority({ model, records: [records[0]!, records[0]!], k: 2, samplesFile: path.join(dir, 'x'), settings, seed: 0, concurrency: 1 }), /share the id/);
  await assert.rejects(labelMajority({ model, records, k: 0, samplesFile: path.join(dir, 'y'), settings, seed: 0, concurrency: 1 }), /--k/);
});
