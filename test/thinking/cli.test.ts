// CLI tests that need no model: curation from a pool with precomputed solver answers and domains,
// and input errors reported as one line with a non-zero exit.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runThinkCli } from './cliHarness.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lmscope-think-cli-'));
  const rows = Array.from({ length: 40 }, (_, i) => ({
    id: `q${i}`,
    question: i === 5 ? 'p1. numbered' : `Question ${i}`,
    thinking_trajectories: ['think '.repeat(5 + i)],
    attempt: `Answer: ${i}`,
    solution: `\\boxed{${i}}`,
    source_type: 'pool/numina',
    domain: ['05', '11', '60', '97'][i % 4],
    solver_correct: { small: i % 5 === 0 },
  }));
  await writeFile(path.join(dir, 'pool.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lmscope think', () => {
  it('curate writes the selection and prints the stage counts; bad input is one line and exit 1', async () => {
    const out = path.join(dir, 'out');
    // Both commands run at once: each is a child process (see cliHarness.ts).
    const [run, bad] = await Promise.all([
      runThinkCli(['think', 'curate', '--pool', path.join(dir, 'pool.jsonl'), '--n', '10', '--seed', '2', '--tokenizer', 'bytes', '--out', out, '--json']),
      runThinkCli(['think', 'eval', '--data', path.join(dir, 'missing.jsonl'), '--methods', 'bf,tcc', '--budgets', '8']),
    ]);
    assert.equal(run.exitCode, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    // q5 breaks the numbering rule; the solver solves q0, q10, ..., q35 (7 left after quality).
    assert.equal(report.counts.pool, 40);
    assert.deepEqual(report.qualityDropped, { numbering: 1 });
    assert.equal(report.counts.afterDifficulty, 32);
    assert.equal(report.counts.selected, 10);
    assert.deepEqual(JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')), report);
    const lines = (await readFile(path.join(out, 'selected.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), report.selected.map((s: { id: string }) => s.id));
    assert.ok(lines.every((l) => typeof l.trace_tokens === 'number' && l.selection === 'sampled' && Number(l.id.slice(1)) % 5 !== 0));

    assert.equal(bad.exitCode, 1);
    assert.match(bad.stderr, /^error \[file_not_found\] at .*missing\.jsonl, field "data": no data at /);
  });
});
