import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { loadProblems, problemsFromValues, resolveDataPath } from '../../src/thinking/datasets.js';

describe('evaluation data', () => {
  it('resolves bundled names to data/math in the repository', async () => {
    assert.match(resolveDataPath('aime24'), /data[\\/]math[\\/]aime24\.jsonl$/);
    const aime = await loadProblems('aime24');
    assert.equal(aime.length, 30);
    assert.ok(aime.every((p) => /^\d+$/.test(p.answer) && p.problem.length > 20));
    assert.equal(new Set(aime.map((p) => p.id)).size, 30);
    assert.equal((await loadProblems('math500', { limit: 7 })).length, 7);
  });

  it('reads a file with problem/answer and says which line is wrong', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lmscope-think-data-'));
    try {
      const good = path.join(dir, 'good.jsonl');
      await writeFile(good, '{"question": "1+1?", "answer": 2}\n{"problem": "2+2?", "answer": "4", "id": 9}\n');
      assert.deepEqual(await loadProblems(good), [
        { id: 'line-1', problem: '1+1?', answer: '2' },
        { id: '9', problem: '2+2?', answer: '4' },
      ]);
      const bad = path.join(dir, 'bad.jsonl');
      await writeFile(bad, '{"problem": "x", "answer": "1"}\n{"problem": "y"}\n');
      await assert.rejects(loadProblems(bad), (e: unknown) => LmscopeError.isInstance(e) && e.where?.line === 2 && e.where.field === 'answer');
      await assert.rejects(loadProblems(path.join(dir, 'none.jsonl')), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'file_not_found');
      assert.throws(() => problemsFromValues([{ problem: 'x', answer: '1' }, 'nope']), (e: unknown) => LmscopeError.isInstance(e) && e.where?.item === 'problems[1]');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
