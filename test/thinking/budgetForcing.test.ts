// Unit tests of the budget-forcing control loop against a scripted model (see scriptedModel.ts):
// the model's behaviour is fixed by the test, so each assertion checks the loop, not a model.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { autoThinkingBudget } from '../../src/thinking/budget.js';
import { cutAtStop, thinkWithBudget, type ThinkTextEvent } from '../../src/thinking/budgetForcing.js';
import { resolveTemplate } from '../../src/thinking/templates.js';
import { countWords, createScriptedModel } from './scriptedModel.js';

const template = resolveTemplate('custom', { promptFormat: 'Q: {question}\n', thinkStart: '<think>', thinkEnd: '</think>', forcedAnswerPrefix: ' Final Answer:', answerStop: ['<end>'] });

function model(segments: number[], extension = ' Wait') {
  return createScriptedModel({ thinkStart: '<think>', thinkEnd: '</think>', stopText: '</think>', segments, extension, answer: ' \\boxed{7}' });
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('budget forcing with a scripted model', () => {
  it('caps thinking at the maximum and forces the answer', async () => {
    const m = model([1000]);
    const result = await thinkWithBudget(m, { question: 'q', template, maxThinking: 10, extension: ' Wait' });
    assert.equal(result.thinkingTokens, 10);
    assert.equal(countWords(result.thinking), 10);
    assert.equal(result.endedBy, 'budget');
    assert.deepEqual(result.interventions.map((i) => [i.kind, i.tokenPosition]), [['force_answer', 10]]);
    assert.equal(result.interventions[0]!.text, '\n</think> Final Answer:');
    assert.ok(result.text.endsWith('\n</think> Final Answer: \\boxed{7}'));
    assert.equal(result.answer, ' \\boxed{7}');
    const last = m.calls.at(-1)!;
    assert.ok(last.prompt.endsWith('</think> Final Answer:'), 'the answer is generated after the forced prefix');
  });

  it('appends the extension exactly K times when the model stops early', async () => {
    for (const k of [0, 1, 2, 4]) {
      const result = await thinkWithBudget(model([3]), { question: 'q', template, maxThinking: 1000, wait: k, extension: ' Wait' });
      assert.equal(occurrences(result.thinking, ' Wait'), k, `K=${k}`);
      assert.equal(result.rounds, k + 1);
      assert.equal(result.endedBy, 'model');
      assert.deepEqual(result.interventions.map((i) => i.kind), Array(k).fill('extend'));
      // Each round writes 3 words and a stop token; each extension is 1 token.
      assert.deepEqual(result.interventions.map((i) => i.tokenPosition), Array.from({ length: k }, (_, r) => 4 * (r + 1) + r));
    }
  });

  it('keeps one remaining-budget counter across rounds', async () => {
    const m = model([4]);
    const result = await thinkWithBudget(m, { question: 'q', template, maxThinking: 13, wait: 5, extension: ' Wait' });
    // Round 1: 4 words + stop = 5; Wait -> 6; round 2 (max 7): 5 -> 11; Wait -> 12; round 3 (max 1): cut.
    const thinkingCalls = m.calls.filter((c) => !c.prompt.includes('</think>'));
    assert.deepEqual(thinkingCalls.map((c) => c.maxTokens), [13, 7, 1]);
    assert.equal(result.thinkingTokens, 13);
    assert.equal(result.endedBy, 'budget');
    assert.deepEqual(result.interventions.map((i) => i.kind), ['extend', 'extend', 'force_answer']);
  });

  it('extends until the minimum is reached, then lets the model stop', async () => {
    const result = await thinkWithBudget(model([3]), { question: 'q', template, maxThinking: 100, minThinking: 10, extension: ' Wait' });
    // 4 -> Wait 5 -> 9 -> Wait 10 -> 14 (>= 10, accepted).
    assert.equal(result.thinkingTokens, 14);
    assert.equal(occurrences(result.thinking, ' Wait'), 2);
    assert.equal(result.endedBy, 'model');
  });

  it('caps extensions for the minimum at K', async () => {
    const result = await thinkWithBudget(model([3]), { question: 'q', template, maxThinking: 100, minThinking: 50, wait: 1, extension: ' Wait' });
    assert.equal(occurrences(result.thinking, ' Wait'), 1);
    assert.equal(result.thinkingTokens, 9);
  });

  it('does not extend when the extension would use the last of the budget', async () => {
    const result = await thinkWithBudget(model([3]), { question: 'q', template, maxThinking: 5, wait: 3, extension: ' Wait' });
    assert.equal(result.thinkingTokens, 4);
    assert.equal(result.interventions.length, 0);
    assert.equal(result.endedBy, 'model');
  });

  it('stops extending when an empty extension makes no progress', async () => {
    const result = await thinkWithBudget(model([0], ''), { question: 'q', template, maxThinking: 50, minThinking: 20, extension: '' });
    assert.equal(result.endedBy, 'model');
    assert.equal(result.rounds, 1);
  });

  it('streams every piece of the assistant text in order', async () => {
    const events: ThinkTextEvent[] = [];
    const result = await thinkWithBudget(model([2]), { question: 'q', template, maxThinking: 8, wait: 3, extension: ' Wait', onText: (e) => events.push(e) });
    assert.equal(template.thinkStart + events.map((e) => e.text).join(''), result.text);
    // 2 words + stop, Wait, 2 words + stop = 7; no room for another Wait: natural end (marker).
    assert.deepEqual([...new Set(events.map((e) => e.phase))].sort(), ['answer', 'intervention', 'marker', 'thinking']);
    assert.deepEqual(events.filter((e) => e.phase === 'intervention').map((e) => e.text), [' Wait']);
  });

  it('resolves the auto budget from the generation limit', async () => {
    const m = model([3]);
    const prompt = 'Q: one two three\n';
    const budget = await autoThinkingBudget(m, template, prompt, 500);
    // 500 - prompt (4 words) - "<think>" (1) - "</think> Final Answer:" (3) - 100.
    assert.equal(budget, 500 - 4 - 1 - 3 - 100);
    const result = await thinkWithBudget(model([1000]), { question: 'one two three', template, maxThinking: 'auto', maxGenTokens: 500 });
    assert.equal(result.budget.maxThinking, budget);
    assert.equal(result.thinkingTokens, budget);
  });

  it('rejects a minimum above the maximum with the field named', async () => {
    await assert.rejects(
      thinkWithBudget(model([3]), { question: 'q', template, maxThinking: 5, minThinking: 6 }),
      (e: unknown) => LmscopeError.isInstance(e) && e.where?.field === 'minThinking' && e.status === 400,
    );
    await assert.rejects(thinkWithBudget(model([3]), { question: 'q', template, maxThinking: -1 }), (e: unknown) => LmscopeError.isInstance(e) && e.where?.field === 'maxThinking');
  });

  it('cuts a returned stop string and what follows it', () => {
    assert.equal(cutAtStop('abc</think>def', ['</think>']), 'abc');
    assert.equal(cutAtStop('abc<|im_start|>x<end>', ['<end>', '<|im_start|>']), 'abc');
    assert.equal(cutAtStop('abc', ['<end>']), 'abc');
  });
});
