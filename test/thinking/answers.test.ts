import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerSection, extractFinalAnswer, lastBoxed } from '../../src/thinking/answers.js';
import { gradeMathAnswer } from '../../src/thinking/grade.js';

describe('answer extraction (s1 harness rules)', () => {
  it('keeps the text after the last answer marker', () => {
    assert.equal(answerSection('<|im_start|>think\nx<|im_start|>answer\nAnswer: 5'), 'Answer: 5');
    assert.equal(answerSection('<|im_start|>think\nfirst line\nrest'), 'first line\nrest');
    assert.equal(answerSection('plain text'), 'plain text');
  });

  it('takes the last brace-matched boxed answer, else the last Answer: line', () => {
    assert.equal(lastBoxed('\\boxed{1} then \\boxed{\\frac{1}{2}}'), '\\frac{1}{2}');
    assert.equal(lastBoxed('\\boxed{unclosed'), null);
    assert.equal(extractFinalAnswer('Final Answer: \\boxed{23}'), '23');
    assert.equal(extractFinalAnswer('Answer: 12\nsome words\nFinal Answer: $7$.\nbecause'), '7');
    assert.equal(extractFinalAnswer('Final Answer:\n\n 42'), '42');
    assert.equal(extractFinalAnswer('no answer here'), null);
  });

  it('grades digit strings as integers and the rest with the math grader', () => {
    assert.equal(gradeMathAnswer('023', '23'), true);
    assert.equal(gradeMathAnswer('24', '23'), false);
    assert.equal(gradeMathAnswer('\\dfrac{1}{2}', '\\frac12'), true);
    assert.equal(gradeMathAnswer('0.5', '\\frac{1}{2}'), true);
    assert.equal(gradeMathAnswer('x+1', '1+x'), true);
    assert.equal(gradeMathAnswer('3', '\\frac{1}{2}'), false);
  });
});
