import { existsSync } from 'node:fs';
import { writeFileAtomic } from '../core/atomic.js';
import { readJsonFile } from '../core/data/index.js';
import type { LanguageModel } from '../lm/types.js';
import { embedCapabilities } from './embed.js';

/** On-disk embedding cache: vectors by instance index, valid for one model and prefix. */
interface EmbeddingFile {
  model: string;
  prefix: string;
  vectors: Record<string, number[]>;
}

export interface CachedEmbedOptions {
  prefix: string;
  /** JSON cache file; vectors for the same model and prefix are reused, new ones added. */
  file?: string;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Embeds the capabilities of `instances` (rows indexed by instance; other rows left empty),
 * reusing and extending a cache file so a rebuild with other clustering settings is free.
 */
export async function embedWithFileCache(lm: LanguageModel, capabilities: readonly string[], instances: readonly number[], options: CachedEmbedOptions): Promise<{ rows: Float64Array[]; embedded: number; reused: number }> {
  let stored: EmbeddingFile = { model: lm.modelId, prefix: options.prefix, vectors: {} };
  if (options.file && existsSync(options.file)) {
    const value = await readJsonFile<EmbeddingFile>(options.file);
    if (value && value.model === lm.modelId && value.prefix === options.prefix && typeof value.vectors === 'object' && value.vectors !== null) stored = value;
  }
  const rows: Float64Array[] = [];
  const missing: number[] = [];
  for (const i of instances) {
    const cached = stored.vectors[String(i)];
    if (Array.isArray(cached) && cached.length > 0) rows[i] = Float64Array.from(cached);
    else missing.push(i);
  }
  const reused = instances.length - missing.length;
  options.onProgress?.(reused, instances.length);
  const fresh = await embedCapabilities(lm, missing.map((i) => capabilities[i]!), {
    prefix: options.prefix,
    batchSize: options.batchSize,
    onProgress: (done) => options.onProgress?.(reused + done, instances.length),
  });
  missing.forEach((instance, k) => {
    rows[instance] = fresh[k]!;
    stored.vectors[String(instance)] = Array.from(fresh[k]!);
  });
  if (options.file && missing.length > 0) await writeFileAtomic(options.file, JSON.stringify(stored));
  return { rows, embedded: missing.length, reused };
}
