// Budget forcing on real tiny GGUF models, through both backends: embedded llama.cpp and the
// OpenAI-compatible server. Assertions use the tokens the backend reports it generated.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LanguageModel } from '../../src/lm/types.js';
import { autoThinkingBudget } from '../../src/thinking/budget.js';
import { thinkWithBudget, type ThinkResult } from '../../src/thinking/budgetForcing.js';
import { formatPrompt, resolveTemplate } from '../../src/thinking/templates.js';
import { EOS_AFTER, openTinyBackends, recording, type TinyBackends } from './tinyModels.js';

// s1's delimiters around a short raw prompt, so the tiny context (256 tokens) has room to think.
const template = resolveTemplate('s1', { promptFormat: '{question}\n' });
const question = 'Q: 2+2?';
const base = { question, template, temperature: 0, maxAnswerTokens: 6 };

let tiny: TinyBackends;
before(async () => {
  tiny = await openTinyBackends();
});
after(async () => {
  await tiny?.close();
});

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Thinking calls are the ones before the answer call (the last). */
function thinkingCalls(calls: { request: { maxTokens?: number; prompt: string }; result: { usage: { completionTokens: number }; finishReason: string } }[]) {
  return calls.slice(0, -1);
}

for (const backend of ['llama', 'openai'] as const) {
  describe(`budget forcing on tiny models (${backend} backend)`, () => {
    const endless = (): LanguageModel => tiny.endless[backend];
    const stopping = (): LanguageModel => tiny.stopping[backend];

    it('never thinks past the maximum and forces the answer when it is reached', async () => {
      for (const max of [1, 9, 23]) {
        const model = recording(endless());
        const result = await thinkWithBudget(model, { ...base, maxThinking: max });
        assert.equal(result.thinkingTokens, max, `max ${max}`);
        assert.equal(result.endedBy, 'budget');
        assert.equal(result.rounds, 1);
        const generated = thinkingCalls(model.calls).reduce((n, c) => n + c.result.usage.completionTokens, 0);
        assert.equal(generated, max, 'the backend generated exactly the budget');
        assert.deepEqual(result.interventions.map((i) => [i.kind, i.tokenPosition]), [['force_answer', max]]);
        const answerCall = model.calls.at(-1)!;
        assert.ok(answerCall.request.prompt.endsWith('<|im_start|>answer\nFinal Answer:'), 'the answer is generated after the forced end');
        assert.ok(result.text.includes(`${result.thinking}${result.thinking.endsWith('\n') ? '' : '\n'}<|im_start|>answer\nFinal Answer:${result.answer}`));
        assert.ok(result.answerTokens > 0 && result.answerTokens <= 6);
      }
    });

    it('appends the extension exactly K times when the model stops early', async () => {
      for (const k of [0, 1, 3]) {
        const result = await thinkWithBudget(stopping(), { ...base, maxThinking: 150, wait: k, extension: 'Wait' });
        assert.equal(result.endedBy, 'model', `the model ends thinking itself (K=${k})`);
        assert.equal(result.rounds, k + 1);
        assert.equal(occurrences(result.thinking, 'Wait'), k);
        assert.deepEqual(result.interventions.map((i) => i.kind), Array(k).fill('extend'));
        assert.ok(result.text.includes(`${result.thinking}<|im_start|>answer`), 'a natural end gets the plain end marker');
      }
    });

    it('counts one budget across rounds', async () => {
      const max = EOS_AFTER + 16;
      const model = recording(stopping());
      const result: ThinkResult = await thinkWithBudget(model, { ...base, maxThinking: max, wait: 100, extension: 'Wait' });
      const calls = thinkingCalls(model.calls);
      const extensionTokens = await model.countTokens('Wait');
      assert.ok(calls.length >= 3, `several rounds (${calls.length})`);
      let used = 0;
      for (const call of calls) {
        assert.equal(call.request.maxTokens, max - used, 'each round may use only what is left');
        assert.ok(call.result.usage.completionTokens <= call.request.maxTokens!);
        used += call.result.usage.completionTokens;
        if (call !== calls.at(-1)) used += extensionTokens;
      }
      assert.equal(result.thinkingTokens, used);
      assert.ok(result.thinkingTokens <= max);
      assert.ok(result.thinkingTokens > max - 1 - extensionTokens, `the budget is used up (${result.thinkingTokens} of ${max})`);
    });

    it('extends thinking that ends before the minimum', async () => {
      const min = EOS_AFTER + 10;
      const result = await thinkWithBudget(stopping(), { ...base, maxThinking: 150, minThinking: min, extension: 'Wait' });
      assert.ok(result.thinkingTokens >= min, `${result.thinkingTokens} ≥ ${min}`);
      assert.ok(result.interventions.length >= 1);
      for (const i of result.interventions) assert.ok(i.kind === 'extend' && i.tokenPosition < min);
      assert.equal(result.endedBy, 'model');
    });

    it('resolves the auto budget from the generation limit', async () => {
      const expected = await autoThinkingBudget(endless(), template, formatPrompt(template, question), 140);
      const result = await thinkWithBudget(endless(), { ...base, maxThinking: 'auto', maxGenTokens: 140 });
      assert.equal(result.budget.maxThinking, expected);
      assert.equal(result.thinkingTokens, expected);
    });

    it('works with the <think> form', async () => {
      const tags = resolveTemplate('think-tags', { promptFormat: '{question}\n' });
      const result = await thinkWithBudget(endless(), { ...base, template: tags, maxThinking: 12 });
      assert.equal(result.thinkingTokens, 12);
      assert.ok(result.text.startsWith('<think>\n'));
      assert.ok(result.text.includes('</think>\n\nFinal Answer:'));
    });
  });
}

describe('both backends agree', () => {
  it('gives the same greedy result through llama and the OpenAI-compatible server', async () => {
    const request = { ...base, maxThinking: 60, wait: 2, extension: 'Wait' };
    const viaLlama = await thinkWithBudget(tiny.stopping.llama, request);
    const viaServer = await thinkWithBudget(tiny.stopping.openai, request);
    assert.deepEqual(viaServer, viaLlama);
  });
});
