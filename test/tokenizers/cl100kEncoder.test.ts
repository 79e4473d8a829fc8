import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { encode as gptTokenizerEncode } from 'gpt-tokenizer/encoding/cl100k_base';
import { getEncoding } from 'js-tiktoken';
import { createCl100kEncoder } from '../../src/tokenizers/cl100kEncoder.js';
import { IdWriter } from '../../src/tokenizers/index.js';
import { repoPath } from '../helpers/corpus.js';

const reference = getEncoding('cl100k_base');
const referenceIds = (text: string): number[] => reference.encode(text, [], []);

/** Fragments whose combinations exercise every branch of the cl100k pre-tokenizer pattern. */
const FRAGMENTS = [
  'a', 'Zq', ' ', '  ', '   ', '\n', '\r\n', '\r', '\t', ' \n', '.', ',', '...', "'", '"', 's', 'S', 'll', 'LL', 're', 'VE', 'd', 'm', 't',
  '1', '23', '4567', '½', '٣', 'Ⅻ', 'é', 'e\u0301', '日本', '한국', '😀', '👩‍💻', '\u00a0', '\u3000', '\u2003', '\u200b', '\ufeff',
  '-', '—', '$', '{', '}', '\ud800', '\udc00', 'ſ', 'K', 'x\ny', '<|endoftext|>', '  \n ', ' 1', "'t", "'S", "'Ll", 'Hello', ' world',
];

describe('fast cl100k encoder', () => {
  test('equals js-tiktoken on 30,000 random combinations of tricky fragments', () => {
    const encoder = createCl100kEncoder();
    let state = 7;
    const next = (n: number) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) % n);
    for (let k = 0; k < 30_000; k++) {
      let text = '';
      for (let j = 1 + next(14); j > 0; j--) text += FRAGMENTS[next(FRAGMENTS.length)];
      assert.deepEqual(encoder.encode(text), referenceIds(text), JSON.stringify(text));
    }
  });

  test('equals js-tiktoken and gpt-tokenizer on the bundled Gutenberg sample', () => {
    const encoder = createCl100kEncoder();
    const lines = gunzipSync(readFileSync(repoPath('data', 'corpus', 'gutenberg-sample.jsonl.gz'))).toString('utf8').split('\n').filter(Boolean);
    assert.ok(lines.length > 10);
    for (const line of lines.slice(0, 40)) {
      const text = (JSON.parse(line) as { text: string }).text;
      const ids = encoder.encode(text);
      assert.deepEqual(ids, referenceIds(text));
      assert.deepEqual(ids, gptTokenizerEncode(text, { disallowedSpecial: new Set() }));
    }
  });

  test('stays exact when its piece cache fills up and starts over', () => {
    const encoder = createCl100kEncoder({ cacheLimit: 50 });
    // Made-up words are not single tokens: each goes through BPE and into the cache.
    let state = 3;
    const next = (n: number) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) % n);
    const words: string[] = [];
    for (let i = 0; i < 400; i++) {
      let w = ' ';
      for (let j = 4 + next(8); j > 0; j--) w += String.fromCharCode(97 + next(26));
      words.push(w);
    }
    for (let round = 0; round < 3; round++) {
      const text = words.join('') + words.slice(0, 100).join('');
      assert.deepEqual(encoder.encode(text), referenceIds(text));
    }
  });

  test('long pieces (a run of letters with no space) merge with a heap, exactly and without quadratic time', () => {
    const heapAlways = createCl100kEncoder({ longPieceBytes: 2 });
    const plain = createCl100kEncoder({ longPieceBytes: 1 << 30 });
    let state = 11;
    const next = (n: number) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) % n);
    for (let k = 0; k < 300; k++) {
      let text = '';
      for (let j = 3 + next(60); j > 0; j--) text += FRAGMENTS[next(FRAGMENTS.length)];
      assert.deepEqual(heapAlways.encode(text), plain.encode(text), JSON.stringify(text));
    }
    const letters = Array.from({ length: 3000 }, () => String.fromCharCode(97 + next(26))).join('');
    const encoder = createCl100kEncoder();
    assert.deepEqual(encoder.encode(letters), referenceIds(letters));
    // A megabyte-long word: the quadratic merge would take hours.
    const huge = letters.repeat(350);
    const ids = encoder.encode(huge);
    assert.equal(reference.decode(ids), huge);
    assert.ok(ids.length > huge.length / 8, 'no token spans more than a few letters');
  });

  test('encodeInto appends to a growing buffer and equals encode', () => {
    const encoder = createCl100kEncoder();
    const out = new IdWriter(4);
    const texts = ['first document.', ' second, with “quotes” and 12345 numbers', '\n\n  third\n'];
    for (const t of texts) encoder.encodeInto(t, out);
    assert.deepEqual(Array.from(out.take()), texts.flatMap(referenceIds));
  });
});
