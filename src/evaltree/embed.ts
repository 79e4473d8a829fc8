import { badInput } from '../core/errors.js';
import type { LanguageModel } from '../lm/types.js';

export interface EmbedOptions {
  /** Text put before each capability, e.g. "The model has the following skill or capability: ". */
  prefix: string;
  /** Texts per request (default 64). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Stage 2: embeds each capability phrase (behind the prefix) through the backend's embeddings.
 * Rows come back as Float64Array, ready for clustering.
 */
export async function embedCapabilities(lm: LanguageModel, capabilities: readonly string[], options: EmbedOptions): Promise<Float64Array[]> {
  const batchSize = options.batchSize ?? 64;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw badInput(`batchSize must be a positive integer, got ${batchSize}`, { field: 'batchSize' });
  const rows: Float64Array[] = [];
  let dim = -1;
  for (let start = 0; start < capabilities.length; start += batchSize) {
    const texts = capabilities.slice(start, start + batchSize).map((c) => `${options.prefix}${c}`);
    const { embeddings } = await lm.embed({ texts, signal: options.signal });
    if (embeddings.length !== texts.length) {
      throw badInput(`the backend returned ${embeddings.length} embeddings for ${texts.length} texts`, { item: `batch at ${start}` }, 'bad_embedding');
    }
    for (const [i, e] of embeddings.entries()) {
      if (dim < 0) dim = e.length;
      if (e.length !== dim || dim === 0 || !e.every(Number.isFinite)) {
        throw badInput(`embedding of capability ${start + i} has ${e.length} dimensions (expected ${dim}) or a non-finite value`, { item: `capability ${start + i}` }, 'bad_embedding');
      }
      rows.push(Float64Array.from(e));
    }
    options.onProgress?.(rows.length, capabilities.length);
  }
  return rows;
}
