import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gradeAnswer } from '../../src/rewards/grader/index.js';
import { repoPath } from './repoPaths.js';

interface GraderCase {
  gold: string;
  pred: string;
  expected: boolean;
  category: string;
}

const cases: GraderCase[] = readFileSync(repoPath('test', 'fixtures', 'rewards', 'grader_cases.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as GraderCase);

test('the broad case set covers every category with equivalences and non-equivalences', () => {
  assert.ok(cases.length >= 300, `only ${cases.length} cases`);
  const categories = new Set(cases.map((c) => c.category));
  for (const required of ['integer', 'decimal', 'fraction', 'mixed_number', 'percent', 'scientific', 'radical', 'pi', 'degrees', 'units_text',
    'sign_spacing', 'left_right', 'thousands', 'interval', 'tuple', 'set', 'matrix', 'equation', 'inequality', 'multiple_answers', 'symbolic', 'extraction']) {
    assert.ok(categories.has(required), `no cases for ${required}`);
  }
  assert.ok(cases.filter((c) => !c.expected).length >= 60, 'too few non-equivalences');
});

test('the grader agrees with at least 95% of the expected verdicts', () => {
  const failures: string[] = [];
  const byCategory = new Map<string, { ok: number; total: number }>();
  for (const c of cases) {
    const result = gradeAnswer(c.gold, c.pred);
    const stats = byCategory.get(c.category) ?? { ok: 0, total: 0 };
    stats.total++;
    if (result.equal === c.expected) stats.ok++;
    else failures.push(`[${c.category}] expected ${c.expected}: gold ${JSON.stringify(c.gold)} pred ${JSON.stringify(c.pred)} -> ${result.gold.normalized} vs ${result.pred.normalized}`);
    byCategory.set(c.category, stats);
  }
  const agreement = (cases.length - failures.length) / cases.length;
  const summary = [...byCategory].map(([name, s]) => `${name} ${s.ok}/${s.total}`).join(', ');
  if (failures.length) console.log(`grader disagreements (${failures.length}):\n${failures.join('\n')}`);
  console.log(`grader agreement ${(agreement * 100).toFixed(1)}% over ${cases.length} cases (${summary})`);
  assert.ok(agreement >= 0.95, `agreement ${(agreement * 100).toFixed(1)}% is below 95%:\n${failures.join('\n')}`);
});
