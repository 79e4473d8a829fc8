import { writeFileAtomic } from '../../core/atomic.js';
import { badInput } from '../../core/errors.js';
import { createRandom } from '../shared/random.js';
import type { GgmlTypeName, GgufValue } from './ggufFormat.js';
import { encodeGguf } from './ggufWriter.js';
import { TINY_CORPUS } from './tinyCorpus.js';
import { buildTinyVocabulary } from './tinyVocabulary.js';
import { buildTinyWeights } from './tinyWeights.js';

export interface TinyGgufOptions {
  /** Seed of the random weights (default 0): same seed, same file, same generations. */
  seed?: number;
  layers?: number;
  /** Embedding width (default 64); a multiple of `heads`. */
  embedding?: number;
  heads?: number;
  feedForward?: number;
  contextLength?: number;
  /** Upper bound on learned BPE merges (default 400; the corpus yields fewer). */
  merges?: number;
  tensorType?: GgmlTypeName;
  /**
   * Without it, end-of-generation tokens are nearly impossible, so generations run to maxTokens.
   * With N, they become likely once the sequence (BOS + prompt + generated) passes about N tokens.
   */
  eosAfter?: number;
  name?: string;
}

export interface TinyGgufInfo {
  bytes: number;
  vocabularySize: number;
  embedding: number;
  layers: number;
  contextLength: number;
  bosId: number;
  eosId: number;
}

/** ChatML, the template the tiny models ship (node-llama-cpp and llama.cpp both render it). */
export const TINY_CHAT_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/**
 * Builds a tiny llama-architecture GGUF (pure: returns the bytes): seeded random weights and a real
 * byte-level BPE vocabulary with ChatML special tokens. Logits are biased so that text is printable
 * ASCII and generation does not end early (see `eosAfter`).
 * @example const { bytes } = buildTinyGguf({ seed: 1 });
 */
export function buildTinyGguf(options: TinyGgufOptions = {}): { bytes: Uint8Array; info: TinyGgufInfo } {
  const layers = checkInt(options.layers ?? 2, 'layers', 1, 8);
  const n = checkInt(options.embedding ?? 64, 'embedding', 16, 512);
  const heads = checkInt(options.heads ?? 4, 'heads', 1, 16);
  const ff = checkInt(options.feedForward ?? 2 * n, 'feedForward', 8, 4096);
  const contextLength = checkInt(options.contextLength ?? 256, 'contextLength', 16, 32768);
  const eosAfter = options.eosAfter === undefined ? undefined : checkInt(options.eosAfter, 'eosAfter', 1, contextLength);
  if (n % heads !== 0 || (n / heads) % 2 !== 0) throw badInput(`embedding ${n} must split into ${heads} heads of even width`, { field: 'embedding' });
  const vocab = buildTinyVocabulary(TINY_CORPUS, checkInt(options.merges ?? 400, 'merges', 0, 5000));
  const V = vocab.tokens.length;
  const type = options.tensorType ?? 'f32';

  const tensors = buildTinyWeights({ rng: createRandom(options.seed ?? 0), vocab, n, heads, ff, layers, type, eosAfter });

  const metadata: Record<string, GgufValue> = {
    'general.architecture': { type: 'string', value: 'llama' },
    'general.name': { type: 'string', value: options.name ?? `lmscope-tiny-seed${options.seed ?? 0}` },
    'general.alignment': { type: 'uint32', value: 32 },
    'general.file_type': { type: 'uint32', value: type === 'f32' ? 0 : 1 },
    'llama.context_length': { type: 'uint32', value: contextLength },
    'llama.embedding_length': { type: 'uint32', value: n },
    'llama.block_count': { type: 'uint32', value: layers },
    'llama.feed_forward_length': { type: 'uint32', value: ff },
    'llama.attention.head_count': { type: 'uint32', value: heads },
    'llama.attention.head_count_kv': { type: 'uint32', value: heads },
    'llama.rope.dimension_count': { type: 'uint32', value: n / heads },
    'llama.rope.freq_base': { type: 'float32', value: 10000 },
    'llama.attention.layer_norm_rms_epsilon': { type: 'float32', value: 1e-5 },
    'llama.vocab_size': { type: 'uint32', value: V },
    'tokenizer.ggml.model': { type: 'string', value: 'gpt2' },
    'tokenizer.ggml.pre': { type: 'string', value: 'gpt-2' },
    'tokenizer.ggml.tokens': { type: 'array', itemType: 'string', value: vocab.tokens },
    'tokenizer.ggml.token_type': { type: 'array', itemType: 'int32', value: vocab.tokenTypes },
    'tokenizer.ggml.merges': { type: 'array', itemType: 'string', value: vocab.merges },
    'tokenizer.ggml.bos_token_id': { type: 'uint32', value: vocab.bosId },
    'tokenizer.ggml.eos_token_id': { type: 'uint32', value: vocab.eosId },
    'tokenizer.ggml.eot_token_id': { type: 'uint32', value: vocab.imEndId },
    'tokenizer.ggml.padding_token_id': { type: 'uint32', value: vocab.eosId },
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: true },
    'tokenizer.ggml.add_eos_token': { type: 'bool', value: false },
    'tokenizer.chat_template': { type: 'string', value: TINY_CHAT_TEMPLATE },
  };
  const bytes = encodeGguf({ metadata, tensors });
  return {
    bytes,
    info: { bytes: bytes.length, vocabularySize: V, embedding: n, layers, contextLength, bosId: vocab.bosId, eosId: vocab.eosId },
  };
}

/**
 * Writes a tiny GGUF model file atomically and returns what it holds.
 * @example await writeTinyGguf({ out: 'tiny.gguf', seed: 1 });
 */
export async function writeTinyGguf(options: TinyGgufOptions & { out: string }): Promise<TinyGgufInfo & { out: string }> {
  const { bytes, info } = buildTinyGguf(options);
  await writeFileAtomic(options.out, bytes);
  return { ...info, out: options.out };
}

function checkInt(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`${field} must be an integer from ${min} to ${max}, got ${value}`, { field });
  return value;
}
