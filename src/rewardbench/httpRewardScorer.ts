import { createHash } from 'node:crypto';
import { LmscopeError } from '../core/errors.js';
import type { CompletionScorer, ScoredCompletion } from './scorer.js';
import type { CompletionItem } from './types.js';

/** vLLM's scoring endpoints for reward models: `/pooling`, `/classify` and `/score`. */
export type RewardEndpoint = 'pooling' | 'classify' | 'score';

export interface HttpRewardScorerOptions {
  /** Server root, e.g. http://127.0.0.1:8000 (the scoring endpoints are not under /v1). */
  baseUrl: string;
  model: string;
  endpoint?: RewardEndpoint;
  /** Overrides the request path (e.g. /v1/score). */
  path?: string;
  /**
   * 'messages' (default) sends the [user, assistant] conversation so the server applies the reward
   * model's chat template, one completion per request; 'text' renders `template` and batches.
   */
  input?: 'messages' | 'text';
  /** For text input: `{prompt}` and `{completion}` are replaced. */
  template?: string;
  /** Which value to take when the server returns several per completion (e.g. class probabilities). */
  labelIndex?: number;
  batchSize?: number;
  apiKey?: string;
  timeoutMs?: number;
  /** Extra request fields (e.g. `{ "use_activation": false }` for raw logits on newer vLLM). */
  extraBody?: Record<string, unknown>;
  fetch?: typeof fetch;
}

export const DEFAULT_TEXT_TEMPLATE = '<|user|>\n{prompt}\n<|assistant|>\n{completion}';

/**
 * A classifier reward model behind an OpenAI-compatible server (as vLLM serves them with
 * `--runner pooling`), spoken to with plain fetch.
 *
 * @example createHttpRewardScorer({ baseUrl: 'http://127.0.0.1:8000', model: 'Skywork/Skywork-Reward-V2-Qwen3-0.6B' })
 */
export function createHttpRewardScorer(options: HttpRewardScorerOptions): CompletionScorer {
  const endpoint = options.endpoint ?? 'pooling';
  const input = endpoint === 'score' ? 'text' : (options.input ?? 'messages');
  const template = options.template ?? DEFAULT_TEXT_TEMPLATE;
  const path = options.path ?? `/${endpoint}`;
  const url = `${options.baseUrl.replace(/\/+$/, '')}${path}`;
  const doFetch = options.fetch ?? fetch;
  const settings = `${input}:${input === 'text' && endpoint !== 'score' ? createHash('sha1').update(template).digest('hex').slice(0, 8) : '-'}:${options.labelIndex ?? '-'}:${JSON.stringify(options.extraBody ?? {})}`;

  const post = async (body: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> => {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 120_000);
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
        body: JSON.stringify({ model: options.model, ...body, ...options.extraBody }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      throw new LmscopeError('reward_server_unreachable', `cannot reach ${url}: ${(error as Error).message}; is the reward model server running?`, { status: 502, isRetryable: true, cause: error });
    }
    const text = await response.text();
    if (!response.ok) {
      throw new LmscopeError('reward_server_error', `${url} answered ${response.status}: ${text.slice(0, 300)}`, { status: 502, isRetryable: response.status === 429 || response.status >= 500 });
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new LmscopeError('reward_server_error', `${url} answered with non-JSON: ${text.slice(0, 200)}`, { status: 502 });
    }
  };

  const render = (item: CompletionItem): string => template.split('{prompt}').join(item.prompt).split('{completion}').join(item.completion);
  const messagesOf = (item: CompletionItem) => [
    { role: 'user', content: item.prompt },
    { role: 'assistant', content: item.completion },
  ];

  return {
    id: `http-${endpoint}:${url}:${options.model}:${settings}`,
    rule: 'reward',
    batchSize: options.batchSize ?? (input === 'messages' ? 1 : 16),
    async scoreBatch(items, signal): Promise<ScoredCompletion[]> {
      if (endpoint === 'score') {
        const body = await post({ text_1: items.map((i) => i.prompt), text_2: items.map((i) => i.completion) }, signal);
        return dataOf(body, items.length, url).map((d) => ({ score: extractScalar(d.score, options.labelIndex, url) }));
      }
      const field = endpoint === 'classify' ? 'probs' : 'data';
      if (input === 'text') {
        const body = await post({ input: items.map(render) }, signal);
        return dataOf(body, items.length, url).map((d) => ({ score: extractScalar(d[field], options.labelIndex, url) }));
      }
      const out: ScoredCompletion[] = [];
      for (const item of items) {
        const body = await post({ messages: messagesOf(item) }, signal);
        const [d] = dataOf(body, 1, url);
        out.push({ score: extractScalar((d as Record<string, unknown>)[field], options.labelIndex, url) });
      }
      return out;
    },
  };
}

/** The `data` list of a response, ordered by `index`, with exactly `expected` entries. */
function dataOf(body: unknown, expected: number, url: string): Record<string, unknown>[] {
  const data = (body as { data?: unknown })?.data;
  if (!Array.isArray(data) || data.length !== expected) {
    throw new LmscopeError('reward_server_error', `${url} returned ${Array.isArray(data) ? data.length : 'no'} results for ${expected} inputs`, { status: 502 });
  }
  return [...(data as Record<string, unknown>[])].sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
}

/**
 * One number per completion: a scalar, a one-element list, the `labelIndex`-th value of several,
 * or for per-token outputs (a list of lists) the last token's value.
 */
export function extractScalar(value: unknown, labelIndex: number | undefined, url = 'server'): number {
  if (typeof value === 'number') return value;
  if (value === null) return NaN;
  if (Array.isArray(value) && value.length > 0) {
    if (Array.isArray(value[value.length - 1])) return extractScalar(value[value.length - 1], labelIndex, url);
    if (value.length === 1) return extractScalar(value[0], undefined, url);
    if (labelIndex !== undefined && labelIndex >= 0 && labelIndex < value.length) return extractScalar(value[labelIndex], undefined, url);
    throw new LmscopeError('reward_output_shape', `${url} returned ${value.length} values per completion; choose one with a label index (0-${value.length - 1})`, { status: 400 });
  }
  throw new LmscopeError('reward_output_shape', `${url} returned ${JSON.stringify(value)?.slice(0, 80)} where a score was expected`, { status: 502 });
}
