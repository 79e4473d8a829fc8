import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TokenizerLoader } from '@lenml/tokenizers';
import { LmscopeError } from '../core/errors.js';
import { byteLevelTokenToBytes, sentencePieceToBytes } from './byteLevel.js';
import { decodeViaBytes, type Tokenizer, type TokenWidth } from './tokenizer.js';

type HfJson = Record<string, unknown> & { model?: { type?: string; vocab?: unknown }; added_tokens?: { id: number; content: string }[] };

interface LoadedHf {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
  model: { vocab: string[] };
  added_tokens: { id: number; content: string }[];
}

/**
 * Wraps a Hugging Face `tokenizer.json` (and its `tokenizer_config.json` when present) loaded
 * from memory. Ids equal the Python `tokenizers` library's (the loader follows transformers.js,
 * which is tested against it).
 */
export function createHfTokenizerFromJson(name: string, tokenizerJson: HfJson, tokenizerConfig: Record<string, unknown> = {}): Tokenizer {
  const loaded = TokenizerLoader.fromPreTrained({ tokenizerJSON: tokenizerJson as never, tokenizerConfig: tokenizerConfig as never }) as unknown as LoadedHf;
  const vocab = loaded.model.vocab;
  const specials = new Map<number, string>();
  for (const t of loaded.added_tokens) specials.set(t.id, t.content);
  const vocabSize = Math.max(vocab.length, ...[...specials.keys()].map((id) => id + 1));
  const isSentencePiece = vocab.some((p) => p !== undefined && p.startsWith('\u2581')) && !vocab.some((p) => p === '\u0120the');
  const encoder = new TextEncoder();
  const cache: (Uint8Array | undefined)[] = new Array(vocabSize);
  const tokenBytes = (id: number): Uint8Array => {
    const hit = cache[id];
    if (hit) return hit;
    const special = specials.get(id);
    const piece = vocab[id];
    let bytes: Uint8Array;
    if (special !== undefined && (piece === undefined || piece === special)) bytes = encoder.encode(special);
    else if (piece === undefined) bytes = new Uint8Array(0);
    else if (isSentencePiece) bytes = sentencePieceToBytes(piece);
    else bytes = byteLevelTokenToBytes(piece) ?? encoder.encode(piece);
    cache[id] = bytes;
    return bytes;
  };
  // u16 when every id fits below the separator 65535 (Llama-2 style indexes); else u32.
  const tokenWidth: TokenWidth = vocabSize <= 65_535 ? 2 : 4;
  const newline = loaded.encode('\n', { add_special_tokens: false });
  const period = loaded.encode('.', { add_special_tokens: false });
  const delimiterIds = isSentencePiece ? [vocab.indexOf('<0x0A>'), vocab.indexOf('.')].filter((i) => i >= 0) : [newline.at(-1)!, period.at(-1)!];
  const isWordStart = (id: number): boolean => {
    if (specials.has(id)) return true;
    const piece = vocab[id];
    if (piece === undefined) return true;
    if (isSentencePiece) return piece.startsWith('\u2581') || /^<0x[0-9A-Fa-f]{2}>$/.test(piece) || piece === ',';
    const b = tokenBytes(id);
    return b.length > 0 && (b[0] === 0x20 || b[0] === 0x0a);
  };
  return {
    name,
    tokenWidth,
    vocabSize,
    encode: (text) => loaded.encode(text, { add_special_tokens: false }),
    // SentencePiece decoding drops the dummy-prefix space that encoding added.
    decode: (ids) => {
      const text = decodeViaBytes({ tokenBytes }, ids);
      return isSentencePiece && text.startsWith(' ') ? text.slice(1) : text;
    },
    tokenBytes,
    isWordStart,
    delimiterIds,
  };
}

/** `hf:PATH` where PATH is a tokenizer.json file or a folder holding one. */
export function createHfTokenizerFromPath(spec: string): Tokenizer {
  const given = spec.slice('hf:'.length);
  const file = existsSync(given) && !given.endsWith('.json') ? path.join(given, 'tokenizer.json') : given;
  if (!existsSync(file)) throw new LmscopeError('unknown_tokenizer', `no tokenizer.json at ${file}`, { where: { file } });
  let json: HfJson;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as HfJson;
  } catch (error) {
    throw new LmscopeError('bad_tokenizer', `cannot parse ${file}: ${(error as Error).message}`, { where: { file } });
  }
  const configFile = path.join(path.dirname(file), 'tokenizer_config.json');
  const config = existsSync(configFile) ? (JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>) : {};
  return createHfTokenizerFromJson(spec, json, config);
}
