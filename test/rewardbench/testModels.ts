import type { ChatRequest, CompletionResult, LanguageModel } from '../../src/lm/types.js';
import type { CompletionScorer, ScoredCompletion } from '../../src/rewardbench/scorer.js';
import type { CompletionItem } from '../../src/rewardbench/types.js';
import { qualityOf } from './fixtures.js';

/**
 * Deterministic scorers and judges for orchestration tests: they read the "qN" quality digit the
 * fixture texts carry, and record how they were called (calls, concurrency).
 */
export interface CountingScorer extends CompletionScorer {
  calls: CompletionItem[][];
  maxInFlight: number;
}

export function createQualityScorer(options: { id?: string; batchSize?: number; delayMs?: number; failAfterCalls?: number } = {}): CountingScorer {
  let inFlight = 0;
  const scorer: CountingScorer = {
    id: options.id ?? 'quality',
    rule: 'reward',
    batchSize: options.batchSize ?? 2,
    calls: [],
    maxInFlight: 0,
    async scoreBatch(items): Promise<ScoredCompletion[]> {
      if (options.failAfterCalls !== undefined && scorer.calls.length >= options.failAfterCalls) throw new Error('scorer went away');
      scorer.calls.push([...items]);
      inFlight++;
      scorer.maxInFlight = Math.max(scorer.maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1));
      inFlight--;
      return items.map((item) => ({ score: qualityOf(item.completion) }));
    },
  };
  return scorer;
}

/**
 * A language model whose chat answers follow the judge formats: ratings give the quality digit
 * (1 for q0) after a short explanation; rankings name the slot with the best quality digit.
 */
export function createRuleJudgeModel(options: { garbleEvery?: number } = {}): LanguageModel & { chats: ChatRequest[] } {
  const chats: ChatRequest[] = [];
  const answer = (request: ChatRequest): string => {
    const user = request.messages.at(-1)?.content ?? '';
    if (options.garbleEvery && chats.length % options.garbleEvery === 0) return 'I cannot decide.';
    if (user.includes('[The Start of Assistant A')) {
      const slots = ['A', 'B', 'C', 'D'].map((slot) => {
        const m = new RegExp(`\\[The Start of Assistant ${slot}'s Answer\\]\\n([\\s\\S]*?)\\n\\[The End`).exec(user);
        return { slot, quality: qualityOf(m?.[1] ?? '') };
      });
      const best = slots.reduce((a, b) => (b.quality > a.quality ? b : a));
      return `Comparing the four answers, one is clearly best.\n\n[[${best.slot}]]`;
    }
    const response = /\[Response\]\n([\s\S]*?)\n\n\[Your judgement\]/.exec(user)?.[1] ?? '';
    return `The response is adequate.\n\n${Math.max(1, qualityOf(response))}`;
  };
  const result = (text: string): CompletionResult => ({ text, finishReason: 'stop', usage: { promptTokens: 0, completionTokens: 0 }, warnings: [] });
  return {
    specificationVersion: 'v1',
    backend: 'rule',
    modelId: 'rule-judge',
    chats,
    async complete() {
      return result('');
    },
    async chat(request) {
      const text = answer(request);
      chats.push(request);
      return result(text);
    },
    async score() {
      return { logprob: 0, tokenLogprobs: [], warnings: [] };
    },
    async embed() {
      return { embeddings: [], warnings: [] };
    },
    async countTokens(text) {
      return text.length;
    },
    async close() {},
  };
}
