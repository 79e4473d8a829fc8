/**
 * A real byte-level BPE vocabulary in GPT-2 form (`tokenizer.ggml.model = "gpt2"`): the 256 byte
 * symbols, merges learned deterministically from a text, then the special tokens. llama.cpp
 * tokenizes with it exactly as it does for GPT-2-style models.
 */

/** GGUF token types (llama.cpp `llama_token_type`). */
export const TOKEN_TYPE = { normal: 1, control: 3 } as const;

export const SPECIAL_TOKENS = {
  endOfText: '<|endoftext|>',
  startOfText: '<|startoftext|>',
  imStart: '<|im_start|>',
  imEnd: '<|im_end|>',
} as const;

export interface TinyVocabulary {
  tokens: string[];
  tokenTypes: number[];
  /** "left right" in byte-level symbols, in merge order. */
  merges: string[];
  bosId: number;
  eosId: number;
  imStartId: number;
  imEndId: number;
}

// GPT-2's pre-tokenizer: contractions, letters, digits, other symbols, whitespace.
const PRE_TOKENIZE = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** GPT-2's byte -> printable symbol table (space -> "Ġ", newline -> "Ċ"). */
export function byteSymbols(): string[] {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const symbols: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) symbols[b] = printable.includes(b) ? String.fromCharCode(b) : String.fromCharCode(256 + extra++);
  return symbols;
}

/**
 * Learns `mergeCount` merges from `text` (ties broken by the pair's text, so the result is
 * deterministic) and returns the vocabulary with the special tokens appended.
 * @example const vocab = buildTinyVocabulary(TINY_CORPUS, 300); vocab.tokens.length; // 256 + 300 + 4
 */
export function buildTinyVocabulary(text: string, mergeCount: number): TinyVocabulary {
  const symbols = byteSymbols();
  const encoder = new TextEncoder();
  const wordCounts = new Map<string, number>();
  for (const match of text.matchAll(PRE_TOKENIZE)) {
    const word = Array.from(encoder.encode(match[0]), (b) => symbols[b]!).join('\u0000');
    wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
  }
  let words = [...wordCounts].map(([w, count]) => ({ parts: w.split('\u0000'), count }));
  const tokens = [...symbols];
  const known = new Set(tokens);
  const merges: string[] = [];
  while (merges.length < mergeCount) {
    const pairCounts = new Map<string, number>();
    for (const { parts, count } of words) {
      for (let i = 0; i + 1 < parts.length; i++) {
        const key = `${parts[i]} ${parts[i + 1]}`;
        pairCounts.set(key, (pairCounts.get(key) ?? 0) + count);
      }
    }
    let best: string | undefined;
    let bestCount = 1;
    for (const [pair, count] of pairCounts) {
      if (count > bestCount || (count === bestCount && best !== undefined && pair < best)) {
        best = pair;
        bestCount = count;
      }
    }
    if (best === undefined) break; // every remaining pair occurs once: nothing worth merging
    const [left, right] = best.split(' ') as [string, string];
    const merged = left + right;
    merges.push(best);
    if (!known.has(merged)) {
      known.add(merged);
      tokens.push(merged);
    }
    words = words.map(({ parts, count }) => ({ parts: mergePair(parts, left, right), count }));
  }
  const tokenTypes: number[] = tokens.map(() => TOKEN_TYPE.normal);
  const addSpecial = (token: string): number => {
    tokens.push(token);
    tokenTypes.push(TOKEN_TYPE.control);
    return tokens.length - 1;
  };
  const eosId = addSpecial(SPECIAL_TOKENS.endOfText);
  const bosId = addSpecial(SPECIAL_TOKENS.startOfText);
  const imStartId = addSpecial(SPECIAL_TOKENS.imStart);
  const imEndId = addSpecial(SPECIAL_TOKENS.imEnd);
  return { tokens, tokenTypes, merges, bosId, eosId, imStartId, imEndId };
}

function mergePair(parts: string[], left: string, right: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i + 1 < parts.length && parts[i] === left && parts[i + 1] === right) {
      out.push(left + right);
      i++;
    } else {
      out.push(parts[i]!);
    }
  }
  return out;
}
