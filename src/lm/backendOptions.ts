import { Option, type Command } from 'commander';
import { badInput } from '../core/errors.js';
import { parseIntOption } from '../cli/run.js';
import { createOpenAiBackend } from './openai/index.js';
import type { LanguageModel } from './types.js';

export const BACKEND_NAMES = ['llama', 'openai'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** The backend choice every capability takes, from the CLI (`addBackendOptions`) or a config. */
export interface BackendOptions {
  /** `llama` (a local GGUF file) or `openai` (an OpenAI-compatible server); default: openai when baseUrl is set. */
  backend?: string;
  /** GGUF path for llama; served model name for openai. */
  model?: string;
  baseUrl?: string;
  apiKey?: string;
  contextSize?: number;
  threads?: number;
  /** Default seed of the llama backend's sampled generations. */
  backendSeed?: number;
  maxConcurrency?: number;
  maxRetries?: number;
  timeoutMs?: number;
}

/**
 * Creates the LanguageModel the options describe; node-llama-cpp loads only for `llama`.
 * @example const lm = await createLanguageModelFromOptions({ backend: 'openai', baseUrl: 'http://localhost:8000/v1', model: 'm' });
 */
export async function createLanguageModelFromOptions(options: BackendOptions): Promise<LanguageModel> {
  const backend = options.backend ?? (options.baseUrl ? 'openai' : 'llama');
  if (!options.model) {
    throw badInput(backend === 'llama' ? '--model must name a GGUF file for the llama backend' : '--model must name the served model for the openai backend', { field: 'model' });
  }
  if (backend === 'openai') {
    if (!options.baseUrl) throw badInput('--base-url is needed with --backend openai (e.g. http://localhost:8000/v1)', { field: 'baseUrl' });
    return createOpenAiBackend({
      baseUrl: options.baseUrl,
      model: options.model,
      apiKey: options.apiKey,
      maxConcurrency: options.maxConcurrency,
      maxRetries: options.maxRetries,
      timeoutMs: options.timeoutMs,
    });
  }
  if (backend === 'llama') {
    const { createLlamaBackend } = await import('./llama/index.js');
    return createLlamaBackend({ modelPath: options.model, contextSize: options.contextSize, threads: options.threads, seed: options.backendSeed });
  }
  throw badInput(`--backend must be one of ${BACKEND_NAMES.join(', ')}, got "${backend}"`, { field: 'backend' });
}

/**
 * Adds the shared backend options (`--backend --model --base-url --api-key ...`) to a command, so
 * every capability's CLI spells them the same way. The parsed options fit `BackendOptions`.
 * @example addBackendOptions(program.command('score')).action(async (o) => createLanguageModelFromOptions(o));
 */
export function addBackendOptions(command: Command): Command {
  return command
    .addOption(new Option('--backend <name>', 'LM backend: llama (local GGUF) or openai (OpenAI-compatible server)').choices(BACKEND_NAMES))
    .option('--model <model>', 'GGUF file (llama) or served model name (openai)')
    .option('--base-url <url>', 'OpenAI-compatible server, e.g. http://localhost:8000/v1')
    .addOption(new Option('--api-key <key>', 'API key for the server').env('LMSCOPE_API_KEY'))
    .option('--context-size <n>', 'llama: tokens the context holds', parseIntOption)
    .option('--threads <n>', 'llama: CPU threads', parseIntOption)
    .option('--max-concurrency <n>', 'openai: requests in flight at once (default 8)', parseIntOption)
    .option('--max-retries <n>', 'openai: retries on 429/5xx/network errors (default 3)', parseIntOption)
    .option('--timeout-ms <ms>', 'time limit per model call', parseIntOption);
}
