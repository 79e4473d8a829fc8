import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { scoreBestOfN } from '../../src/rewardbench/bestOfN.js';
import { loadRewardBench2 } from '../../src/rewardbench/dataset.js';
import { scoreRewardBench2 } from '../../src/rewardbench/score.js';
import { readScoresFile, scoresFromRecords, type RowScoreEntry } from '../../src/rewardbench/scoresFile.js';
import { scoreTies } from '../../src/rewardbench/ties.js';
import { completionsOf, type Rb2Row } from '../../src/rewardbench/types.js';
import { qualityOf, sampleDataset, tempDir, writeJsonl, writeParquet } from './fixtures.js';

let dir: string;
let rows: Rb2Row[];
before(async () => {
  dir = await tempDir();
  rows = (await loadRewardBench2(await writeJsonl(path.join(dir, 'data.jsonl'), sampleDataset()))).rows;
});
after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Scores each completion by the quality digit in its text. */
function qualityScores(data: readonly Rb2Row[]): Map<string, RowScoreEntry> {
  return new Map(data.map((r) => [r.id, { id: r.id, scores: completionsOf(r).map(qualityOf) }]));
}

describe('RewardBench 2 report', () => {
  it('averages the six subsets without weighting them by size', () => {
    const entries = qualityScores(rows);
    entries.set('fact-2', { id: 'fact-2', scores: [9, 9, 1, 0] }); // a 2-way tie: 0.5
    entries.set('math-1', { id: 'math-1', scores: [1, 9, 1, 0] }); // a loss
    const report = scoreRewardBench2(rows, entries);
    assert.deepEqual(Object.keys(report.subsets), ['Factuality', 'Precise IF', 'Math', 'Safety', 'Focus', 'Ties']);
    assert.equal(report.subsets.Factuality?.score, (1 + 0.5) / 2);
    assert.equal(report.subsets.Factuality?.correct, 1.5);
    assert.equal(report.subsets.Math?.score, 0);
    const ties = scoreTies(rows.filter((r) => r.subset === 'Ties').map((r) => ({ id: r.id, numCorrect: r.chosen.length, scores: entries.get(r.id)!.scores! })));
    assert.equal(report.subsets.Ties?.score, ties.score);
    assert.equal(report.subsets.Ties?.ties?.pairs, 2);
    const six = Object.values(report.subsets).map((s) => s.score as number);
    assert.equal(report.overall, six.reduce((a, b) => a + b, 0) / 6);
    assert.equal(report.coverage.scored, rows.length);
    assert.deepEqual(report.warnings, []);
  });

  it('gives per-row results, null for Ties rows', () => {
    const report = scoreRewardBench2(rows, qualityScores(rows), { includeRows: true });
    const byId = new Map(report.rows!.map((r) => [r.id, r]));
    assert.equal(byId.get('fact-1')?.result, 1);
    assert.equal(byId.get('tied:1')?.result, null);
    assert.deepEqual(byId.get('ref:1')?.scores, [9, 1, 2]);
  });

  it('stops at a row without scores, naming it, unless told to skip', () => {
    const entries = qualityScores(rows);
    entries.delete('pif-1');
    assert.throws(() => scoreRewardBench2(rows, entries), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'missing_scores' && e.message.includes('pif-1'));
    const report = scoreRewardBench2(rows, entries, { missing: 'skip' });
    assert.equal(report.coverage.missing, 1);
    assert.deepEqual(report.coverage.missingIds, ['pif-1']);
    assert.equal(report.subsets['Precise IF'], undefined);
    assert.equal(Object.keys(report.subsets).length, 5);
    assert.ok(report.warnings.some((w) => w.includes('Precise IF')));
  });

  it('refuses a score list of the wrong length, naming the row', () => {
    const entries = qualityScores(rows);
    entries.set('focus-1', { id: 'focus-1', scores: [1, 2, 3] });
    assert.throws(() => scoreRewardBench2(rows, entries), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'score_count_mismatch' && e.message.includes('focus-1'));
  });

  it('scores NaN and null scores as the reference does (the row earns 0)', async () => {
    const special: Record<string, string> = { 'fact-1': '[9, NaN, 2, 1]', 'math-1': '[null, 3, 2, 1]' };
    const lines = rows.map((r) => special[r.id] ? `{"id": "${r.id}", "scores": ${special[r.id]}}` : JSON.stringify({ id: r.id, scores: completionsOf(r).map(qualityOf) }));
    const file = path.join(dir, 'nan.jsonl');
    await fs.writeFile(file, `${lines.join('\n')}\n`);
    const scores = await readScoresFile(file);
    assert.ok(Number.isNaN(scores.entries.get('fact-1')!.scores![1]!));
    const report = scoreRewardBench2(rows, scores.entries, { includeRows: true });
    const byId = new Map(report.rows!.map((r) => [r.id, r]));
    assert.equal(byId.get('fact-1')?.result, 0);
    assert.equal(byId.get('math-1')?.result, 0);
    assert.deepEqual(byId.get('math-1')?.scores, [null, 3, 2, 1]);
  });

  it('uses given row results where scores are absent (4-way ranking judges)', () => {
    const entries = qualityScores(rows);
    entries.set('safety-1', { id: 'safety-1', result: 0.25 });
    const report = scoreRewardBench2(rows, entries);
    assert.equal(report.subsets.Safety?.score, 0.25);
  });

  it('applies the ratings rule when asked', () => {
    const entries = qualityScores(rows);
    entries.set('focus-1', { id: 'focus-1', scores: [-1, -1, -1, -1] });
    assert.equal(scoreRewardBench2(rows, entries, { rule: 'ratings' }).subsets.Focus?.score, 0.25);
    assert.equal(scoreRewardBench2(rows, entries, { rule: 'reward' }).subsets.Focus?.score, scoreBestOfN([-1, -1, -1, -1]));
  });

  it('reports the Ties score as null with a warning when no pair exists', () => {
    const data = rows.filter((r) => r.id !== 'tied:1' && r.id !== 'tied:2');
    const report = scoreRewardBench2(data, qualityScores(data));
    assert.equal(report.subsets.Ties?.score, null);
    assert.equal(report.overall, null);
    assert.ok(report.warnings.some((w) => w.includes('NaN')));
  });

  it('warns about scored ids that are not in the dataset', () => {
    const entries = qualityScores(rows);
    entries.set('stranger', { id: 'stranger', scores: [1] });
    assert.equal(scoreRewardBench2(rows, entries).coverage.unknownIds, 1);
  });
});

describe('score files', () => {
  it('reads one-element lists, Python NaN/Infinity tokens and null', async () => {
    const file = path.join(dir, 'python.jsonl');
    await fs.writeFile(file, '{"id": "a", "scores": [[1.5], [NaN], [-Infinity], null]}\n\n{"id": 7, "scores": [Infinity, 2]}\n');
    const { entries } = await readScoresFile(file);
    const a = entries.get('a')!.scores!;
    assert.equal(a[0], 1.5);
    assert.ok(Number.isNaN(a[1]!));
    assert.equal(a[2], -Infinity);
    assert.ok(Number.isNaN(a[3]!));
    assert.deepEqual(entries.get('7')!.scores, [Infinity, 2]);
  });

  it('keeps "NaN" inside strings untouched', async () => {
    const file = path.join(dir, 'strings.jsonl');
    await fs.writeFile(file, '{"id": "NaN Infinity", "scores": [NaN, 1]}\n');
    const { entries } = await readScoresFile(file);
    assert.ok(entries.has('NaN Infinity'));
  });

  it('reads a published per-row results file (column-oriented JSON)', async () => {
    const file = path.join(dir, 'published.json');
    await fs.writeFile(file, JSON.stringify({ id: ['fact-1', 'safety-1'], scores: [[[3], [1], [2], [0]], null], results: [1, 0.25], subset: ['Factuality', 'Safety'], model: 'org/model' }));
    const parsed = await readScoresFile(file);
    assert.equal(parsed.model, 'org/model');
    assert.deepEqual(parsed.entries.get('fact-1')?.scores, [3, 1, 2, 0]);
    assert.equal(parsed.entries.get('safety-1')?.result, 0.25);
    assert.equal(parsed.entries.get('safety-1')?.scores, undefined);
  });

  it('reads Parquet score files', async () => {
    const { parquetWriteFile } = await import('hyparquet-writer');
    const file = path.join(dir, 'scores.parquet');
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: 'id', data: ['a', 'b'] },
        { name: 'scores', data: [[1, 2], [3.5, 0]] },
      ],
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        { name: 'scores', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      ] as never,
    });
    const { entries } = await readScoresFile(file);
    assert.deepEqual(entries.get('b')?.scores, [3.5, 0]);
  });

  it('refuses duplicates, non-numbers and lines without scores, with the line', () => {
    assert.throws(() => scoresFromRecords([{ id: 'a', scores: [1] }, { id: 'a', scores: [2] }]), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'duplicate_scores' && e.where?.line === 2);
    assert.throws(() => scoresFromRecords([{ id: 'a', scores: ['high'] }]), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'malformed_scores');
    assert.throws(() => scoresFromRecords([{ id: 'a' }]), (e: unknown) => LmscopeError.isInstance(e) && e.message.includes('neither'));
  });

  it('reads the same dataset from Parquet and scores it identically', async () => {
    const parquetRows = (await loadRewardBench2(await writeParquet(path.join(dir, 'same.parquet'), sampleDataset()))).rows;
    assert.deepEqual(scoreRewardBench2(parquetRows, qualityScores(parquetRows)), scoreRewardBench2(rows, qualityScores(rows)));
  });
});
