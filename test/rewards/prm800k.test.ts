import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gradeAnswer, gradePrm800k, mathdNormalize, qwenExtractAnswer, stripString } from '../../src/rewards/grader/index.js';

test('PRM800K: equal strings after Hendrycks normalization', () => {
  assert.equal(mathdNormalize('\\dfrac{1}{2}'), '\\frac{1}{2}');
  assert.equal(mathdNormalize('x = 5'), '5');
  assert.equal(mathdNormalize('\\sqrt3'), '\\sqrt{3}');
  assert.equal(gradePrm800k('\\left( 3, \\frac{\\pi}{2} \\right)', '(3,\\frac{\\pi}{2})').equal, true);
});

test('PRM800K: unreduced fractions are wrong, reduced ones right', () => {
  assert.equal(gradePrm800k('2/4', '1/2').equal, false);
  assert.equal(gradePrm800k('\\frac{2}{4}', '\\frac{1}{2}').equal, false);
  assert.equal(gradePrm800k('\\frac{1}{2}', '1/2').equal, true);
});

test('PRM800K: an integer answer must be an integer', () => {
  assert.equal(gradePrm800k('4.0', '4').equal, true);
  assert.equal(gradePrm800k('\\sqrt{16}', '4').equal, false);
  assert.equal(gradePrm800k('1,000', '1000').equal, true);
});

test('PRM800K: tuples need the same delimiters and length; elements compare by value', () => {
  assert.equal(gradePrm800k('(1, \\sqrt{4})', '(1,2)').equal, false); // 2 is an integer, sqrt{4} is not written as one
  assert.equal(gradePrm800k('[1, 0.5]', '[1,\\frac{1}{2}]').equal, true);
  // Parentheses inside an element stop the split, and whole tuples never simplify (as in the original).
  assert.equal(gradePrm800k('(1, 2\\sqrt{2})', '(1,\\sqrt{8})').equal, false);
  assert.equal(gradePrm800k('[1, 2]', '(1,2)').equal, false);
  assert.equal(gradePrm800k('(1,2,3)', '(1,2)').equal, false);
});

test('PRM800K: the simplify step is skipped for more than two unknown letters or a power of a parenthesis', () => {
  assert.equal(gradePrm800k('x + y', 'y + x').equal, true);
  assert.equal(gradePrm800k('a + b + c', 'c + b + a').equal, false);
  assert.equal(gradePrm800k('x^{2}+2x+1', '(x+1)^2').equal, true); // braces are dropped before the guard
  assert.equal(gradePrm800k('x^{2}+2x+1', '(x+1)^(2)').equal, false);
});

test('PRM800K: units, dollars, percent and degrees are dropped', () => {
  assert.equal(gradePrm800k('10 \\text{ inches}', '10').equal, true);
  assert.equal(gradePrm800k('\\$18.90', '18.90').equal, true);
  assert.equal(gradePrm800k('30\\%', '30').equal, true);
  assert.equal(gradePrm800k('90^\\circ', '90').equal, true);
  assert.equal(gradePrm800k('', '5').equal, false);
});

test('Qwen extraction follows the paper\'s order: Minerva, last boxed, "he answer is", last number', () => {
  assert.equal(qwenExtractAnswer('The final answer is $7$. I hope it is correct. \\boxed{8}'), '7');
  assert.equal(qwenExtractAnswer('x \\boxed{1} and \\boxed{\\dfrac{2}{3}}'), '\\frac{2}{3}');
  assert.equal(qwenExtractAnswer('so the answer is 12.'), '12');
  assert.equal(qwenExtractAnswer('we get 1,234 and -5.5 items'), '-5.5');
  assert.equal(qwenExtractAnswer('nothing'), '');
  assert.equal(stripString('x = \\frac12'), '\\frac{1}{2}');
  assert.equal(stripString('5 \\text{ cm}'), '5');
});

test('prm800k mode grades a whole response the way the paper\'s reward does', () => {
  assert.equal(gradeAnswer('\\frac{1}{2}', 'Thus \\boxed{\\dfrac{1}{2}}.', { mode: 'prm800k' }).equal, true);
  assert.equal(gradeAnswer('\\frac{1}{2}', 'Thus \\boxed{\\frac{2}{4}}.', { mode: 'prm800k' }).equal, false);
  assert.equal(gradeAnswer('\\frac{1}{2}', 'Thus \\boxed{\\frac{2}{4}}.', { mode: 'lmscope' }).equal, true);
  assert.equal(gradeAnswer('5', 'no idea', { mode: 'prm800k' }).reason, 'no_answer_in_prediction');
});
