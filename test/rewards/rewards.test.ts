import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  boxedFormatReward,
  DEFAULT_REWARD_CONTEXT,
  groupAdvantages,
  listRewards,
  r1FormatReward,
  replicateOneShot,
  resolveReward,
  scoreBatch,
  seededUniform,
  type RewardContext,
} from '../../src/rewards/index.js';

const ctx: RewardContext = { ...DEFAULT_REWARD_CONTEXT };
const score = (name: string, response: string, label?: string, context = ctx) => resolveReward(name).score({ prompt: 'What is 2+2?', response, label }, context);

test('the registry holds the six rewards of the family', () => {
  const names = listRewards().map((r) => r.name);
  for (const name of ['ground_truth', 'majority', 'format', 'random', 'incorrect', 'one_shot']) assert.ok(names.includes(name), name);
  assert.throws(() => resolveReward('nope'), /unknown reward "nope"/);
});

test('ground truth: 1 for the right answer in any spelling, 0 otherwise', () => {
  assert.equal(score('ground_truth', 'so the total is \\boxed{4}', '4').reward, 1);
  assert.equal(score('ground_truth', 'so the total is \\boxed{4.0}', '4').reward, 1);
  assert.equal(score('ground_truth', 'so the total is \\boxed{5}', '4').reward, 0);
  assert.equal(score('ground_truth', 'the answer is (B)', 'B').reward, 1);
  assert.equal(score('ground_truth', 'the answer is (C)', 'B').reward, 0);
});

test('a missing label is an error, never a silent zero', () => {
  assert.throws(() => score('ground_truth', '\\boxed{4}'), (e: Error & { code?: string }) => e.code === 'missing_label');
  const batch = scoreBatch('ground_truth', [{ prompt: 'p', response: '\\boxed{4}' }, { prompt: 'p', response: '\\boxed{4}', label: '4' }], ctx);
  assert.deepEqual(batch.rewards, [0, 1]);
  assert.equal(batch.failures, 1);
  assert.equal(batch.results[0]!.error?.code, 'missing_label');
});

test('format: the paper\'s rule, substring "boxed" with non-empty content after the last one', () => {
  assert.equal(boxedFormatReward('answer \\boxed{7}').reward, 1);
  assert.equal(boxedFormatReward('answer \\boxed{wrong but boxed}').reward, 1);
  assert.equal(boxedFormatReward('answer \\boxed{}').reward, 0); // empty box
  assert.equal(boxedFormatReward('answer \\boxed{ }').reward, 0); // empty after strip_string
  assert.equal(boxedFormatReward('answer \\fbox{7}').reward, 0); // \fbox has no "boxed"
  assert.equal(boxedFormatReward('answer 7').reward, 0);
  assert.equal(boxedFormatReward('\\boxed{7} then \\boxed{}').reward, 0); // only the last box counts
  assert.equal(boxedFormatReward('\\boxed{} then \\boxed{7}').reward, 1);
  assert.equal(boxedFormatReward('the word unboxed{3} counts as a substring').reward, 1);
  assert.equal(boxedFormatReward('so $\\boxed 9$').reward, 1); // no brace: up to the next $
  assert.equal(boxedFormatReward('\\boxed{\\{1,2\\}}').reward, 1); // nested braces
  assert.equal(score('format', '\\boxed{12}', undefined).reward, 1);
});

test('format, r1 style: text after the last <answer>, right-stripped of the characters of "</answer>"', () => {
  assert.equal(r1FormatReward('<think>x</think> <answer>42</answer>').reward, 1);
  assert.equal(r1FormatReward('<answer></answer>').reward, 0);
  assert.equal(r1FormatReward('<answer>answer</answer>').reward, 0); // "answer" is all stripped characters
  assert.equal(r1FormatReward('<answer>swan</answer>').reward, 0); // so is "swan": the character-set quirk
  assert.equal(r1FormatReward('<answer>swan 1</answer>').extracted, 'swan 1');
  assert.equal(score('format', '<answer>7</answer>', undefined, { ...ctx, style: 'r1' }).reward, 1);
});

test('random: Bernoulli(γ) that replays from (seed, prompt, sample) and ignores the response', () => {
  const run = (seed: number) => Array.from({ length: 400 }, (_, i) => resolveReward('random').score({ prompt: `q${i % 25}`, response: 'any', sampleIndex: Math.floor(i / 25) }, { ...ctx, seed }).reward);
  const a = run(1);
  assert.deepEqual(run(1), a); // replays exactly
  assert.notDeepEqual(run(2), a); // another seed, another draw
  const mean = a.reduce((x, y) => x + y, 0) / a.length;
  assert.ok(mean > 0.4 && mean < 0.6, `mean ${mean}`);
  const sameItemOtherResponse = resolveReward('random').score({ prompt: 'q3', response: 'different text', sampleIndex: 0 }, { ...ctx, seed: 1 }).reward;
  assert.equal(sameItemOtherResponse, a[3]);
  const rate = (p: number) => Array.from({ length: 2000 }, (_, i) => resolveReward('random').score({ prompt: 'q', response: '', sampleIndex: i }, { ...ctx, probability: p }).reward).reduce((x, y) => x + y, 0) / 2000;
  assert.equal(rate(0), 0);
  assert.equal(rate(1), 1);
  assert.ok(Math.abs(rate(0.2) - 0.2) < 0.04);
  assert.throws(() => score('random', 'r', undefined, { ...ctx, probability: 1.5 }), /probability/);
});

test('random: the draw is uniform on [0, 1) and depends on every key part', () => {
  const u = seededUniform(7, 'prompt', 3);
  assert.ok(u >= 0 && u < 1);
  assert.notEqual(seededUniform(8, 'prompt', 3), u);
  assert.notEqual(seededUniform(7, 'prompt2', 3), u);
  assert.notEqual(seededUniform(7, 'prompt', 4), u);
});

test('scoreBatch numbers the samples of each prompt, so a batch replays in any order of prompts', () => {
  const items = ['a', 'b', 'a', 'b', 'a'].map((prompt) => ({ prompt, response: '' }));
  const one = scoreBatch('random', items, ctx).rewards;
  const explicit = scoreBatch('random', items.map((it, i) => ({ ...it, sampleIndex: [0, 0, 1, 1, 2][i] })), ctx).rewards;
  assert.deepEqual(one, explicit);
});

test('majority and incorrect use the labelled data when given, else the item\'s label', () => {
  const lookup = (item: { prompt: string }) =>
    item.prompt === 'q1' ? { prompt: 'q1', answer: '4', majorityLabel: '5', incorrectLabel: '5' } : item.prompt === 'q2' ? { prompt: 'q2', answer: '3', majorityLabel: '3', incorrectLabel: null } : undefined;
  const withData = { ...ctx, lookup };
  const m = resolveReward('majority');
  assert.equal(m.score({ prompt: 'q1', response: '\\boxed{5}', label: '4' }, withData).reward, 1); // the majority label, not the truth
  assert.equal(m.score({ prompt: 'q1', response: '\\boxed{4}', label: '4' }, withData).reward, 0);
  assert.equal(m.score({ prompt: 'other', response: '\\boxed{9}', label: '9' }, withData).reward, 1);
  const wrong = resolveReward('incorrect');
  assert.equal(wrong.score({ prompt: 'q1', response: '\\boxed{5}' }, withData).reward, 1); // rewarded for the wrong answer
  assert.equal(wrong.score({ prompt: 'q1', response: '\\boxed{4}' }, withData).reward, 0);
  assert.throws(() => wrong.score({ prompt: 'q2', response: '\\boxed{3}' }, withData), (e: Error & { code?: string }) => e.code === 'not_in_incorrect_set');
  assert.throws(() => m.score({ prompt: 'other', response: '\\boxed{9}' }, withData), (e: Error & { code?: string }) => e.code === 'missing_label');
});

test('one-shot: one example replicated, rewarded against its label', () => {
  const example = { prompt: 'wind pressure problem', answer: '12.8' };
  const data = replicateOneShot(example, 4);
  assert.equal(data.length, 4);
  assert.ok(data.every((d) => d.prompt === example.prompt && d.answer === example.answer));
  assert.equal(new Set(data.map((d) => d.id)).size, 4);
  const oneShot = resolveReward('one_shot');
  assert.equal(oneShot.score({ prompt: example.prompt, response: 'v = \\boxed{12.8}' }, { ...ctx, oneShot: example }).reward, 1);
  assert.equal(oneShot.score({ prompt: example.prompt, response: 'v = \\boxed{12.7}' }, { ...ctx, oneShot: example }).reward, 0);
});

test('combinators: inverse_ and _AND_', () => {
  assert.equal(score('inverse_format', '\\boxed{3}').reward, 0);
  assert.equal(score('inverse_format', 'no box').reward, 1);
  assert.equal(score('ground_truth_AND_format', '\\boxed{4}', '4').reward, 1);
  assert.equal(score('ground_truth_AND_python', '\\boxed{4}', '4').reward, 0);
  assert.equal(score('ground_truth_AND_python', '```python\nprint(4)\n```\n\\boxed{4}', '4').reward, 1);
});

test('GRPO advantages: (r - mean) / (std + 1e-9) per group, unbiased std', () => {
  const { advantages, groups } = groupAdvantages([1, 0, 0, 0, 1, 1, 1, 1], 4);
  // mean 0.25, unbiased std sqrt(0.25) = 0.5
  assert.ok(Math.abs(advantages[0]! - 1.5) < 1e-6);
  assert.ok(Math.abs(advantages[1]! + 0.5) < 1e-6);
  assert.deepEqual(advantages.slice(4), [0, 0, 0, 0]); // all equal: no signal
  assert.equal(groups[1]!.degenerate, true);
  assert.equal(groups[0]!.std, 0.5);
  assert.deepEqual(groupAdvantages([1], 1).advantages, [0]);
  assert.throws(() => groupAdvantages([1, 0, 1], 2), /groups of 2/);
});

test('random γ=0.5 groups of 16 are all equal about 2·0.5^16 of the time', () => {
  let degenerate = 0;
  const groupsCount = 4000;
  for (let g = 0; g < groupsCount; g++) {
    const rewards = Array.from({ length: 16 }, (_, i) => resolveReward('random').score({ prompt: `p${g}`, response: '', sampleIndex: i }, ctx).reward);
    if (groupAdvantages(rewards, 16).groups[0]!.degenerate) degenerate++;
  }
  assert.ok(degenerate <= 3, `${degenerate} degenerate groups of ${groupsCount}`); // expected 0.12
});
