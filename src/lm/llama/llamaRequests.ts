import type { ChatHistoryItem, Token } from 'node-llama-cpp';
import type { ChatMessage } from '../types.js';
import type { GenerationStops } from './llamaGeneration.js';
import type { LlamaRuntime } from './llamaRuntime.js';

/**
 * Renders chat messages with the model's chat template (from the GGUF, via node-llama-cpp's chat
 * wrappers) into prompt tokens ending where the assistant's reply begins, plus the template's
 * end-of-turn triggers. A trailing assistant message is continued, not closed.
 */
export function chatPrompt(rt: LlamaRuntime, messages: ChatMessage[]): { tokens: Token[]; stops: GenerationStops } {
  const history: ChatHistoryItem[] = messages.map((m) =>
    m.role === 'assistant' ? { type: 'model', response: [m.content] } : { type: m.role, text: m.content },
  );
  if (messages[messages.length - 1]?.role !== 'assistant') history.push({ type: 'model', response: [] });
  const state = rt.chatWrapper.generateContextState({ chatHistory: history });
  const tokens = state.contextText.tokenize(rt.model.tokenizer);
  const bos = rt.model.tokens.bos;
  const withBos = bos !== null && rt.model.tokens.shouldPrependBosToken && tokens[0] !== bos ? [bos, ...tokens] : tokens;
  const stops: GenerationStops = { text: [], tokens: [] };
  for (const trigger of state.stopGenerationTriggers) {
    if (trigger.values.every((v) => typeof v === 'string')) stops.text.push(trigger.toString());
    else stops.tokens.push(trigger.tokenize(rt.model.tokenizer));
  }
  return { tokens: withBos, stops };
}

/**
 * Splits prompt + continuation into the prompt's tokens and the continuation's, tokenizing the whole
 * text once (as scoring harnesses do) and cutting where it stops agreeing with the prompt alone.
 */
export function splitScoreTokens(rt: LlamaRuntime, prompt: string, continuation: string): { prompt: Token[]; continuation: Token[] } {
  const whole = rt.promptTokens(prompt + continuation);
  const alone = rt.promptTokens(prompt);
  let shared = 0;
  while (shared < alone.length && shared < whole.length && alone[shared] === whole[shared]) shared++;
  // An empty continuation scores nothing; otherwise a token that straddles the boundary counts as continuation.
  if (continuation.length === 0) shared = whole.length;
  return { prompt: whole.slice(0, shared), continuation: whole.slice(shared) };
}
