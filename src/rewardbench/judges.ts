import { createHash } from 'node:crypto';
import type { LanguageModel } from '../lm/types.js';
import { parseRankingVerdict, parseRating, rankingMessages, ratingMessages, type RankingStyle } from './judgePrompts.js';
import type { CompletionScorer, RowJudge, ScoredCompletion } from './scorer.js';
import { isTiesSubset, type CompletionItem } from './types.js';

export interface JudgeOptions {
  /** Maximum tokens of the judge's answer (reference: 1024 for ratings, 2048 for rankings). */
  maxTokens?: number;
  /** Sampling temperature; the reference judges at 0. */
  temperature?: number;
  timeoutMs?: number;
}

/**
 * Generative judge in ratings mode: each completion is rated 1-10 on its own with the paper's
 * prompt (the Ties variant for Ties rows); unparseable answers rate -1. Any `LanguageModel` works.
 *
 * @example const judge = createRatingsJudge(lm); await judge.scoreBatch(items)
 */
export function createRatingsJudge(lm: LanguageModel, options: JudgeOptions = {}): CompletionScorer {
  const maxTokens = options.maxTokens ?? 1024;
  const temperature = options.temperature ?? 0;
  return {
    id: `ratings:${lm.backend}:${lm.modelId}:t${temperature}:m${maxTokens}`,
    rule: 'ratings',
    batchSize: 1,
    async scoreBatch(items: readonly CompletionItem[], signal?: AbortSignal): Promise<ScoredCompletion[]> {
      const out: ScoredCompletion[] = [];
      for (const item of items) {
        const result = await lm.chat({ messages: ratingMessages(item.prompt, item.completion, isTiesSubset(item.subset)), maxTokens, temperature, signal, timeoutMs: options.timeoutMs });
        out.push({ score: parseRating(result.text), raw: result.text });
      }
      return out;
    },
  };
}

/**
 * Generative judge in rankings mode: sees the four answers in slots A-D and names the best.
 * `style: 'inline'` puts the instructions in the user turn for models without system prompts.
 */
export function createRankingJudge(lm: LanguageModel, options: JudgeOptions & { style?: RankingStyle } = {}): RowJudge {
  const maxTokens = options.maxTokens ?? 2048;
  const temperature = options.temperature ?? 0;
  const style = options.style ?? 'system';
  return {
    id: `ranking:${lm.backend}:${lm.modelId}:${style}:t${temperature}:m${maxTokens}`,
    async judgeRow(row, answers, signal) {
      const result = await lm.chat({ messages: rankingMessages(row.prompt, answers, style), maxTokens, temperature, signal, timeoutMs: options.timeoutMs });
      return { verdict: parseRankingVerdict(result.text), raw: result.text };
    },
  };
}

export interface LogprobScorerOptions {
  /** How the prompt is laid out before the completion; `{prompt}` is replaced. */
  template?: string;
  /** 'mean' (per-token, length-neutral) or 'sum' of the completion's log-probabilities. */
  reduce?: 'mean' | 'sum';
  timeoutMs?: number;
}

export const DEFAULT_LOGPROB_TEMPLATE = 'User: {prompt}\n\nAssistant: ';

/**
 * Fallback scorer for models without a reward head: the language model's log-likelihood of each
 * completion given the prompt. It is not a reward model; reports label it as a fallback.
 */
export function createLogprobScorer(lm: LanguageModel, options: LogprobScorerOptions = {}): CompletionScorer {
  const template = options.template ?? DEFAULT_LOGPROB_TEMPLATE;
  const reduce = options.reduce ?? 'mean';
  return {
    id: `logprob-${reduce}:${lm.backend}:${lm.modelId}:${createHash('sha1').update(template).digest('hex').slice(0, 8)}`,
    rule: 'reward',
    batchSize: 1,
    note: `fallback scorer: ${reduce} log-probability of each completion under ${lm.modelId}, not a reward model`,
    async scoreBatch(items, signal) {
      const out: ScoredCompletion[] = [];
      for (const item of items) {
        const prompt = template.split('{prompt}').join(item.prompt);
        const result = await lm.score({ prompt, continuation: item.completion, signal, timeoutMs: options.timeoutMs });
        const tokens = result.tokenLogprobs.length;
        const score = reduce === 'sum' ? result.logprob : tokens > 0 ? result.logprob / tokens : NaN;
        out.push({ score });
      }
      return out;
    },
  };
}
