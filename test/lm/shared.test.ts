import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { toFloat16Bits } from '../../src/lm/gguf/ggufWriter.js';
import { fromFloat16Bits } from '../../src/lm/gguf/ggufReader.js';
import { sampleToken, topAlternatives } from '../../src/lm/llama/llamaSampling.js';
import { createCallScope } from '../../src/lm/shared/callScope.js';
import { createRandom } from '../../src/lm/shared/random.js';
import { checkSampling } from '../../src/lm/shared/requestChecks.js';
import { createSemaphore } from '../../src/lm/shared/semaphore.js';
import { findStop } from '../../src/lm/shared/stopStrings.js';

test('seeded random numbers repeat per seed and look uniform', () => {
  const a = createRandom(42);
  const b = createRandom(42);
  const c = createRandom(43);
  const draws = Array.from({ length: 1000 }, () => a.next());
  assert.deepEqual(Array.from({ length: 1000 }, () => b.next()), draws);
  assert.notEqual(c.next(), draws[0]);
  const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05);
  const normals = Array.from({ length: 2000 }, () => a.normal());
  const variance = normals.reduce((s, x) => s + x * x, 0) / normals.length;
  assert.ok(Math.abs(variance - 1) < 0.15);
});

test('sampling follows temperature and top-p', () => {
  const probabilities = new Map([[7, 0.6], [3, 0.3], [9, 0.1]]);
  const rng = createRandom(1);
  assert.equal(sampleToken(probabilities, { temperature: 0, topP: 1 }, rng), 7);
  for (let i = 0; i < 50; i++) assert.equal(sampleToken(probabilities, { temperature: 1, topP: 0.5 }, rng), 7);
  const counts = new Map<number, number>();
  for (let i = 0; i < 4000; i++) {
    const token = sampleToken(probabilities, { temperature: 1, topP: 1 }, rng);
    counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  assert.ok(Math.abs(counts.get(7)! / 4000 - 0.6) < 0.04);
  assert.ok(Math.abs(counts.get(9)! / 4000 - 0.1) < 0.03);
  // A low temperature sharpens the distribution towards the top token.
  let top = 0;
  for (let i = 0; i < 1000; i++) if (sampleToken(probabilities, { temperature: 0.25, topP: 1 }, rng) === 7) top++;
  assert.ok(top > 900);
  assert.deepEqual(topAlternatives(probabilities, 2, (t) => `t${t}`).map((a) => a.token), ['t7', 't3']);
});

test('the earliest stop string wins', () => {
  assert.equal(findStop('abc</think>def END', ['END', '</think>']), 3);
  assert.equal(findStop('abc', ['x', '']), -1);
  assert.equal(findStop('a.b.c', ['.'], 2), 3);
});

test('a semaphore never runs more than its limit and lets waiters give up', async () => {
  const semaphore = createSemaphore(2);
  let running = 0;
  let peak = 0;
  const gates: (() => void)[] = [];
  const task = () =>
    semaphore.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
    });
  const tasks = [task(), task(), task(), task()];
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(semaphore.active, 2);
  assert.equal(semaphore.waiting, 2);
  const controller = new AbortController();
  const giveUp = semaphore.run(async () => 'never', controller.signal);
  controller.abort(new Error('gave up'));
  await assert.rejects(giveUp, /gave up/);
  assert.equal(semaphore.waiting, 2);
  while (gates.length > 0 || semaphore.active > 0) {
    gates.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(tasks);
  assert.equal(peak, 2);
});

test('a call scope turns a timeout or an abort into typed errors', async () => {
  const timed = createCallScope('test call', { timeoutMs: 5 });
  const keepAlive = setInterval(() => undefined, 1000); // the scope's timer does not hold the process open
  await new Promise((resolve) => timed.signal.addEventListener('abort', resolve, { once: true }));
  clearInterval(keepAlive);
  assert.throws(() => timed.throwIfStopped(), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'lm_timeout' && e.isRetryable);
  timed.dispose();
  const aborted = createCallScope('test call', { signal: AbortSignal.abort() });
  assert.equal(aborted.stoppedError()?.code, 'lm_aborted');
  aborted.dispose();
});

test('sampling options are checked with the allowed range in the message', () => {
  assert.deepEqual(checkSampling({}, 16), { maxTokens: 16, stop: [], temperature: 1, topP: 1, seed: undefined, logprobs: undefined });
  assert.equal(checkSampling({ stop: ['', 'x'] }, undefined).maxTokens, undefined);
  assert.deepEqual(checkSampling({ stop: ['', 'x'] }, undefined).stop, ['x']);
  for (const bad of [{ maxTokens: 1.5 }, { temperature: -1 }, { topP: 2 }, { logprobs: 21 }, { seed: 0.5 }, { timeoutMs: 0 }]) {
    assert.throws(() => checkSampling(bad, 16), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'bad_input' && e.status === 400);
  }
});

test('half-precision conversion rounds to the nearest representable value', () => {
  for (const v of [0, 1, -2, 0.1, 65504, 6.1e-5, 1e-7, -3.14159]) {
    const back = fromFloat16Bits(toFloat16Bits(v));
    assert.ok(Math.abs(back - v) <= Math.abs(v) * 1e-3 + 6e-8, `${v} -> ${back}`);
  }
  assert.equal(fromFloat16Bits(toFloat16Bits(1e6)), Infinity);
});
