import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractAnswer, gradeAnswer, parseAnswer } from '../../src/rewards/grader/index.js';

test('the last \\boxed{} wins, with nested braces kept whole', () => {
  const found = extractAnswer('first \\boxed{1} then \\boxed{\\frac{a^{2}}{b_{1}}} done');
  assert.equal(found.method, 'boxed');
  assert.equal(found.answer, '\\frac{a^{2}}{b_{1}}');
});

test('\\fbox and \\boxed without braces are answers too', () => {
  assert.equal(extractAnswer('so \\fbox{12} is it').answer, '12');
  assert.equal(extractAnswer('so $\\boxed 7$ is it').answer, '7');
});

test('"the answer is" comes before the last number, which comes last', () => {
  assert.equal(extractAnswer('We get 3 apples. The answer is 5, not 7 later').answer, '5');
  assert.equal(extractAnswer('We tried 3 then 4 and ended with 9 apples').answer, '9');
  assert.equal(extractAnswer('no numbers here at all').method, 'none');
});

test('each extraction step can be switched off', () => {
  const text = 'The answer is 5. Also \\boxed{6}. Then 7.';
  assert.equal(extractAnswer(text).answer, '6');
  assert.equal(extractAnswer(text, { boxed: false, answerPhrase: true, wholeText: true, lastMathOrNumber: true }).answer, '5');
  assert.equal(extractAnswer(text, { boxed: false, answerPhrase: false, wholeText: false, lastMathOrNumber: true }).answer, '7');
  assert.equal(extractAnswer(text, { boxed: false, answerPhrase: false, wholeText: false, lastMathOrNumber: false }).method, 'none');
});

test('both sides may be raw, delimited LaTeX or free text', () => {
  for (const gold of ['\\frac{14}{3}', '$\\frac{14}{3}$', '\\(\\frac{14}{3}\\)', '\\[\\frac{14}{3}\\]', '\\boxed{\\frac{14}{3}}', 'The answer is $14/3$.']) {
    assert.equal(gradeAnswer(gold, 'Hence $x = \\boxed{\\dfrac{14}{3}}$.').equal, true, gold);
    assert.equal(gradeAnswer(gold, 'Hence $x = \\boxed{\\dfrac{13}{3}}$.').equal, false, gold);
  }
});

test('results name what was extracted and how it was normalized', () => {
  const result = gradeAnswer('0.5', 'so \\boxed{\\tfrac12}');
  assert.equal(result.equal, true);
  assert.equal(result.pred.extracted, '\\tfrac12');
  assert.equal(result.pred.method, 'boxed');
  assert.equal(result.pred.normalized, '(1/2)');
  assert.equal(result.gold.normalized, '0.5');
});

test('an answer that is not math is compared as text, never thrown', () => {
  const parsed = parseAnswer('\\text{the midpoints form a hexagon}');
  assert.equal(parsed.readings[0]!.t, 'text');
  assert.equal(gradeAnswer('\\text{Monday}', '\\boxed{\\text{monday}}').equal, true);
  for (const odd of ['\\frac{', '}}}{{{', '\\begin{pmatrix}1 & 2', '((((((', '\\sqrt', '1/0', '0^0', `${'('.repeat(3000)}1${')'.repeat(3000)}`]) {
    assert.doesNotThrow(() => gradeAnswer(odd, odd));
    assert.doesNotThrow(() => gradeAnswer('1', odd));
  }
});

test('a missing answer in the prediction is reported, not a silent mismatch', () => {
  const result = gradeAnswer('42', 'I am not sure.');
  assert.equal(result.equal, false);
  assert.equal(result.reason, 'no_answer_in_prediction');
});
