/** Bytes per stored token id in an index: u8 for raw bytes, u16 for vocabularies < 65,535, else u32. */
export type TokenWidth = 1 | 2 | 4;

/**
 * The one tokenizer contract used by indexes, tracing and LM tooling.
 * `encode` never adds BOS/EOS: indexes and traces store text tokens only.
 */
export interface Tokenizer {
  /** Name as given on the command line and stored in index manifests (e.g. "olmo2", "hf:path/to/tokenizer.json"). */
  readonly name: string;
  readonly tokenWidth: TokenWidth;
  /** Number of ids (including special tokens); ids are in [0, vocabSize). */
  readonly vocabSize: number;
  encode(text: string): number[];
  /** Optional fast path for bulk tokenizing: appends the ids of `text` to `out`. */
  encodeInto?(text: string, out: IdWriter): void;
  decode(ids: ArrayLike<number>): string;
  /** The exact UTF-8 bytes a token stands for (special tokens: their text). */
  tokenBytes(id: number): Uint8Array;
  /** True when the token begins a word (OLMoTrace's BOW set): spans start and end at such tokens. */
  isWordStart(id: number): boolean;
  /** Ids of "\n" and "." as single tokens; spans may end with them but never contain them. */
  readonly delimiterIds: readonly number[];
}

/** A growable Int32Array of ids. */
export class IdWriter {
  ids: Int32Array<ArrayBuffer>;
  length = 0;
  constructor(capacity = 1 << 16) {
    this.ids = new Int32Array(capacity);
  }
  push(id: number): void {
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
  }
  /** A copy of the ids written so far. */
  take(): Int32Array<ArrayBuffer> {
    return this.ids.slice(0, this.length);
  }
}

const utf8 = new TextDecoder('utf-8');

/** Decodes by concatenating token bytes; invalid sequences (split characters) become U+FFFD. */
export function decodeViaBytes(tokenizer: Pick<Tokenizer, 'tokenBytes'>, ids: ArrayLike<number>): string {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < ids.length; i++) {
    const b = tokenizer.tokenBytes(ids[i]!);
    parts.push(b);
    total += b.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return utf8.decode(out);
}

/**
 * Character offsets (UTF-16 code units into `text`) of each token's start, plus one final entry
 * for the end, for tokens produced by `encode(text)`. Tokens that start inside a multi-byte
 * character map to that character's start.
 */
export function tokenCharOffsets(tokenizer: Pick<Tokenizer, 'tokenBytes'>, text: string, ids: ArrayLike<number>): number[] {
  // UTF-8 byte offset -> UTF-16 offset for every character boundary.
  const byteToChar = new Map<number, number>();
  let bytePos = 0;
  for (let i = 0; i < text.length; ) {
    byteToChar.set(bytePos, i);
    const cp = text.codePointAt(i)!;
    bytePos += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  byteToChar.set(bytePos, text.length);
  const totalBytes = bytePos;
  let tokenBytesTotal = 0;
  for (let i = 0; i < ids.length; i++) tokenBytesTotal += tokenizer.tokenBytes(ids[i]!).length;
  // SentencePiece tokenizers add a dummy leading space that is not in the text.
  let pos = tokenBytesTotal === totalBytes + 1 ? -1 : 0;
  const offsets: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    offsets.push(charAtOrBefore(byteToChar, Math.max(pos, 0), text.length));
    pos += tokenizer.tokenBytes(ids[i]!).length;
  }
  offsets.push(charAtOrBefore(byteToChar, Math.min(Math.max(pos, 0), totalBytes), text.length));
  return offsets;
}

function charAtOrBefore(map: Map<number, number>, byte: number, fallback: number): number {
  for (let b = byte; b >= 0; b--) {
    const c = map.get(b);
    if (c !== undefined) return c;
  }
  return fallback;
}
