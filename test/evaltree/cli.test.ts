import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { runProfile } from '../../src/evaltree/index.js';
import { runEvaltreeCli } from './cliProcess.js';
import { mathFiles } from './dataPaths.js';

const files = mathFiles();
const inputs = ['--tree', files.tree, '--results', files.llama, '--split', files.split];

type CliRun = Awaited<ReturnType<typeof runEvaltreeCli>>;

describe('lmscope evaltree CLI', () => {
  // Independent commands run side by side: each is a child process, and starting one is most of its cost.
  const dir = mkdtempSync(path.join(tmpdir(), 'evaltree-cli-'));
  const ciFile = path.join(dir, 'ci.json');
  const svg = path.join(dir, 'sweep.svg');
  let profileRun: CliRun;
  let statsRun: CliRun;
  let sweepRun: CliRun;
  let missingSplitRun: CliRun;
  before(async () => {
    [profileRun, statsRun, sweepRun, missingSplitRun] = await Promise.all([
      runEvaltreeCli(['profile', ...inputs, '--alpha', '0.05', '--tau', '0.4', '--json']),
      runEvaltreeCli(['stats', ...inputs, '--alpha', '0.01,0.05', '--out', ciFile]),
      runEvaltreeCli(['sweep', ...inputs, '--step', '0.001', '--svg', svg, '--json']),
      runEvaltreeCli(['profile', '--tree', files.tree, '--results', files.llama]),
    ]);
  });

  test('profile --json prints the released profile, the same object the library returns', async () => {
    const { stdout, code, stderr } = profileRun;
    assert.equal(code, 0, stderr);
    const printed = JSON.parse(stdout);
    assert.deepEqual(printed, JSON.parse(readFileSync(files.profile, 'utf8')));
    assert.deepEqual(printed, await runProfile({ tree: files.tree, results: files.llama, split: files.split, alpha: 0.05, tau: 0.4 }));
  });

  test('stats writes the confidence-interval tree; sweep writes an SVG plot', async () => {
    const stats = statsRun;
    assert.equal(stats.code, 0, stats.stderr);
    assert.match(stats.stdout, /root: 4000 instances, rate 49\.9%/);
    const ci = JSON.parse(readFileSync(ciFile, 'utf8'));
    assert.deepEqual([ci.size, ci.sum_metrics, Object.keys(ci.confidence_interval)], [4000, 1996, ['0.01', '0.05']]);
    const sweep = sweepRun;
    assert.equal(sweep.code, 0, sweep.stderr);
    const report = JSON.parse(sweep.stdout);
    assert.ok(report.profiles.length > 5 && report.step === 0.001);
    const plot = readFileSync(svg, 'utf8');
    assert.match(plot, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(plot, /<path d="M/);
  });

  test('bad input exits non-zero with one actionable line', async () => {
    const missingSplit = missingSplitRun;
    assert.equal(missingSplit.code, 1);
    assert.match(missingSplit.stderr, /^error \[size_mismatch\] at .*tree_split-4k-1k\.json: the tree covers 4000 instances but the results have 5000; pass the split/);
  });

  test('synthetic results and the assessment of profiles', async () => {
    const n = 400;
    const weak = (i: number) => i % 4 === 0;
    const associations = { 'weak skill': Array.from({ length: n }, (_, i) => (weak(i) ? 'YES' : 'NO')), 'other skill': Array.from({ length: n }, (_, i) => (i % 4 === 1 ? 'YES' : 'NO')) };
    writeFileSync(path.join(dir, 'assoc.json'), JSON.stringify(associations));
    writeFileSync(path.join(dir, 'truth.json'), JSON.stringify(['weak skill']));
    writeFileSync(path.join(dir, 'right.json'), JSON.stringify(['weak skill']));
    writeFileSync(path.join(dir, 'wrong.json'), JSON.stringify(['other skill']));
    const synthetic = await runEvaltreeCli(['synthetic', '--associations', 'assoc.json', '--truth', 'truth.json', '--decay', '0.2', '--out', 'results.json', '--json'], dir);
    assert.equal(synthetic.code, 0, synthetic.stderr);
    const results = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as number[];
    assert.equal(results.length, n);
    const rate = (pick: (i: number) => boolean) => results.filter((_, i) => pick(i)).reduce((s, v) => s + v, 0) / results.filter((_, i) => pick(i)).length;
    assert.ok(rate(weak) < 0.3 && rate((i) => !weak(i)) > 0.55);
    const assess = await runEvaltreeCli(['assess', '--associations', 'assoc.json', '--results', 'results.json', '--profiles', 'right.json', 'wrong.json', '--truth', 'truth.json', '--json'], dir);
    assert.equal(assess.code, 0, assess.stderr);
    const report = JSON.parse(assess.stdout);
    const [right, wrong] = report.methods;
    assert.equal(right.groundTruth.peakF1, 1);
    assert.equal(wrong.groundTruth.peakF1, 0);
    assert.ok(right.lowPerformance.bySize[0].value < wrong.lowPerformance.bySize[0].value);
  });
});
