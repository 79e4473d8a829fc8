// A scripted LanguageModel for unit tests of the budget-forcing control loop. It is NOT a real
// model: its output is a fixed function of the prompt, so tests can state exactly when it "tries"
// to end thinking. Tokens are whitespace-led words (" w1", " Wait", "</think>").
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../src/lm/types.js';

export interface ScriptOptions {
  /** Marker after which the model is thinking (the template's thinkStart). */
  thinkStart: string;
  /** Marker that means the model is answering (the template's thinkEnd). */
  thinkEnd: string;
  /** What the model writes to end thinking. */
  stopText: string;
  /** Words written before ending thinking, per segment: segment i follows the i-th extension.
   *  A function gets the request's seed (rounds of one generation share `seed % 7919`). */
  segments: number[] | ((seed: number | undefined) => number[]);
  /** Extension string whose count in the prompt selects the segment. */
  extension: string;
  /** The answer the model gives (its words), then it ends the turn; a function gets the number
   *  of words in the thinking it answers after. */
  answer: string | ((thinkingWords: number) => string);
}

export interface ScriptedModel extends LanguageModel {
  calls: CompletionRequest[];
}

const TOKEN = /\s*\S+/g;

export function countWords(text: string): number {
  return text.match(TOKEN)?.length ?? 0;
}

/** Builds the scripted model; `calls` records every completion request. */
export function createScriptedModel(script: ScriptOptions): ScriptedModel {
  const calls: CompletionRequest[] = [];
  const answerTokens = (prompt: string): string[] => {
    const thinking = prompt.slice(prompt.lastIndexOf(script.thinkStart) + script.thinkStart.length, prompt.lastIndexOf(script.thinkEnd));
    const answer = typeof script.answer === 'string' ? script.answer : script.answer(countWords(thinking));
    return answer.match(TOKEN) ?? [];
  };

  const thinkingTokens = (prompt: string, seed: number | undefined): string[] => {
    const segments = typeof script.segments === 'function' ? script.segments(seed === undefined ? undefined : seed % 7919) : script.segments;
    const thinking = prompt.slice(prompt.lastIndexOf(script.thinkStart) + script.thinkStart.length);
    const segmentIx = script.extension === '' ? 0 : thinking.split(script.extension).length - 1;
    const afterLastExtension = script.extension === '' ? thinking : thinking.slice(thinking.lastIndexOf(script.extension) + script.extension.length);
    const segment = segments[Math.min(segmentIx, segments.length - 1)]!;
    const already = script.extension !== '' && segmentIx > 0 ? countWords(afterLastExtension) : countWords(thinking);
    const out: string[] = [];
    for (let i = already; i < segment; i++) out.push(` w${i + 1}`);
    out.push(script.stopText);
    return out;
  };

  const complete = async (request: CompletionRequest): Promise<CompletionResult> => {
    calls.push(request);
    const answering = request.prompt.lastIndexOf(script.thinkEnd) > request.prompt.lastIndexOf(script.thinkStart);
    const planned = answering ? [...answerTokens(request.prompt), '<eos>'] : thinkingTokens(request.prompt, request.seed);
    const max = request.maxTokens ?? Infinity;
    let text = '';
    let generated = 0;
    for (const token of planned) {
      if (generated >= max) return { text, finishReason: 'length', usage: { promptTokens: countWords(request.prompt), completionTokens: generated }, warnings: [] };
      generated++;
      if (token === '<eos>') break;
      if ((request.stop ?? []).some((s) => (text + token).includes(s))) break;
      text += token;
    }
    return { text, finishReason: 'stop', usage: { promptTokens: countWords(request.prompt), completionTokens: generated }, warnings: [] };
  };

  return {
    specificationVersion: 'v1',
    backend: 'scripted',
    modelId: 'scripted',
    calls,
    complete,
    chat: async () => {
      throw new Error('not scripted');
    },
    score: async () => {
      throw new Error('not scripted');
    },
    embed: async () => {
      throw new Error('not scripted');
    },
    countTokens: async (text) => countWords(text),
    close: async () => {},
  };
}
