import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compareWithPublished, PUBLISHED_RESULTS, reportToRow } from '../../src/rewardbench/leaderboard.js';
import { formatComparisonTable } from '../../src/rewardbench/format.js';
import { renderSubsetPlotSvg } from '../../src/rewardbench/plot.js';
import { readResultRow, writeRunResults, RUN_FILES } from '../../src/rewardbench/resultsStore.js';
import { readScoresFile } from '../../src/rewardbench/scoresFile.js';
import { loadRewardBench2 } from '../../src/rewardbench/dataset.js';
import { scoreRewardBench2 } from '../../src/rewardbench/score.js';
import { completionsOf, RB2_SUBSETS } from '../../src/rewardbench/types.js';
import { qualityOf, sampleDataset, tempDir, writeJsonl } from './fixtures.js';

let dir: string;
before(async () => {
  dir = await tempDir();
});
after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('published results', () => {
  it('have averages that are the mean of their six domains (to the published rounding)', () => {
    const full = PUBLISHED_RESULTS.filter((p) => p.subsets);
    assert.ok(full.length >= 12);
    for (const p of full) {
      const mean = RB2_SUBSETS.reduce((s, name) => s + p.subsets![name], 0) / 6;
      assert.ok(Math.abs(mean - p.average) <= 0.051, `${p.model}: ${mean} vs ${p.average}`);
    }
  });

  it('puts a run in the table in order of its average', () => {
    const rows = compareWithPublished([{ model: 'mine', kind: 'run', judge: false, average: 76.0, subsets: {} }], { top: 10 });
    assert.equal(rows.length, 11);
    const mine = rows.findIndex((r) => r.model === 'mine');
    assert.ok(rows[mine - 1]!.average! >= 76 && rows[mine + 1]!.average! <= 76);
    const table = formatComparisonTable(rows);
    assert.ok(table.split('\n').some((line) => line.startsWith('>') && line.includes('mine')));
    assert.ok(table.includes('google/gemini-2.5-flash-preview-04-17*'));
  });

  it('selects published models by name', () => {
    const rows = compareWithPublished([], { models: ['skywork'] });
    assert.ok(rows.length >= 3 && rows.every((r) => r.model.toLowerCase().includes('skywork')));
  });
});

describe('subset plot', () => {
  it('draws one bar per known value and escapes names', () => {
    const rows = [
      { model: 'a <b> & "c"', kind: 'run' as const, judge: false, average: 50, subsets: { Factuality: 40, Ties: null } },
      ...compareWithPublished([], { top: 2 }),
    ];
    const svg = renderSubsetPlotSvg(rows, { title: 'Scores' });
    assert.ok(svg.startsWith('<svg') && svg.endsWith('</svg>'));
    const bars = (svg.match(/class="bar"/g) ?? []).length;
    const expected = rows.reduce((n, r) => n + 1 + Object.values(r.subsets).filter((v) => v !== null && v !== undefined).length, 0);
    assert.equal(bars, expected);
    assert.ok(svg.includes('a &lt;b&gt; &amp; &quot;c&quot;'));
    assert.ok(!svg.includes('<b>'));
  });
});

describe('results store', () => {
  it('writes a run in the published layouts and reads it back', async () => {
    const rows = (await loadRewardBench2(await writeJsonl(path.join(dir, 'data.jsonl'), sampleDataset()))).rows;
    const entries = new Map(rows.map((r) => [r.id, { id: r.id, scores: completionsOf(r).map(qualityOf) }]));
    entries.set('math-1', { id: 'math-1', scores: [1, NaN, 3, 0] });
    const report = scoreRewardBench2(rows, entries, { includeRows: true, model: 'org/my-rm' });
    const out = path.join(dir, 'run');
    await writeRunResults(out, { rows, entries, report, modelType: 'Seq. Classifier' });
    const summary = JSON.parse(await fs.readFile(path.join(out, RUN_FILES.summary), 'utf8'));
    assert.equal(summary.model, 'org/my-rm');
    assert.equal(summary.Factuality, report.subsets.Factuality?.score);
    const perRow = await readScoresFile(path.join(out, RUN_FILES.perRow));
    assert.equal(perRow.model, 'org/my-rm');
    assert.ok(Number.isNaN(perRow.entries.get('math-1')!.scores![1]!));
    const rescored = scoreRewardBench2(rows, (await readScoresFile(path.join(out, RUN_FILES.scores))).entries, { includeRows: true, model: 'org/my-rm' });
    assert.deepEqual(rescored, report);
    const fromDir = await readResultRow(out);
    const fromSummary = await readResultRow(path.join(out, RUN_FILES.summary));
    assert.deepEqual(fromDir, reportToRow(report));
    assert.equal(fromSummary.average, fromDir.average);
    assert.deepEqual(fromSummary.subsets, fromDir.subsets);
  });
});
