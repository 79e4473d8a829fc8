import { badInput } from '../core/errors.js';
import { scoreBatch, type BatchScore } from './scoreBatch.js';
import type { RewardContext, RewardItem } from './types.js';

/** OpenRLHF's remote reward-model request: full texts (prompt + response), the prompts, the labels. */
export interface OpenRlhfRequest {
  query: string[];
  prompts?: string[];
  labels?: (string | null)[];
}

/** The reply OpenRLHF reads: `rewards` (and `scores`, `extra_logs` per sample in newer versions). */
export interface OpenRlhfResponse {
  rewards: number[];
  scores: number[];
  extra_logs: { reward_failed: number[] };
  /** Per item: null, or why it could not be scored. Ignored by OpenRLHF; for people reading logs. */
  errors: ({ code: string; message: string } | null)[];
}

/** Validates the request body of POST /get_reward. */
export function parseOpenRlhfRequest(body: Record<string, unknown>): OpenRlhfRequest {
  const { query, prompts, labels } = body;
  if (!Array.isArray(query) || !query.every((q) => typeof q === 'string')) throw badInput('"query" must be an array of strings (prompt + response)', { field: 'query' });
  if (prompts !== undefined && (!Array.isArray(prompts) || prompts.length !== query.length || !prompts.every((p) => typeof p === 'string'))) {
    throw badInput(`"prompts" must be an array of ${query.length} strings, one per query`, { field: 'prompts' });
  }
  if (labels !== undefined && (!Array.isArray(labels) || labels.length !== query.length)) {
    throw badInput(`"labels" must be an array of ${query.length} labels, one per query`, { field: 'labels' });
  }
  return {
    query: query as string[],
    prompts: prompts as string[] | undefined,
    labels: (labels as unknown[] | undefined)?.map((l) => (l === null || l === undefined ? null : String(l))),
  };
}

/**
 * Scores an OpenRLHF batch. The response is the query with its prompt removed (OpenRLHF sends
 * prompt + response as one text); when the prompt is not a prefix, the text after its last
 * occurrence is used, and without prompts the whole query is the response.
 */
export function scoreOpenRlhf(rewardName: string, request: OpenRlhfRequest, context: RewardContext): { reply: OpenRlhfResponse; batch: BatchScore } {
  const items: RewardItem[] = request.query.map((query, i) => {
    const prompt = request.prompts?.[i] ?? '';
    return { prompt, response: responseOf(query, prompt), label: request.labels?.[i] ?? null };
  });
  const batch = scoreBatch(rewardName, items, context);
  const reply: OpenRlhfResponse = {
    rewards: batch.rewards,
    scores: batch.rewards,
    extra_logs: { reward_failed: batch.results.map((r) => (r.error ? 1 : 0)) },
    errors: batch.results.map((r) => (r.error ? { code: r.error.code, message: r.error.message } : null)),
  };
  return { reply, batch };
}

function responseOf(query: string, prompt: string): string {
  if (!prompt) return query;
  if (query.startsWith(prompt)) return query.slice(prompt.length);
  const at = query.lastIndexOf(prompt);
  return at >= 0 ? query.slice(at + prompt.length) : query;
}
