import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { openScoreCache } from '../../src/rewardbench/cache.js';
import { loadRewardBench2 } from '../../src/rewardbench/dataset.js';
import { createHttpRewardScorer, extractScalar } from '../../src/rewardbench/httpRewardScorer.js';
import { runRewardBench } from '../../src/rewardbench/run.js';
import { scoreRewardBench2 } from '../../src/rewardbench/score.js';
import { unrollCompletions, type Rb2Row } from '../../src/rewardbench/types.js';
import { qualityOf, sampleDataset, tempDir, writeJsonl } from './fixtures.js';
import { createVllmStandIn } from './vllmStandIn.js';

let dir: string;
let rows: Rb2Row[];
let server: RunningServer;
const log: { path: string; body: Record<string, unknown> }[] = [];
before(async () => {
  dir = await tempDir();
  rows = (await loadRewardBench2(await writeJsonl(path.join(dir, 'data.jsonl'), sampleDataset()))).rows;
  server = await listen(createVllmStandIn(log), 0);
});
after(async () => {
  await server.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('classifier reward models over HTTP (vLLM-style endpoints)', () => {
  it('sends each [user, assistant] conversation to /pooling and reads the reward', async () => {
    log.length = 0;
    const scorer = createHttpRewardScorer({ baseUrl: `${server.url}/`, model: 'org/rm', apiKey: 'secret' });
    const outcome = await runRewardBench({ rows, method: { kind: 'scorer', scorer }, cache: await openScoreCache(path.join(dir, 'pool', 'cache.jsonl')), concurrency: 3 });
    const total = unrollCompletions(rows).length;
    assert.equal(log.length, total);
    assert.deepEqual(log[0]?.body.messages, [
      { role: 'user', content: rows[0]!.prompt },
      { role: 'assistant', content: rows[0]!.chosen[0] },
    ]);
    assert.deepEqual(outcome.entries.get('fact-1')?.scores, [4.5, -1.5, -2.5, -3.5]);
    const report = scoreRewardBench2(rows, outcome.entries, { scorer: scorer.id });
    assert.equal(report.subsets.Factuality?.score, 1);
  });

  it('batches rendered texts through /classify and takes the chosen class probability', async () => {
    log.length = 0;
    const scorer = createHttpRewardScorer({ baseUrl: server.url, model: 'org/rm', apiKey: 'secret', endpoint: 'classify', input: 'text', template: 'Q: {prompt}\nA: {completion}', labelIndex: 1, batchSize: 5 });
    const items = unrollCompletions(rows.slice(0, 2));
    const scored = await scorer.scoreBatch(items.slice(0, 5));
    assert.equal(log.length, 1);
    assert.deepEqual(log[0]?.body.input, items.slice(0, 5).map((i) => `Q: ${i.prompt}\nA: ${i.completion}`));
    assert.deepEqual(scored.map((s) => Math.round(s.score * 1000) / 1000), items.slice(0, 5).map((i) => Math.round(1000 / (1 + Math.exp(-(qualityOf(i.completion) - 4.5)))) / 1000));
  });

  it('asks for a label index when the classifier returns several values', async () => {
    const scorer = createHttpRewardScorer({ baseUrl: server.url, model: 'org/rm', apiKey: 'secret', endpoint: 'classify' });
    await assert.rejects(scorer.scoreBatch(unrollCompletions(rows.slice(0, 1)).slice(0, 1)), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'reward_output_shape');
  });

  it('pairs prompts and completions through /score', async () => {
    log.length = 0;
    const scorer = createHttpRewardScorer({ baseUrl: server.url, model: 'org/rm', apiKey: 'secret', endpoint: 'score', batchSize: 4 });
    const items = unrollCompletions(rows.slice(0, 1));
    const scored = await scorer.scoreBatch(items);
    assert.deepEqual(log[0]?.body.text_1, items.map((i) => i.prompt));
    assert.deepEqual(scored.map((s) => s.score), [4.5, -1.5, -2.5, -3.5]);
  });

  it('turns server errors into actionable errors', async () => {
    const item = unrollCompletions(rows.slice(0, 1)).slice(0, 1);
    const wrongModel = createHttpRewardScorer({ baseUrl: server.url, model: 'nope', apiKey: 'secret' });
    await assert.rejects(wrongModel.scoreBatch(item), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'reward_server_error' && e.message.includes('404'));
    const noKey = createHttpRewardScorer({ baseUrl: server.url, model: 'org/rm' });
    await assert.rejects(noKey.scoreBatch(item), (e: unknown) => LmscopeError.isInstance(e) && e.message.includes('401'));
    const crash = createHttpRewardScorer({ baseUrl: server.url, model: 'org/rm', apiKey: 'secret', path: '/crash' });
    await assert.rejects(crash.scoreBatch(item), (e: unknown) => LmscopeError.isInstance(e) && e.isRetryable);
    const broken = createHttpRewardScorer({ baseUrl: server.url, model: 'org/rm', apiKey: 'secret', path: '/broken' });
    await assert.rejects(broken.scoreBatch(item), (e: unknown) => LmscopeError.isInstance(e) && e.message.includes('0 results for 1 inputs'));
    const down = createHttpRewardScorer({ baseUrl: 'http://127.0.0.1:9', model: 'org/rm' });
    await assert.rejects(down.scoreBatch(item), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'reward_server_unreachable');
  });

  it('reads scalars from the shapes vLLM returns', () => {
    assert.equal(extractScalar(2.5, undefined), 2.5);
    assert.equal(extractScalar([2.5], undefined), 2.5);
    assert.equal(extractScalar([[0.1], [0.2], [0.7]], undefined), 0.7);
    assert.equal(extractScalar([0.3, 0.7], 1), 0.7);
    assert.ok(Number.isNaN(extractScalar(null, undefined)));
  });
});
