import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { parseEvalInput } from '../../src/thinking/evalRequest.js';
import { planSettings } from '../../src/thinking/methods.js';
import { parseThinkInput, parseTemplateInput } from '../../src/thinking/request.js';
import { BUILTIN_TEMPLATES } from '../../src/thinking/templates.js';

const field = (f: string) => (e: unknown) => LmscopeError.isInstance(e) && e.where?.field === f;

describe('request parsing', () => {
  it('resolves built-in, overridden and custom templates', () => {
    assert.deepEqual(parseTemplateInput({}), BUILTIN_TEMPLATES.s1);
    assert.equal(parseTemplateInput({ template: 'think-tags' }).thinkEnd, '</think>');
    const custom = parseTemplateInput({ template: { thinkStart: '[T]', thinkEnd: '[/T]', promptFormat: 'Q {question} A' } });
    assert.equal(custom.name, 'custom');
    assert.deepEqual(custom.thinkStop, ['[/T]'], 'a custom end marker also ends thinking');
    const overridden = parseTemplateInput({ template: 'r1', promptFormat: '{question}' });
    assert.equal(overridden.name, 'r1');
    assert.equal(overridden.promptFormat, '{question}');
    assert.throws(() => parseTemplateInput({ template: 'custom' }), field('template'));
    assert.throws(() => parseTemplateInput({ template: 's1', promptFormat: 'no placeholder' }), field('promptFormat'));
    assert.throws(() => parseTemplateInput({ template: 5 }), field('template'));
  });

  it('checks each budget field', () => {
    const ok = parseThinkInput({ prompt: 'q', maxThinking: 'auto', wait: 2, temperature: 0.7 });
    assert.equal(ok.question, 'q');
    assert.equal(ok.maxThinking, 'auto');
    assert.throws(() => parseThinkInput({ question: 'q', maxThinking: 0 }), field('maxThinking'));
    assert.throws(() => parseThinkInput({ question: 'q', maxThinking: 5, wait: 1.5 }), field('wait'));
    assert.throws(() => parseThinkInput({ question: 'q', maxThinking: 5, topP: 2 }), field('topP'));
  });

  it('turns an evaluation request into settings', () => {
    const input = parseEvalInput({ data: 'aime24', methods: 'bf,tcc,ccc,rs,parallel', budgets: '512,1024', waits: '0,2', samples: 4 });
    const settings = planSettings(input);
    assert.deepEqual(settings.map((s) => `${s.method}:${s.label}`), [
      'bf:max=512,wait=0', 'bf:max=512,wait=2', 'bf:max=1024,wait=0', 'bf:max=1024,wait=2',
      'tcc:N=512', 'tcc:N=1024', 'ccc:short', 'ccc:long', 'rs:budget=512', 'rs:budget=1024', 'parallel:n=4',
    ]);
    assert.equal(settings.find((s) => s.method === 'rs')!.budget.maxThinking, 513, 'rs generates budget + 1 to spot over-long samples');
    assert.ok(settings.find((s) => s.method === 'tcc')!.questionSuffix.endsWith('Think for up to 512 tokens.'));
    assert.throws(() => parseEvalInput({ data: 'aime24', methods: 'bf,magic' }), field('methods'));
    assert.throws(() => parseEvalInput({ data: 'aime24', budgets: '512,x' }), field('budgets'));
    assert.throws(() => planSettings(parseEvalInput({ data: 'aime24', methods: 'rs' })), field('budgets'));
    assert.throws(() => parseEvalInput({}), field('data'));
  });
});
