import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createOpenAiBackend } from '../../src/lm/index.js';
import { loadMathProblems, runMathEval, summarizeMath, renderMathPlot, type MathProblem } from '../../src/rewards/index.js';
import { startFlakyLmServer } from './flakyLmServer.js';
import { repoPath } from './repoPaths.js';

let dir: string;
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lmscope-matheval-'));
});
after(() => fs.rm(dir, { recursive: true, force: true }));

test('bundled MATH-500, AIME 2024 and AMC 2023 load with subjects and levels', async () => {
  const math = await loadMathProblems('math500');
  assert.equal(math.length, 500);
  assert.equal(new Set(math.map((p) => p.id)).size, 500);
  const count = (key: (p: MathProblem) => string, value: string) => math.filter((p) => key(p) === value).length;
  assert.equal(count((p) => p.subject, 'Algebra'), 124);
  assert.equal(count((p) => p.level, 'Level 5'), 134);
  assert.equal(math[0]!.answer, '\\left( 3, \\frac{\\pi}{2} \\right)');
  assert.equal((await loadMathProblems('aime24')).length, 30);
  const amc = await loadMathProblems('amc23', { limit: 5 });
  assert.equal(amc.length, 5);
  assert.equal(amc[0]!.subject, 'amc23');
});

test('the MATH-500 gold answers grade equal to their own solutions\' boxed answers', async () => {
  const { readFileSync } = await import('node:fs');
  const { gradeAnswer } = await import('../../src/rewards/index.js');
  const lines = readFileSync(repoPath('data', 'math', 'math500.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { answer: string; solution: string });
  const disagreements = lines.filter((r) => !gradeAnswer(r.answer, r.solution).equal);
  console.log(`MATH-500: answer vs solution agree on ${lines.length - disagreements.length}/${lines.length}`);
  assert.ok(disagreements.length <= 10, disagreements.slice(0, 10).map((r) => r.answer).join(' | '));
});

test('the array-of-{prompt, answer, source, id} variant loads too', async () => {
  const file = path.join(dir, 'test.json');
  await fs.writeFile(file, JSON.stringify([{ prompt: 'What is 1+1?', answer: '2', source: 'math', id: 'test/algebra/1.json' }, { prompt: 'What is 2+2?', answer: 4.0, source: 'amc', id: 7 }]));
  const loaded = await loadMathProblems(file);
  assert.deepEqual(loaded.map((p) => [p.id, p.problem, p.answer, p.subject, p.level]), [
    ['test/algebra/1.json', 'What is 1+1?', '2', 'algebra', 'n/a'],
    ['7', 'What is 2+2?', '4', 'amc', 'n/a'],
  ]);
});

test('a data file without answers is refused with its line number', async () => {
  const file = path.join(dir, 'bad.jsonl');
  await fs.writeFile(file, `${JSON.stringify({ problem: 'p1', answer: '1' })}\n${JSON.stringify({ problem: 'p2' })}\n`);
  await assert.rejects(loadMathProblems(file), (e: Error & { where?: { line?: number; field?: string } }) => e.where?.line === 2 && e.where?.field === 'answer');
  await assert.rejects(loadMathProblems(path.join(dir, 'none.jsonl')), /no data file/);
});

const problems: MathProblem[] = [
  { id: 'a', problem: 'What is 1+1?', answer: '2', subject: 'Algebra', level: 'Level 1' },
  { id: 'b', problem: 'What is 2+2?', answer: '4', subject: 'Algebra', level: 'Level 2' },
  { id: 'c', problem: 'What is 3+3?', answer: '6', subject: 'Geometry', level: 'Level 2' },
];

test('avg@k and pass@k per subject and level', () => {
  const lines = [
    { id: 'a', sample: 0, correct: true },
    { id: 'a', sample: 1, correct: false },
    { id: 'b', sample: 0, correct: false },
    { id: 'b', sample: 1, correct: false },
    { id: 'c', sample: 0, correct: true },
    { id: 'c', sample: 1, correct: true },
    { id: 'c', sample: 2, correct: false }, // beyond k: ignored
  ];
  const scores = summarizeMath(problems, lines, 2);
  assert.equal(scores.overall.accuracy, (0.5 + 0 + 1) / 3);
  assert.equal(scores.overall.passAtK, 2 / 3);
  assert.deepEqual(scores.bySubject.map((g) => [g.name, g.accuracy]), [['Algebra', 0.25], ['Geometry', 1]]);
  assert.deepEqual(scores.byLevel.map((g) => [g.name, g.passAtK]), [['Level 1', 1], ['Level 2', 0.5]]);
  const svg = renderMathPlot(scores, 'test <run>');
  assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /Geometry/);
  assert.match(svg, /test &lt;run&gt;/);
  assert.equal((svg.match(/<rect /g) ?? []).length, 1 + 2 * (1 + 2 + 2));
});

test('eval math: failed samples are recorded, a rerun resumes and retries only them', async () => {
  let broken = true;
  const server = await startFlakyLmServer((prompt) => {
    if (broken && prompt.includes('2+2')) return { kind: 'garbage' };
    if (broken && prompt.includes('3+3')) return { kind: 'late', ms: 2500 };
    const n = Number(/What is (\d)\+/.exec(prompt)?.[1] ?? 0);
    return { kind: 'text', text: `Adding gives \\boxed{${prompt.includes('1+1') ? 2 : n * 2 + 1}}.` };
  });
  try {
    const model = createOpenAiBackend({ baseUrl: `${server.url}/v1`, model: 'flaky', maxRetries: 0 });
    const outDir = path.join(dir, 'run');
    const options = { model, problems, samples: 2, temperature: 0.6, maxTokens: 64, template: 'qwen-boxed' as const, grader: 'prm800k' as const, outDir, dataset: 'tiny', seed: 0, concurrency: 2, timeoutMs: 800 };
    const first = await runMathEval(options);
    assert.equal(first.run.drawn, 2);
    assert.equal(first.run.failed, 4);
    assert.equal(first.scoredProblems, 1);
    const failed = (await fs.readFile(first.files.samples, 'utf8')).trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.error);
    assert.deepEqual(new Set(failed.map((l) => l.error.code)).size >= 1, true);

    broken = false;
    const requestsBefore = server.requests;
    const second = await runMathEval(options);
    assert.equal(server.requests - requestsBefore, 4, 'only the failed samples are drawn again');
    assert.equal(second.run.resumed, 2);
    assert.equal(second.run.failed, 0);
    assert.equal(second.overall.accuracy, 1 / 3); // only 1+1 is answered right
    assert.deepEqual(second.bySubject.map((g) => g.accuracy), [0.5, 0]);
    const summary = JSON.parse(await fs.readFile(second.files.summary, 'utf8'));
    assert.equal(summary.overall.accuracy, second.overall.accuracy);
    assert.match(await fs.readFile(second.files.plot, 'utf8'), /Accuracy by level/);

    await assert.rejects(runMathEval({ ...options, temperature: 0.2 }), /other settings/);
  } finally {
    await server.close();
  }
});
