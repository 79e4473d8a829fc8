import { LmscopeError } from '../core/errors.js';
import { createBytesTokenizer } from './bytesTokenizer.js';
import { createHfTokenizerFromPath } from './hfTokenizer.js';
import { createOlmo2Tokenizer } from './olmo2Tokenizer.js';
import { createQwen25Tokenizer } from './qwenTokenizer.js';
import type { Tokenizer } from './tokenizer.js';

export { decodeViaBytes, IdWriter, tokenCharOffsets, type Tokenizer, type TokenWidth } from './tokenizer.js';
export { createBytesTokenizer, createHfTokenizerFromPath, createOlmo2Tokenizer, createQwen25Tokenizer };

export const BUILTIN_TOKENIZERS = ['olmo2', 'qwen2.5', 'bytes'] as const;

const cache = new Map<string, Tokenizer>();

/**
 * Resolves a tokenizer by name: `olmo2`, `qwen2.5`, `bytes`, or `hf:PATH` (a local tokenizer.json).
 * Instances are cached; they hold no per-call state.
 */
export function getTokenizer(name: string): Tokenizer {
  const hit = cache.get(name);
  if (hit) return hit;
  let tokenizer: Tokenizer;
  if (name === 'olmo2' || name === 'dolma2') tokenizer = createOlmo2Tokenizer();
  else if (name === 'qwen2.5' || name === 'qwen2') tokenizer = createQwen25Tokenizer();
  else if (name === 'bytes') tokenizer = createBytesTokenizer();
  else if (name.startsWith('hf:')) tokenizer = createHfTokenizerFromPath(name);
  else throw new LmscopeError('unknown_tokenizer', `unknown tokenizer "${name}": use one of ${BUILTIN_TOKENIZERS.join(', ')} or hf:PATH/tokenizer.json`, { where: { field: 'tokenizer' } });
  cache.set(name, tokenizer);
  return tokenizer;
}
