import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCodeReasoning, detectCode, mentionsPython } from '../../src/rewards/index.js';

const fenced = 'Let me compute.\n```python\nfrom math import comb\nprint(comb(5, 2))\n```\nSo the answer is \\boxed{10}.';
const mention = 'I could write a Python script, but by hand: 5 choose 2 is \\boxed{10}.';
const unfencedCode = 'We can do it with code:\ntotal = 0\nfor i in range(10):\n    total += i\nprint(total)\nThe sum is 45.';
const mathOnly = 'We have $x = 2$ and $y = 3$, so $x + y = \\boxed{5}$.\nLet a = 3 be given in words.';

test('the paper\'s metric: the lower-cased response mentions "python"', () => {
  assert.equal(mentionsPython(fenced), true);
  assert.equal(mentionsPython(mention), true);
  assert.equal(mentionsPython(unfencedCode), false);
  assert.equal(mentionsPython(mathOnly), false);
});

test('the strict detector: fenced code or two code-like lines, not LaTeX', () => {
  assert.equal(detectCode(fenced), 'fenced');
  assert.equal(detectCode(mention), null);
  assert.equal(detectCode(unfencedCode), 'lines');
  assert.equal(detectCode(mathOnly), null);
  assert.equal(detectCode('```\n$x = 1$\n```'), null);
});

test('both rates side by side, with examples of each disagreement and accuracy split', () => {
  const report = analyzeCodeReasoning([
    { response: fenced, id: 'a', correct: true },
    { response: mention, id: 'b', correct: false },
    { response: unfencedCode, id: 'c', correct: true },
    { response: mathOnly, id: 'd', correct: false },
  ]);
  assert.equal(report.responses, 4);
  assert.deepEqual(report.paper, { count: 2, rate: 0.5 });
  assert.equal(report.strict.count, 2);
  assert.deepEqual(report.overlap, { both: 1, paperOnly: 1, strictOnly: 1, neither: 1 });
  assert.equal(report.examples.paperOnly[0]!.id, 'b');
  assert.match(report.examples.paperOnly[0]!.snippet, /Python script/);
  assert.equal(report.examples.strictOnly[0]!.id, 'c');
  assert.deepEqual(report.accuracy, { withCode: 0.5, withoutCode: 0.5 });
  assert.equal(analyzeCodeReasoning([]).paper.rate, 0);
});
