import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { createMemoryCache, openScoreCache } from '../../src/rewardbench/cache.js';
import { loadRewardBench2 } from '../../src/rewardbench/dataset.js';
import { createRankingJudge, createRatingsJudge } from '../../src/rewardbench/judges.js';
import { correctPosition } from '../../src/rewardbench/judgePrompts.js';
import { runRewardBench } from '../../src/rewardbench/run.js';
import { scoreRewardBench2 } from '../../src/rewardbench/score.js';
import { unrollCompletions, type Rb2Row } from '../../src/rewardbench/types.js';
import { sampleDataset, tempDir, writeJsonl } from './fixtures.js';
import { createQualityScorer, createRuleJudgeModel } from './testModels.js';

let dir: string;
let rows: Rb2Row[];
let totalCompletions: number;
before(async () => {
  dir = await tempDir();
  rows = (await loadRewardBench2(await writeJsonl(path.join(dir, 'data.jsonl'), sampleDataset()))).rows;
  totalCompletions = unrollCompletions(rows).length;
});
after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('running a scorer over the dataset', () => {
  it('scores every completion once, in batches, with bounded concurrency', async () => {
    const scorer = createQualityScorer({ batchSize: 3, delayMs: 5 });
    const outcome = await runRewardBench({ rows, method: { kind: 'scorer', scorer }, cache: createMemoryCache(), concurrency: 2 });
    assert.equal(outcome.computed, totalCompletions);
    assert.equal(scorer.calls.flat().length, totalCompletions);
    assert.ok(scorer.calls.every((batch) => batch.length <= 3));
    assert.ok(scorer.maxInFlight <= 2 && scorer.maxInFlight >= 1);
    assert.deepEqual(outcome.entries.get('fact-1')?.scores, [9, 3, 2, 1]);
    assert.equal(scoreRewardBench2(rows, outcome.entries).subsets.Factuality?.score, 1);
  });

  it('resumes after an interruption and scores only what is left', async () => {
    const file = path.join(dir, 'resume', 'cache.jsonl');
    const failing = createQualityScorer({ batchSize: 4, failAfterCalls: 3 });
    await assert.rejects(runRewardBench({ rows, method: { kind: 'scorer', scorer: failing }, cache: await openScoreCache(file), concurrency: 1 }), /scorer went away/);
    const partial = (await fs.readFile(file, 'utf8')).trim().split('\n');
    assert.equal(partial.length, 12);

    const resumed = createQualityScorer({ batchSize: 4 });
    const outcome = await runRewardBench({ rows, method: { kind: 'scorer', scorer: resumed }, cache: await openScoreCache(file), concurrency: 1 });
    assert.equal(outcome.cached, 12);
    assert.equal(outcome.computed, totalCompletions - 12);
    assert.equal(resumed.calls.flat().length, totalCompletions - 12);

    const fresh = await runRewardBench({ rows, method: { kind: 'scorer', scorer: createQualityScorer() }, cache: createMemoryCache() });
    assert.deepEqual(scoreRewardBench2(rows, outcome.entries), scoreRewardBench2(rows, fresh.entries));

    const again = createQualityScorer();
    const repeat = await runRewardBench({ rows, method: { kind: 'scorer', scorer: again }, cache: await openScoreCache(file) });
    assert.equal(again.calls.length, 0, 're-scoring is free');
    assert.equal(repeat.cached, totalCompletions);
  });

  it('stops on abort, keeping what finished, and resumes', async () => {
    const file = path.join(dir, 'abort', 'cache.jsonl');
    const controller = new AbortController();
    const scorer = createQualityScorer({ batchSize: 1 });
    const original = scorer.scoreBatch.bind(scorer);
    scorer.scoreBatch = async (items, signal) => {
      const out = await original(items, signal);
      if (scorer.calls.length === 5) controller.abort();
      return out;
    };
    await assert.rejects(runRewardBench({ rows, method: { kind: 'scorer', scorer }, cache: await openScoreCache(file), concurrency: 1, signal: controller.signal }), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'aborted');
    const cache = await openScoreCache(file);
    assert.equal(cache.size, 5);
  });

  it('skips a line cut off by a crash and keeps appending readable lines', async () => {
    const file = path.join(dir, 'torn', 'cache.jsonl');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, `${JSON.stringify({ id: 'fact-1', index: 0, scorer: 'quality', score: 9 })}\n{"id": "fact-1", "index": 1, "sco`);
    const cache = await openScoreCache(file);
    assert.equal(cache.size, 1);
    assert.equal(cache.skippedLines, 1);
    await runRewardBench({ rows, method: { kind: 'scorer', scorer: createQualityScorer() }, cache });
    const reopened = await openScoreCache(file);
    assert.equal(reopened.size, totalCompletions);
    assert.equal(reopened.skippedLines, 1);
  });

  it('keys the cache by scorer: another scorer scores again', async () => {
    const cache = createMemoryCache();
    await runRewardBench({ rows, method: { kind: 'scorer', scorer: createQualityScorer({ id: 'one' }) }, cache });
    const other = createQualityScorer({ id: 'two' });
    await runRewardBench({ rows, method: { kind: 'scorer', scorer: other }, cache });
    assert.equal(other.calls.flat().length, totalCompletions);
    assert.equal(cache.size, 2 * totalCompletions);
  });
});

describe('judges through a language model', () => {
  it('rates every completion in ratings mode with the Ties prompt for Ties rows', async () => {
    const lm = createRuleJudgeModel();
    const judge = createRatingsJudge(lm);
    const outcome = await runRewardBench({ rows, method: { kind: 'scorer', scorer: judge }, cache: createMemoryCache(), concurrency: 3 });
    assert.equal(outcome.rule, 'ratings');
    assert.equal(lm.chats.length, totalCompletions);
    const tiesPrompts = lm.chats.filter((c) => c.messages[0]!.content.includes('need not consider depth')).length;
    assert.equal(tiesPrompts, unrollCompletions(rows.filter((r) => r.subset === 'Ties')).length);
    assert.ok(lm.chats.every((c) => c.temperature === 0 && c.maxTokens === 1024));
    const report = scoreRewardBench2(rows, outcome.entries, { rule: outcome.rule });
    assert.equal(report.subsets.Factuality?.score, 1);
    assert.deepEqual(outcome.entries.get('ref:1')?.scores, [9, 1, 2]);
  });

  it('judges non-Ties rows 4-way and rates Ties rows in ranking mode', async () => {
    const lm = createRuleJudgeModel();
    const method = { kind: 'ranking' as const, judge: createRankingJudge(lm), tiesScorer: createRatingsJudge(lm) };
    const cache = createMemoryCache();
    const outcome = await runRewardBench({ rows, method, cache, seed: 5 });
    const nonTies = rows.filter((r) => r.subset !== 'Ties');
    const rankingChats = lm.chats.filter((c) => c.messages[0]!.role === 'system');
    assert.equal(rankingChats.length, nonTies.length);
    for (const row of nonTies) assert.equal(outcome.entries.get(row.id)?.result, 1, row.id);
    // The correct answer sits in the slot the seed picks for the row.
    const chat = rankingChats.find((c) => c.messages[1]!.content.includes('Prompt of fact-1'))!;
    const slot = 'ABCD'[correctPosition('fact-1', 5)];
    assert.ok(chat.messages[1]!.content.includes(`[The Start of Assistant ${slot}'s Answer]\ngood answer for fact-1`));
    const report = scoreRewardBench2(rows, outcome.entries, { rule: outcome.rule });
    assert.equal(report.subsets.Math?.score, 1);
    assert.ok(report.subsets.Ties?.score !== null);
  });

  it('scores unparseable answers as the reference does', async () => {
    const lm = createRuleJudgeModel({ garbleEvery: 1 });
    const ranking = await runRewardBench({ rows, method: { kind: 'ranking', judge: createRankingJudge(lm), tiesScorer: createRatingsJudge(lm) }, cache: createMemoryCache() });
    assert.equal(ranking.entries.get('fact-1')?.result, 0.25);
    assert.deepEqual(ranking.entries.get('ref:1')?.scores, [-1, -1, -1]);
    const ratings = await runRewardBench({ rows, method: { kind: 'scorer', scorer: createRatingsJudge(lm) }, cache: createMemoryCache() });
    assert.equal(scoreRewardBench2(rows, ratings.entries, { rule: 'ratings' }).subsets.Focus?.score, 0.25);
  });

  it('refuses the 4-way ranking for a row without three rejected completions, naming it', async () => {
    const lm = createRuleJudgeModel();
    const short: Rb2Row = { id: 'short-1', subset: 'Math', prompt: 'p', chosen: ['a q9'], rejected: ['b q1'] };
    await assert.rejects(
      runRewardBench({ rows: [short], method: { kind: 'ranking', judge: createRankingJudge(lm), tiesScorer: createRatingsJudge(lm) }, cache: createMemoryCache() }),
      (e: unknown) => LmscopeError.isInstance(e) && e.message.includes('short-1'),
    );
    assert.equal(lm.chats.length, 0);
  });

  it('keeps ranking verdicts of different seeds apart in the cache', async () => {
    const lm = createRuleJudgeModel();
    const cache = createMemoryCache();
    const method = { kind: 'ranking' as const, judge: createRankingJudge(lm), tiesScorer: createRatingsJudge(lm) };
    await runRewardBench({ rows, method, cache, seed: 1 });
    const before = lm.chats.length;
    await runRewardBench({ rows, method, cache, seed: 1 });
    assert.equal(lm.chats.length, before);
    await runRewardBench({ rows, method, cache, seed: 2 });
    assert.equal(lm.chats.length, before + rows.filter((r) => r.subset !== 'Ties').length);
  });
});
