import path from 'node:path';
import { badInput } from '../../core/errors.js';

/** Settings of the embedded llama.cpp backend. */
export interface LlamaBackendSettings {
  /** A local GGUF model file. */
  modelPath: string;
  /** Tokens the context holds (default: the model's training context, at most 4096). */
  contextSize?: number;
  /** Seed for sampled generations that bring none (default: a fresh seed per call). */
  seed?: number;
  /** CPU threads for evaluation (default: node-llama-cpp's choice). */
  threads?: number;
  /** Name reported as `modelId` (default: the file name). */
  modelId?: string;
}

export interface ResolvedLlamaSettings {
  modelPath: string;
  contextSize: number | undefined;
  seed: number | undefined;
  threads: number | undefined;
  modelId: string;
}

/** The default context cap: enough for most uses without allocating a model's full window. */
export const DEFAULT_MAX_CONTEXT = 4096;

/** Checks settings once, naming the field and the allowed range. */
export function resolveLlamaSettings(settings: LlamaBackendSettings): ResolvedLlamaSettings {
  if (typeof settings.modelPath !== 'string' || settings.modelPath.length === 0) {
    throw badInput('modelPath must name a GGUF file', { field: 'modelPath' });
  }
  const positiveInt = (value: number | undefined, field: string): number | undefined => {
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < 1) throw badInput(`${field} must be a positive integer, got ${value}`, { field });
    return value;
  };
  if (settings.seed !== undefined && !Number.isSafeInteger(settings.seed)) throw badInput(`seed must be an integer, got ${settings.seed}`, { field: 'seed' });
  return {
    modelPath: settings.modelPath,
    contextSize: positiveInt(settings.contextSize, 'contextSize'),
    seed: settings.seed,
    threads: positiveInt(settings.threads, 'threads'),
    modelId: settings.modelId ?? path.basename(settings.modelPath),
  };
}
