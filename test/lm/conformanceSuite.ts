import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import type { LanguageModel } from '../../src/lm/types.js';
import { chatMlPrompt } from './tinyModelFixture.js';

/** What the suite knows about the model behind the backend (a tiny GGUF written by the test). */
export interface ConformanceModel {
  embeddingWidth: number;
}

const PROMPT = 'The river runs through the valley';

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<LmscopeError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(LmscopeError.isInstance(caught), `expected an LmscopeError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code);
  return caught;
}

/**
 * One suite every LanguageModel backend runs (the llama backend directly, the openai backend through
 * `lmscope lm serve`'s app), so both keep the same contract.
 */
export function runConformanceSuite(name: string, getModel: () => LanguageModel, info: ConformanceModel): void {
  const lm = (): LanguageModel => getModel();

  test(`${name}: complete stops at maxTokens, counted in model tokens`, async () => {
    const result = await lm().complete({ prompt: PROMPT, maxTokens: 12, temperature: 0 });
    assert.equal(result.finishReason, 'length');
    assert.equal(result.usage.completionTokens, 12);
    assert.ok(result.usage.promptTokens >= (await lm().countTokens(PROMPT)));
    assert.ok(result.text.length > 0);
    assert.ok((await lm().countTokens(result.text)) <= 12);
  });

  test(`${name}: maxTokens 0 generates nothing`, async () => {
    const result = await lm().complete({ prompt: PROMPT, maxTokens: 0 });
    assert.equal(result.text, '');
    assert.equal(result.usage.completionTokens, 0);
  });

  test(`${name}: a stop string ends the text where it first occurs`, async () => {
    const full = (await lm().complete({ prompt: PROMPT, maxTokens: 24, temperature: 0 })).text;
    const stop = full.slice(Math.floor(full.length / 2), Math.floor(full.length / 2) + 2);
    const stopped = await lm().complete({ prompt: PROMPT, maxTokens: 24, temperature: 0, stop: [stop] });
    assert.equal(stopped.finishReason, 'stop');
    assert.equal(stopped.text, full.slice(0, full.indexOf(stop)));
  });

  test(`${name}: sampling with a seed repeats; other seeds differ`, async () => {
    const run = (seed: number) => lm().complete({ prompt: PROMPT, maxTokens: 16, temperature: 1, seed });
    const first = await run(3);
    assert.equal((await run(3)).text, first.text);
    const others = new Set<string>([first.text]);
    for (const seed of [4, 5, 6]) others.add((await run(seed)).text);
    assert.ok(others.size >= 2, 'different seeds gave the same text every time');
  });

  test(`${name}: logprobs are <= 0 with sorted alternatives, one per generated token`, async () => {
    const result = await lm().complete({ prompt: PROMPT, maxTokens: 10, temperature: 0, logprobs: 3 });
    const tokens = result.tokens ?? assert.fail('no tokens returned');
    assert.equal(tokens.length, result.usage.completionTokens);
    assert.equal(tokens.map((t) => t.token).join(''), result.text);
    for (const t of tokens) {
      assert.ok(t.logprob <= 0 && Number.isFinite(t.logprob));
      const top = t.top ?? assert.fail('no alternatives');
      assert.equal(top.length, 3);
      for (let i = 1; i < top.length; i++) assert.ok(top[i - 1]!.logprob >= top[i]!.logprob);
      // Greedy picks the most likely token.
      assert.equal(t.token, top[0]!.token);
      assert.ok(Math.abs(t.logprob - top[0]!.logprob) < 1e-6);
    }
    assert.deepEqual(result.warnings, []);
  });

  test(`${name}: scoring a greedy continuation gives the logprobs generation gave`, async () => {
    const generated = await lm().complete({ prompt: PROMPT, maxTokens: 10, temperature: 0, logprobs: 0 });
    const tokens = generated.tokens ?? assert.fail('no tokens returned');
    const score = await lm().score({ prompt: PROMPT, continuation: generated.text });
    assert.deepEqual(score.warnings, []);
    assert.deepEqual(score.tokenLogprobs.map((t) => t.token), tokens.map((t) => t.token));
    const sum = tokens.reduce((s, t) => s + t.logprob, 0);
    assert.ok(Math.abs(score.logprob - sum) < 1e-2, `score ${score.logprob} vs generation ${sum}`);
    // A continuation the model would not choose scores lower than its own greedy one.
    const other = await lm().score({ prompt: PROMPT, continuation: generated.text.split('').reverse().join('') });
    assert.ok(other.logprob < score.logprob);
  });

  test(`${name}: a prompt that extends the previous one continues it exactly`, async () => {
    const whole = await lm().complete({ prompt: PROMPT, maxTokens: 16, temperature: 0 });
    await lm().complete({ prompt: 'Something else entirely', maxTokens: 4, temperature: 0 });
    const head = await lm().complete({ prompt: PROMPT, maxTokens: 8, temperature: 0 });
    const tail = await lm().complete({ prompt: PROMPT + head.text, maxTokens: 8, temperature: 0 });
    assert.equal(head.text + tail.text, whole.text);
  });

  test(`${name}: chat applies the model's chat template`, async () => {
    const messages = [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Tell me about the sea.' }];
    const chat = await lm().chat({ messages, maxTokens: 8, temperature: 0 });
    const raw = await lm().complete({ prompt: chatMlPrompt(messages), maxTokens: 8, temperature: 0 });
    assert.equal(chat.text, raw.text);
    assert.equal(chat.usage.promptTokens, raw.usage.promptTokens);
    assert.ok(chat.text.length > 0);
  });

  test(`${name}: embeddings have the model's width`, async () => {
    const { embeddings, warnings } = await lm().embed({ texts: ['the sea', 'a long walk to the hill'] });
    assert.deepEqual(warnings, []);
    assert.equal(embeddings.length, 2);
    for (const e of embeddings) {
      assert.equal(e.length, info.embeddingWidth);
      assert.ok(e.every(Number.isFinite));
    }
    assert.notDeepEqual(embeddings[0], embeddings[1]);
  });

  test(`${name}: countTokens agrees with tokenize`, async () => {
    const count = await lm().countTokens('the sea and the river');
    const tokenized = await lm().tokenize?.({ text: 'the sea and the river' });
    assert.ok(count > 0 && count < 'the sea and the river'.length);
    assert.equal(tokenized?.tokens?.length, count);
    assert.equal(tokenized?.exact, true);
  });

  test(`${name}: an aborted signal cancels the call`, async () => {
    const error = await rejectsWith(lm().complete({ prompt: PROMPT, maxTokens: 50, signal: AbortSignal.abort() }), 'lm_aborted');
    assert.equal(error.isRetryable, false);
  });

  test(`${name}: a timeout gives a retryable error`, async () => {
    const error = await rejectsWith(lm().complete({ prompt: PROMPT, maxTokens: 200, temperature: 1, timeoutMs: 1 }), 'lm_timeout');
    assert.equal(error.isRetryable, true);
    // The backend still works afterwards.
    assert.equal((await lm().complete({ prompt: PROMPT, maxTokens: 2 })).usage.completionTokens, 2);
  });

  test(`${name}: bad sampling options are refused as bad input`, async () => {
    const error = await rejectsWith(lm().complete({ prompt: PROMPT, maxTokens: -1 }), 'bad_input');
    assert.equal(error.status, 400);
    await rejectsWith(lm().complete({ prompt: PROMPT, topP: 0 }), 'bad_input');
    await rejectsWith(lm().chat({ messages: [] }), 'bad_input');
  });
}
