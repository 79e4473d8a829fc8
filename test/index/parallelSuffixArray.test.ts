import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSuffixArrayParallel, type ParallelSuffixArrayOptions, type ParallelSuffixArrayStats } from '../../src/index/parallelSuffixArray.js';
import { buildSuffixArray } from '../../src/index/suffixArray.js';
import { seeded } from '../helpers/corpus.js';

// Run from TypeScript sources (tsx), the builder runs its parts and merges inline; compiled, on workers.
const compiled = import.meta.url.endsWith('.js');

function naiveSuffixArray(text: ArrayLike<number>): number[] {
  const idx = Array.from({ length: text.length }, (_, i) => i);
  idx.sort((a, b) => {
    for (let d = 0; ; d++) {
      if (a + d >= text.length) return -1;
      if (b + d >= text.length) return 1;
      if (text[a + d] !== text[b + d]) return text[a + d]! - text[b + d]!;
    }
  });
  return idx;
}

/** Builds with the given options, returning the array and the builder's stats. */
async function build(text: Int32Array, k: number, options: ParallelSuffixArrayOptions): Promise<{ sa: Int32Array; stats: ParallelSuffixArrayStats }> {
  let stats: ParallelSuffixArrayStats | undefined;
  const sa = await buildSuffixArrayParallel(text, k, { ...options, onStats: (s) => (stats = s) });
  return { sa, stats: stats! };
}

/** Random symbols in [1, k), with copies of earlier stretches pasted in (long repeats), then the sentinel. */
function repetitiveText(random: () => number, n: number, k: number, repeatChance: number): Int32Array {
  const out: number[] = [];
  while (out.length < n) {
    if (out.length > 10 && random() < repeatChance) {
      const from = Math.floor(random() * out.length);
      const len = 1 + Math.floor(random() * Math.min(out.length - from, 40));
      for (let i = 0; i < len && out.length < n; i++) out.push(out[from + i]!);
    } else out.push(1 + Math.floor(random() * (k - 1)));
  }
  out.push(0);
  return Int32Array.from(out);
}

/** Zipf-like symbols over a large alphabet with pasted repeats, like tokenized text. */
function tokenLikeText(random: () => number, n: number, k: number): Int32Array {
  const text = new Int32Array(n + 1);
  for (let i = 0; i < n; ) {
    if (i > 1000 && random() < 0.001) {
      const from = Math.floor(random() * (i - 500));
      const len = Math.min(n - i, 20 + Math.floor(random() * 400));
      text.copyWithin(i, from, from + len);
      i += len;
    } else text[i++] = 1 + Math.floor((k - 1) * random() ** 3);
  }
  return text;
}

test('parallel suffix array equals a naive sort and SA-IS on random texts with small parts and overlaps', async () => {
  const random = seeded(11);
  let fixedRuns = 0;
  for (let trial = 0; trial < 600; trial++) {
    const n = 2 + Math.floor(random() * 120);
    const k = 2 + Math.floor(random() * (trial % 3 === 0 ? 2 : trial % 3 === 1 ? 4 : 50));
    const text = repetitiveText(random, n, k, trial % 2 === 0 ? 0.3 : 0.02);
    const threads = 2 + (trial % 3);
    const overlap = 1 + (trial % 4);
    const before = Array.from(text);
    const { sa, stats } = await build(text, k, { threads, overlap, minLength: 0, inline: true });
    assert.deepEqual(Array.from(sa), naiveSuffixArray(before), `text ${before.join(',')} threads ${threads} overlap ${overlap}`);
    assert.deepEqual(Array.from(text), before, 'the text is left as it was');
    assert.equal(stats.mode, 'inline');
    fixedRuns += stats.fixedRuns;
  }
  assert.ok(fixedRuns > 100, `window groups were repaired (${fixedRuns})`);
});

test('parallel suffix array equals SA-IS on larger repetitive texts with overlap 3 (window repair, k-way merge on workers when compiled)', async () => {
  const random = seeded(12);
  for (const [n, k, threads] of [
    [5_000, 3, 2],
    [20_000, 5, 3],
    [40_000, 40, 4],
    [15_000, 3, 5],
  ] as const) {
    const text = repetitiveText(random, n, k, 0.2);
    const expected = buildSuffixArray(text, k);
    const { sa, stats } = await build(text, k, { threads, overlap: 3, minLength: 0 });
    assert.deepEqual(sa, expected, `n ${n} k ${k} threads ${threads}`);
    assert.equal(stats.parts, threads);
    assert.ok(stats.fixedRuns > 0, 'some window groups needed full comparisons');
    assert.equal(stats.mode, compiled ? 'workers' : 'inline');
  }
});

test('parallel suffix array handles degenerate texts: one symbol, period 2, period 3, decreasing', async () => {
  const cases: [string, (i: number) => number][] = [
    ['one symbol', () => 1],
    ['period 2', (i) => 1 + (i % 2)],
    ['period 3', (i) => 1 + (i % 3)],
    ['decreasing', (i) => 1000 - i],
  ];
  for (const [name, symbol] of cases) {
    for (const n of [2, 3, 4, 17, 300]) {
      const text = Int32Array.from({ length: n }, (_, i) => (i === n - 1 ? 0 : symbol(i)));
      for (const overlap of [1, 2, 5, 10_000]) {
        const { sa, stats } = await build(text, 1001, { threads: 3, overlap, minLength: 0, inline: true });
        assert.deepEqual(Array.from(sa), naiveSuffixArray(text), `${name} n ${n} overlap ${overlap}`);
        assert.equal(stats.mode, n > 2 ? 'inline' : 'single', 'small degenerate texts stay within the comparison budget');
      }
    }
  }
});

test('texts below the threshold, or one thread, use the single-threaded builder', async () => {
  const random = seeded(13);
  const text = repetitiveText(random, 5000, 20, 0.05);
  const expected = buildSuffixArray(text, 20);
  for (const options of [{}, { threads: 1, minLength: 0 }, { minLength: 5002 }]) {
    const { sa, stats } = await build(text, 20, options);
    assert.deepEqual(sa, expected);
    assert.equal(stats.mode, 'single');
  }
  const { sa: tiny } = await build(Int32Array.from([0]), 1, { minLength: 0 });
  assert.deepEqual(Array.from(tiny), [0]);
});

test('rejects bad thread counts and overlaps', async () => {
  const text = Int32Array.from([1, 2, 0]);
  await assert.rejects(buildSuffixArrayParallel(text, 3, { threads: 0 }), RangeError);
  await assert.rejects(buildSuffixArrayParallel(text, 3, { overlap: 0 }), RangeError);
});

test('token-like text just above the threshold: two parts, merged by two workers when compiled', async () => {
  const random = seeded(14);
  const n = 2_000_001;
  const text = tokenLikeText(random, n - 1, 50_000);
  const expected = buildSuffixArray(text, 50_000);
  const before = text.slice();
  const { sa, stats } = await build(text, 50_000, { threads: 2, overlap: 50 });
  assert.deepEqual(sa, expected);
  assert.deepEqual(text, before, 'the text is left as it was');
  assert.equal(stats.parts, 2);
  assert.equal(stats.mode, compiled ? 'workers' : 'inline');
  assert.equal(stats.workers, compiled ? 2 : 0);
  // The same text already in shared memory (as the index builder allocates it) gives the same array.
  const shared = new Int32Array(new SharedArrayBuffer(text.byteLength));
  shared.set(text);
  assert.deepEqual(await buildSuffixArrayParallel(shared, 50_000, { threads: 2 }), expected);
});

test('too repetitive for comparisons: one symbol or a duplicated half above the threshold falls back to SA-IS', async () => {
  const n = 2_000_001;
  const flat = new Int32Array(n).fill(1);
  flat[n - 1] = 0;
  const { sa, stats } = await build(flat, 2, { threads: 2 });
  assert.equal(stats.mode, 'fallback');
  assert.ok(flat.every((v, i) => v === (i === n - 1 ? 0 : 1)), 'the text is left as it was');
  assert.deepEqual(sa, buildSuffixArray(flat, 2));

  // Each half alone is unremarkable, but every suffix of the first half nearly equals one of the second.
  const random = seeded(15);
  const half = tokenLikeText(random, (n - 1) / 2, 1000).subarray(0, (n - 1) / 2);
  const doubled = new Int32Array(n);
  doubled.set(half, 0);
  doubled.set(half, half.length);
  const before = doubled.slice();
  const result = await build(doubled, 1000, { threads: 2 });
  assert.equal(result.stats.mode, 'fallback');
  assert.deepEqual(doubled, before, 'the text is left as it was');
  assert.deepEqual(result.sa, buildSuffixArray(doubled, 1000));
});
