import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSuffixArray } from '../../src/index/suffixArray.js';
import { seeded } from '../helpers/corpus.js';

function naiveSuffixArray(text: number[]): number[] {
  const idx = text.map((_, i) => i);
  idx.sort((a, b) => {
    for (let d = 0; ; d++) {
      if (a + d >= text.length) return -1;
      if (b + d >= text.length) return 1;
      if (text[a + d] !== text[b + d]) return text[a + d]! - text[b + d]!;
    }
  });
  return idx;
}

test('SA-IS equals a naive sort on thousands of random texts (small and large alphabets, long repeats)', () => {
  const random = seeded(7);
  for (let trial = 0; trial < 2000; trial++) {
    const n = 1 + Math.floor(random() * 80);
    const k = 2 + Math.floor(random() * (trial % 4 === 0 ? 2 : trial % 4 === 1 ? 5 : 300));
    const text = Array.from({ length: n }, () => 1 + Math.floor(random() * (k - 1)));
    if (trial % 5 === 0) text.push(...text.slice(0, Math.floor(n / 2))); // repeats force recursion
    text.push(0);
    assert.deepEqual(Array.from(buildSuffixArray(Int32Array.from(text), k)), naiveSuffixArray(text), `text ${text.join(',')}`);
  }
});

test('SA-IS handles degenerate inputs: one symbol repeated, sentinel only, strictly decreasing', () => {
  for (const text of [[0], [1, 0], [1, 1, 1, 1, 1, 1, 0], [5, 4, 3, 2, 1, 0], [1, 2, 1, 2, 1, 2, 1, 2, 0]]) {
    assert.deepEqual(Array.from(buildSuffixArray(Int32Array.from(text), 6)), naiveSuffixArray(text));
  }
});
