import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { loadRewardBench1, RB1_EXAMPLE_COUNTS, RB1_SECTIONS, scoreRewardBench1, type Rb1Row } from '../../src/rewardbench/rb1.js';
import type { RowScoreEntry } from '../../src/rewardbench/scoresFile.js';
import { tempDir, writeJsonl } from './fixtures.js';

let dir: string;
before(async () => {
  dir = await tempDir();
});
after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** `wins` of `n` pairs right in a subset; the rest are ties (which count as wrong). */
function subsetRows(subset: string, n: number, wins: number, start: number): { rows: Rb1Row[]; scores: RowScoreEntry[] } {
  const rows: Rb1Row[] = [];
  const scores: RowScoreEntry[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(start + i);
    rows.push({ id, prompt: `p${id}`, chosen: `c${id}`, rejected: `r${id}`, subset });
    scores.push({ id, scores: i < wins ? [1, 0] : [0.5, 0.5] });
  }
  return { rows, scores };
}

describe('RewardBench 1', () => {
  it('loads pairs from the published schema (integer ids)', async () => {
    const file = await writeJsonl(path.join(dir, 'rb1.jsonl'), [
      { prompt: 'p', chosen: 'good', chosen_model: 'm1', rejected: 'bad', rejected_model: 'm2', subset: 'hep-go', id: 3 },
    ]);
    const rows = await loadRewardBench1(file);
    assert.deepEqual(rows, [{ id: '3', prompt: 'p', chosen: 'good', rejected: 'bad', subset: 'hep-go' }]);
  });

  it('names the row of a malformed pair', async () => {
    const file = await writeJsonl(path.join(dir, 'rb1-bad.jsonl'), [{ prompt: 'p', chosen: ['x'], rejected: 'bad', subset: 'hep-go', id: 9 }]);
    await assert.rejects(loadRewardBench1(file), (e: unknown) => LmscopeError.isInstance(e) && e.where?.item === 'row 9' && e.where?.field === 'chosen');
  });

  it('weights subsets by the published prompt counts within each section', () => {
    const parts = [subsetRows('math-prm', 4, 1, 0), subsetRows('hep-go', 2, 2, 100), subsetRows('alpacaeval-easy', 2, 1, 200), subsetRows('donotanswer', 5, 5, 300)];
    const rows = parts.flatMap((p) => p.rows);
    const scores = new Map(parts.flatMap((p) => p.scores).map((s) => [s.id, s]));
    const report = scoreRewardBench1(rows, scores);
    assert.equal(report.subsets['math-prm']?.accuracy, 0.25);
    const reasoning = (0.25 * RB1_EXAMPLE_COUNTS['math-prm']! + 1 * RB1_EXAMPLE_COUNTS['hep-go']!) / (RB1_EXAMPLE_COUNTS['math-prm']! + RB1_EXAMPLE_COUNTS['hep-go']!);
    assert.equal(report.sections.Reasoning?.score, reasoning);
    assert.equal(report.sections.Chat?.score, 0.5);
    assert.equal(report.sections.Safety?.score, 1);
    assert.equal(report.sections['Chat Hard']?.score, null);
    assert.equal(report.overall, (reasoning + 0.5 + 1) / 3);
    assert.ok(report.warnings.some((w) => w.includes('3 of 4')));
  });

  it('up-weights math-prm to match the six code subsets together', () => {
    const code = RB1_SECTIONS.Reasoning!.filter((s) => s.startsWith('hep-')).reduce((sum, s) => sum + RB1_EXAMPLE_COUNTS[s]!, 0);
    assert.equal(RB1_EXAMPLE_COUNTS['math-prm'], code);
  });

  it('reports subsets outside the sections without counting them', () => {
    const part = subsetRows('my-own-subset', 2, 1, 0);
    const report = scoreRewardBench1(part.rows, new Map(part.scores.map((s) => [s.id, s])));
    assert.equal(report.subsets['my-own-subset']?.accuracy, 0.5);
    assert.equal(report.overall, null);
    assert.ok(report.warnings.some((w) => w.includes('my-own-subset')));
  });

  it('needs exactly two scores per pair', () => {
    const part = subsetRows('hep-go', 1, 1, 0);
    assert.throws(() => scoreRewardBench1(part.rows, new Map([['0', { id: '0', scores: [1, 2, 3] }]])), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'score_count_mismatch');
  });
});
