import type { Tokenizer } from './tokenizer.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');
const single: Uint8Array[] = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));

/** Raw UTF-8 bytes as tokens (u8): works for any language, needs no vocabulary. */
export function createBytesTokenizer(): Tokenizer {
  return {
    name: 'bytes',
    tokenWidth: 1,
    // 0xFF never occurs in UTF-8, so it is free to be the document separator.
    vocabSize: 255,
    encode: (text) => Array.from(encoder.encode(text)),
    decode: (ids) => decoder.decode(Uint8Array.from(ids as ArrayLike<number>)),
    tokenBytes: (id) => single[id & 0xff]!,
    // A word starts after whitespace or at punctuation, at the level of bytes: we mark bytes that
    // are not UTF-8 continuation bytes and not letters/digits following a letter. Simplest faithful
    // rule available without context: space, newline, tab and ASCII punctuation begin words.
    isWordStart: (id) => id === 0x20 || id === 0x0a || id === 0x09 || id === 0x2c,
    delimiterIds: [0x0a, 0x2e],
  };
}
