import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { pearson } from '../../src/core/stats/index.js';
import { correlateWithDownstream, loadDownstreamRecords, parseDownstreamRecord, PAPER_CORRELATIONS } from '../../src/rewardbench/correlate.js';
import { bootstrapPearson } from '../../src/rewardbench/stats.js';
import { tempDir, writeJsonl } from './fixtures.js';

let dir: string;
before(async () => {
  dir = await tempDir();
});
after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Reward models whose BoN accuracy follows their RB2 score plus a deterministic wiggle. */
function models(n: number, noise: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => {
    const rb2 = 40 + i * 3;
    const wiggle = noise * Math.sin(i * 1.7);
    return {
      model: `rm-${i}`,
      rb2: { Factuality: rb2 + 5, 'Precise IF': 30 + (i % 3), Math: rb2, Safety: rb2 + 10, Focus: 80 - i, Ties: rb2 - 5 },
      bon: { GSM8K: 0.5 + rb2 / 400 + wiggle / 100, IFEval: 0.4 + (i % 2) / 10 },
    };
  });
}

describe('correlation with best-of-N', () => {
  it('computes Pearson r of RB2 averages against BoN averages', () => {
    const records = models(12, 2).map((m) => parseDownstreamRecord(m));
    const report = correlateWithDownstream(records, { resamples: 500, seed: 3 });
    const xs = records.map((r) => r.rb2Average);
    const ys = records.map((r) => r.bonAverage);
    assert.equal(report.overall.r, pearson(xs, ys));
    assert.equal(report.overall.n, 12);
    assert.deepEqual(Object.keys(report.bySubset), ['Factuality', 'Precise IF', 'Math', 'Safety', 'Focus', 'Ties']);
    assert.deepEqual(Object.keys(report.byTask), ['GSM8K', 'IFEval']);
    assert.equal(report.paper.overall, 0.87);
    assert.equal(report.paper.bySubset.Factuality, PAPER_CORRELATIONS.bySubset.Factuality);
  });

  it('brackets r with a seeded bootstrap interval inside [-1, 1]', () => {
    const records = models(15, 6).map((m) => parseDownstreamRecord(m));
    const a = correlateWithDownstream(records, { resamples: 800, seed: 11 });
    const b = correlateWithDownstream(records, { resamples: 800, seed: 11 });
    assert.deepEqual(a, b);
    const { r, interval } = a.overall;
    assert.ok(interval && interval.low !== null && interval.high !== null);
    assert.ok(interval.low <= r! && r! <= interval.high, `${interval.low} <= ${r} <= ${interval.high}`);
    assert.ok(interval.low >= -1 && interval.high <= 1);
    assert.equal(interval.resamples + interval.dropped, 800);
  });

  it('gives r = 1 and a degenerate interval for an exact linear relation', () => {
    const xs = [1, 2, 3, 4, 5, 6];
    const ci = bootstrapPearson(xs, xs.map((x) => 3 * x - 2), { resamples: 300, seed: 1 });
    assert.ok(Math.abs(ci.low - 1) < 1e-12 && Math.abs(ci.high - 1) < 1e-12);
    assert.equal(ci.resamples + ci.dropped, 300);
  });

  it('reports an undefined correlation as null with a warning', () => {
    const records = [1, 2, 3].map((i) => parseDownstreamRecord({ model: `m${i}`, rb2: 50, bon: i }));
    const report = correlateWithDownstream(records);
    assert.equal(report.overall.r, null);
    assert.ok(report.warnings.some((w) => w.includes('no variance')));
  });

  it('reads plain numbers, other spellings and explicit averages', async () => {
    const file = await writeJsonl(path.join(dir, 'bon.jsonl'), [
      { model: 'a', rewardbench2: 61.3, bestOfN: 0.42 },
      { model: 'b', rb2: { Math: 0.7, average: 0.65 }, bon: { average: 0.5, MATH: 0.3 } },
      { model: 'c', rb2: 70, bon: 0.55 },
    ]);
    const records = await loadDownstreamRecords(file);
    assert.equal(records[0]?.rb2Average, 61.3);
    assert.equal(records[1]?.rb2Average, 0.65);
    assert.equal(records[1]?.bonAverage, 0.5);
    assert.deepEqual(records[1]?.bonTasks, { MATH: 0.3 });
  });

  it('names the model and the line of a bad record', async () => {
    const file = await writeJsonl(path.join(dir, 'bad.jsonl'), [{ model: 'a', rb2: 1, bon: 1 }, { model: 'b', rb2: { Math: 'high' }, bon: 1 }]);
    await assert.rejects(loadDownstreamRecords(file), (e: unknown) => LmscopeError.isInstance(e) && e.where?.line === 2 && e.where?.item === 'b');
    assert.throws(() => parseDownstreamRecord({ rb2: 1, bon: 1 }), (e: unknown) => LmscopeError.isInstance(e) && e.where?.field === 'model');
  });
});
