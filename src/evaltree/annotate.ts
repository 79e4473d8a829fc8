import { badInput } from '../core/errors.js';
import type { LanguageModel } from '../lm/types.js';
import { cacheKey, mapLimit, type AnswerCache } from './cache.js';
import { annotationMessages, type PromptDomain } from './prompts.js';

/** One benchmark instance: its input (question, instruction) and reference output (solution, response). */
export interface AnnotationInstance {
  input: string;
  output: string;
}

export interface AnnotateOptions {
  domain: PromptDomain;
  /** Answers already paid for; new ones are added as they arrive. */
  cache?: AnswerCache;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Token budget per answer (default 1024, as released). */
  maxTokens?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface AnnotateResult {
  /** One capability phrase per instance, in input order (the released annotation file's shape). */
  capabilities: string[];
  /** How many answers came from the cache, and how many needed the model. */
  cached: number;
  generated: number;
}

/**
 * Stage 1: asks the LM, per instance, for one gerund phrase naming the capability the instance
 * tests (the released prompt; temperature 0, seed 0). Answers are cached per instance content, so
 * a rerun asks only for what is missing.
 *
 * @example await annotateInstances(lm, [{ input: 'What is 2+2?', output: '4' }], { domain: 'mathematics', cache })
 */
export async function annotateInstances(lm: LanguageModel, instances: readonly AnnotationInstance[], options: AnnotateOptions): Promise<AnnotateResult> {
  instances.forEach((instance, i) => {
    if (typeof instance.input !== 'string' || typeof instance.output !== 'string') {
      throw badInput(`instance ${i} needs string "input" and "output"`, { item: `instance ${i}` }, 'bad_instance');
    }
  });
  let cached = 0;
  let generated = 0;
  let done = 0;
  const capabilities = await mapLimit(instances, options.concurrency ?? 4, async (instance, index) => {
    const key = cacheKey(['evaltree-annotation', lm.modelId, options.domain, instance.input, instance.output]);
    let capability = options.cache?.get(key);
    if (capability === undefined) {
      const answer = await lm.chat({ messages: annotationMessages(options.domain, instance.input, instance.output), temperature: 0, seed: 0, maxTokens: options.maxTokens ?? 1024, signal: options.signal });
      capability = answer.text.trim();
      await options.cache?.set(key, capability, { index, model: lm.modelId });
      generated++;
    } else cached++;
    options.onProgress?.(++done, instances.length);
    return capability;
  });
  return { capabilities, cached, generated };
}
