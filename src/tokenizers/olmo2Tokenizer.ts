import cl100kRanks from 'gpt-tokenizer/bpeRanks/cl100k_base';
import { decode as cl100kDecode } from 'gpt-tokenizer/encoding/cl100k_base';
import { createCl100kEncoder, type Cl100kEncoder } from './cl100kEncoder.js';
import type { Tokenizer } from './tokenizer.js';

/** dolma2 = cl100k_base ids plus its own special tokens (OLMo 2 / OLMo 3 tokenizer). */
const DOLMA2_SPECIALS: Record<number, string> = {
  100257: '<|endoftext|>',
  100277: '<|pad|>',
};
const DOLMA2_VOCAB_SIZE = 100_278;
const textEncoder = new TextEncoder();

/** The dolma2 tokenizer (u32 ids), as OLMoTrace uses for OLMo 3 indexes. */
export function createOlmo2Tokenizer(): Tokenizer {
  const ranks = cl100kRanks as unknown as readonly (string | readonly number[] | undefined)[];
  const bytesById: (Uint8Array | undefined)[] = new Array(DOLMA2_VOCAB_SIZE);
  const empty = new Uint8Array(0);
  const tokenBytes = (id: number): Uint8Array => {
    let b = bytesById[id];
    if (b) return b;
    const r = ranks[id];
    if (r !== undefined) b = typeof r === 'string' ? textEncoder.encode(r) : Uint8Array.from(r);
    else if (DOLMA2_SPECIALS[id]) b = textEncoder.encode(DOLMA2_SPECIALS[id]!);
    else b = empty;
    bytesById[id] = b;
    return b;
  };
  // Built on first use: its tables take a few hundred milliseconds and many callers only decode.
  let encoder: Cl100kEncoder | undefined;
  const fast = (): Cl100kEncoder => (encoder ??= createCl100kEncoder());
  return {
    name: 'olmo2',
    tokenWidth: 4,
    vocabSize: DOLMA2_VOCAB_SIZE,
    // Special-token text in documents is ordinary text: it never becomes a control token.
    encode: (text) => fast().encode(text),
    encodeInto: (text, out) => fast().encodeInto(text, out),
    decode: (ids) => cl100kDecode(Array.from(ids as ArrayLike<number>).filter((id) => id < ranks.length)),
    tokenBytes,
    // dolma2's BOW set: tokens starting with "Ġ" (space) or "Ċ" (newline): 44,644 ids.
    isWordStart: (id) => {
      const b = tokenBytes(id);
      return b.length > 0 && (b[0] === 0x20 || b[0] === 0x0a);
    },
    delimiterIds: [198, 13],
  };
}
