import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { loadRewardBench2, parseTiesId } from '../../src/rewardbench/dataset.js';
import { unrollCompletions } from '../../src/rewardbench/types.js';
import { makeRow, sampleDataset, tempDir, writeJsonl, writeParquet } from './fixtures.js';

let dir: string;
before(async () => {
  dir = await tempDir();
});
after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Asserts a load fails with a bad-row error that names the row id and the line. */
async function rejectsRow(rows: unknown[], id: string, field: string): Promise<void> {
  const file = await writeJsonl(path.join(dir, `bad-${id.replace(/\W/g, '_')}-${field}.jsonl`), rows);
  await assert.rejects(loadRewardBench2(file), (error: unknown) => {
    assert.ok(LmscopeError.isInstance(error), String(error));
    assert.equal(error.where?.field, field);
    assert.equal(error.where?.line, rows.length);
    assert.ok(error.message.includes(id), error.message);
    return true;
  });
}

describe('loading RewardBench 2', () => {
  it('reads the published schema from JSONL, a JSON array and Parquet alike', async () => {
    const rows = sampleDataset();
    const jsonl = await writeJsonl(path.join(dir, 'rb2.jsonl'), rows);
    const json = path.join(dir, 'rb2.json');
    await fs.writeFile(json, JSON.stringify(rows));
    const parquet = await writeParquet(path.join(dir, 'rb2.parquet'), rows);
    const fromJsonl = await loadRewardBench2(jsonl);
    const fromJson = await loadRewardBench2(json);
    const fromParquet = await loadRewardBench2(parquet);
    assert.equal(fromJsonl.rows.length, rows.length);
    const core = (r: { id: string; prompt: string; chosen: string[]; rejected: string[]; subset: string }) => ({ id: r.id, prompt: r.prompt, chosen: r.chosen, rejected: r.rejected, subset: r.subset });
    assert.deepEqual(fromJson.rows.map(core), fromJsonl.rows.map(core));
    assert.deepEqual(fromParquet.rows.map(core), fromJsonl.rows.map(core));
    assert.equal(fromParquet.rows[0]?.additional_metadata?.category, 'factuality');
    assert.deepEqual(fromParquet.sources.map((s) => s.line), rows.map((_, i) => i + 1));
  });

  it('unrolls chosen completions first, then rejected ones', async () => {
    const { rows } = await loadRewardBench2(await writeJsonl(path.join(dir, 'unroll.jsonl'), [makeRow('tied:3', 'Ties', ['c0', 'c1'], ['r0', 'r1', 'r2'])]));
    const items = unrollCompletions(rows);
    assert.deepEqual(items.map((i) => i.completion), ['c0', 'c1', 'r0', 'r1', 'r2']);
    assert.deepEqual(items.map((i) => i.correct), [true, true, false, false, false]);
    assert.deepEqual(items.map((i) => i.index), [0, 1, 2, 3, 4]);
  });

  it('accepts rows without the count fields (custom datasets)', async () => {
    const { num_correct: _a, num_incorrect: _b, total_completions: _c, ...bare } = makeRow('x1', 'Math', ['a'], ['b', 'c', 'd']);
    const { rows } = await loadRewardBench2(await writeJsonl(path.join(dir, 'bare.jsonl'), [bare]));
    assert.equal(rows[0]?.rejected.length, 3);
  });

  it('names the row for a missing prompt', async () => {
    const { prompt: _p, ...noPrompt } = makeRow('row-7', 'Math', ['a'], ['b']);
    await rejectsRow([makeRow('ok', 'Math', ['a'], ['b']), noPrompt], 'row-7', 'prompt');
  });

  it('names the row when chosen is not a list of strings', async () => {
    await rejectsRow([{ ...makeRow('row-8', 'Focus', ['a'], ['b']), chosen: 'a' }], 'row-8', 'chosen');
    await rejectsRow([{ ...makeRow('row-9', 'Focus', ['a'], ['b']), chosen: ['a', null] }], 'row-9', 'chosen');
  });

  it('names the row when counts disagree with the lists', async () => {
    await rejectsRow([{ ...makeRow('row-10', 'Safety', ['a'], ['b', 'c']), num_correct: 2 }], 'row-10', 'num_correct');
    await rejectsRow([{ ...makeRow('row-11', 'Safety', ['a'], ['b', 'c']), total_completions: 4 }], 'row-11', 'total_completions');
  });

  it('names the row when a list is empty', async () => {
    await rejectsRow([makeRow('row-12', 'Math', ['a'], [])], 'row-12', 'rejected');
    await rejectsRow([makeRow('row-13', 'Math', [], ['a'])], 'row-13', 'chosen');
  });

  it('names the row for a missing subset and a missing id', async () => {
    const { subset: _s, ...noSubset } = makeRow('row-14', 'Math', ['a'], ['b']);
    await rejectsRow([noSubset], 'row-14', 'subset');
    const { id: _i, ...noId } = makeRow('gone', 'Math', ['a'], ['b']);
    const file = await writeJsonl(path.join(dir, 'noid.jsonl'), [noId]);
    await assert.rejects(loadRewardBench2(file), (e: unknown) => LmscopeError.isInstance(e) && e.where?.field === 'id' && e.where?.line === 1);
  });

  it('refuses duplicate ids and Ties ids without a prompt number', async () => {
    await rejectsRow([makeRow('dup', 'Math', ['a'], ['b']), makeRow('dup', 'Math', ['a'], ['b'])], 'dup', 'id');
    await rejectsRow([makeRow('tied-no-colon', 'Ties', ['a', 'b'], ['c'])], 'tied-no-colon', 'id');
  });

  it('reports malformed JSON with its line', async () => {
    const file = path.join(dir, 'broken.jsonl');
    await fs.writeFile(file, `${JSON.stringify(makeRow('a', 'Math', ['x'], ['y']))}\n{"id": "b", "prompt": \n`);
    await assert.rejects(loadRewardBench2(file), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'malformed_json' && e.where?.line === 2);
  });

  it('parses Ties ids the way Python int() does', () => {
    assert.deepEqual(parseTiesId('ref:12'), { sampleType: 'ref', promptId: 12 });
    assert.deepEqual(parseTiesId('tied: 1_000 '), { sampleType: 'tied', promptId: 1000 });
    assert.deepEqual(parseTiesId('tied:+3'), { sampleType: 'tied', promptId: 3 });
    assert.throws(() => parseTiesId('tied:3.0'));
    assert.throws(() => parseTiesId('tied:1__0'));
  });
});
