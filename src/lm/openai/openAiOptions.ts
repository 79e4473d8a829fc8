import { badInput } from '../../core/errors.js';

/** Settings of the OpenAI-compatible HTTP backend (vLLM, SGLang, llama.cpp server, Ollama, lmscope lm serve). */
export interface OpenAiBackendSettings {
  /** Server root, with or without the trailing `/v1` (e.g. `http://gpu-box:8000/v1`). */
  baseUrl: string;
  /** Model name the server knows (vLLM: the `--served-model-name` or model path). */
  model: string;
  apiKey?: string;
  /** Requests in flight at once from this backend (default 8). */
  maxConcurrency?: number;
  /** Retries after 429, 5xx, network errors and unreadable answers (default 3). */
  maxRetries?: number;
  /** Default per-call time limit in ms, retries included (default: none). */
  timeoutMs?: number;
  /** First retry delay in ms, doubled per retry (default 500). */
  retryDelayMs?: number;
}

export interface ResolvedOpenAiSettings {
  /** Root URL without `/v1` (where `/tokenize` lives). */
  rootUrl: string;
  /** `${rootUrl}/v1`. */
  apiUrl: string;
  model: string;
  apiKey: string | undefined;
  maxConcurrency: number;
  maxRetries: number;
  timeoutMs: number | undefined;
  retryDelayMs: number;
}

/** Checks settings once and normalizes the base URL. */
export function resolveOpenAiSettings(settings: OpenAiBackendSettings): ResolvedOpenAiSettings {
  let url: URL;
  try {
    url = new URL(settings.baseUrl);
  } catch {
    throw badInput(`baseUrl must be an http(s) URL such as http://localhost:8000/v1, got "${settings.baseUrl}"`, { field: 'baseUrl' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badInput(`baseUrl must use http or https, got ${url.protocol}`, { field: 'baseUrl' });
  if (typeof settings.model !== 'string' || settings.model.length === 0) throw badInput('model must name the served model', { field: 'model' });
  const rootUrl = url.toString().replace(/\/+$/, '').replace(/\/v1$/, '');
  const count = (value: number | undefined, field: string, fallback: number, min: number): number => {
    const n = value ?? fallback;
    if (!Number.isInteger(n) || n < min) throw badInput(`${field} must be an integer >= ${min}, got ${n}`, { field });
    return n;
  };
  if (settings.timeoutMs !== undefined && !(settings.timeoutMs > 0)) throw badInput(`timeoutMs must be positive, got ${settings.timeoutMs}`, { field: 'timeoutMs' });
  return {
    rootUrl,
    apiUrl: `${rootUrl}/v1`,
    model: settings.model,
    apiKey: settings.apiKey,
    maxConcurrency: count(settings.maxConcurrency, 'maxConcurrency', 8, 1),
    maxRetries: count(settings.maxRetries, 'maxRetries', 3, 0),
    timeoutMs: settings.timeoutMs,
    retryDelayMs: count(settings.retryDelayMs, 'retryDelayMs', 500, 0),
  };
}
