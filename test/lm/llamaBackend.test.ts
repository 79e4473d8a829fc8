import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { TINY_CORPUS } from '../../src/lm/gguf/tinyCorpus.js';
import { buildTinyVocabulary } from '../../src/lm/gguf/index.js';
import { createLlamaBackend } from '../../src/lm/llama/index.js';
import { generateTokens } from '../../src/lm/llama/llamaGeneration.js';
import { resolveLlamaSettings } from '../../src/lm/llama/llamaOptions.js';
import { loadLlamaRuntime, type LlamaRuntime } from '../../src/lm/llama/llamaRuntime.js';
import { createCallScope } from '../../src/lm/shared/callScope.js';
import { checkSampling } from '../../src/lm/shared/requestChecks.js';
import { LmscopeError } from '../../src/core/errors.js';
import { writeTinyModelFixture, type TinyModelFixture } from './tinyModelFixture.js';

// llama-only behaviour, on a tiny model whose end tokens become likely after about 24 tokens.
let fixture: TinyModelFixture;
let rt: LlamaRuntime;

before(async () => {
  fixture = await writeTinyModelFixture({ seed: 4, eosAfter: 24 });
  rt = await loadLlamaRuntime(resolveLlamaSettings({ modelPath: fixture.out, threads: 1 }));
});

after(async () => {
  await rt?.dispose();
  await fixture?.remove();
});

const greedy = (maxTokens: number) => checkSampling({ maxTokens, temperature: 0 }, undefined);
const noStops = { text: [], tokens: [] };
const scope = () => createCallScope('test', {});

test('llama.cpp tokenizes with the merges the writer learned', () => {
  const vocab = buildTinyVocabulary(TINY_CORPUS, 400);
  const tokens = rt.model.tokenize('The sea and the sun', true);
  assert.deepEqual([...tokens], ['The', 'Ġsea', 'Ġand', 'Ġthe', 'Ġsun'].map((t) => vocab.tokens.indexOf(t)));
  assert.equal(rt.model.detokenize(rt.model.tokenize(TINY_CORPUS, true), false), TINY_CORPUS);
});

test('eosAfter makes generation end on its own after about that many tokens', async () => {
  const result = await generateTokens(rt, rt.promptTokens('The sea'), greedy(200), noStops, scope());
  assert.equal(result.finishReason, 'stop');
  const length = result.usage.promptTokens + result.usage.completionTokens;
  assert.ok(length >= 24 && length <= 72, `ended after ${length} tokens`);
});

test('a prompt that extends the cached one evaluates only the new tokens', async () => {
  // Tokens put through the model so far (node-llama-cpp meters prompt and fed-back tokens apart).
  const evaluatedSoFar = () => rt.sequence.tokenMeter.usedInputTokens + rt.sequence.tokenMeter.usedOutputTokens;
  const prompt = rt.promptTokens('The library was quiet and');
  const first = await generateTokens(rt, prompt, greedy(6), noStops, scope());
  const extended = rt.promptTokens(`The library was quiet and${first.text} Wait,`);
  const before = evaluatedSoFar();
  await generateTokens(rt, extended, greedy(2), noStops, scope());
  // The cached prefix (prompt + first generation) is kept: only the tokens after it are evaluated.
  const evaluated = evaluatedSoFar() - before;
  assert.ok(evaluated <= extended.length - prompt.length, `evaluated ${evaluated} tokens for a ${extended.length}-token prompt`);
  const unrelated = rt.promptTokens('Numbers help us measure things and');
  const beforeFresh = evaluatedSoFar();
  await generateTokens(rt, unrelated, greedy(1), noStops, scope());
  assert.ok(evaluatedSoFar() - beforeFresh >= unrelated.length - 1, 'an unrelated prompt must be evaluated afresh (all but BOS)');
});

test('a prompt longer than the context is refused before evaluation', async () => {
  const long = rt.promptTokens('the sea '.repeat(300));
  await assert.rejects(generateTokens(rt, long, greedy(1), noStops, scope()), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'lm_context_overflow');
});

test('a missing or broken model file gets an error that says what to check', async () => {
  await assert.rejects(createLlamaBackend({ modelPath: `${fixture.out}.missing` }), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'lm_model_not_found');
  await assert.rejects(createLlamaBackend({ modelPath: fixture.out, contextSize: 0 }), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'bad_input');
  const notAModel = path.join(path.dirname(fixture.out), 'notes.gguf');
  await fs.writeFile(notAModel, 'these are notes, not a model');
  await assert.rejects(createLlamaBackend({ modelPath: notAModel }), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'lm_model_invalid');
});
