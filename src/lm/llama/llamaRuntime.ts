import type { ChatWrapper, Llama, LlamaContext, LlamaContextSequence, LlamaEmbeddingContext, LlamaModel, Token } from 'node-llama-cpp';
import { createSemaphore, type Semaphore } from '../shared/semaphore.js';
import { DEFAULT_MAX_CONTEXT, type ResolvedLlamaSettings } from './llamaOptions.js';
import { modelLoadError, runtimeLoadError } from './llamaErrors.js';

type NodeLlamaCpp = typeof import('node-llama-cpp');

/** A loaded model with one context sequence that every call shares, one call at a time. */
export interface LlamaRuntime {
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  chatWrapper: ChatWrapper;
  /** Serializes calls: one context sequence cannot run two evaluations at once. */
  queue: Semaphore;
  settings: ResolvedLlamaSettings;
  /** Prompt text to tokens, special tokens parsed, BOS first when the model wants one. */
  promptTokens(text: string): Token[];
  /**
   * Keeps the longest cached prefix of `tokens` in the KV cache and returns the rest to evaluate
   * (always at least the last token, whose logits the next step needs).
   */
  reuseCache(tokens: Token[]): Promise<Token[]>;
  embeddingContext(): Promise<LlamaEmbeddingContext>;
  /** Token text with special tokens shown (e.g. "<|im_end|>"). */
  tokenText(token: number): string;
  dispose(): Promise<void>;
}

// The native library loads once per process; every backend shares it (loading is slow and global).
let libraryPromise: Promise<{ lib: NodeLlamaCpp; llama: Llama }> | undefined;

function loadLibrary(): Promise<{ lib: NodeLlamaCpp; llama: Llama }> {
  libraryPromise ??= (async () => {
    try {
      const lib = await import('node-llama-cpp');
      // build: 'never' and gpu: false use the prebuilt CPU binaries: nothing is compiled or downloaded.
      const llama = await lib.getLlama({ gpu: false, build: 'never', logLevel: lib.LlamaLogLevel.error, progressLogs: false });
      return { lib, llama };
    } catch (error) {
      libraryPromise = undefined;
      throw runtimeLoadError(error);
    }
  })();
  return libraryPromise;
}

/** Loads the model file and creates its context (once per backend). */
export async function loadLlamaRuntime(settings: ResolvedLlamaSettings): Promise<LlamaRuntime> {
  const { lib, llama } = await loadLibrary();
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: settings.modelPath });
  } catch (error) {
    throw modelLoadError(settings.modelPath, error);
  }
  const contextSize = settings.contextSize ?? Math.min(model.trainContextSize, DEFAULT_MAX_CONTEXT);
  let context: LlamaContext;
  try {
    context = await model.createContext({ contextSize, threads: settings.threads, sequences: 1 });
  } catch (error) {
    await model.dispose();
    throw modelLoadError(settings.modelPath, error);
  }
  const sequence = context.getSequence();
  const chatWrapper = lib.resolveChatWrapper(model, { warningLogs: false }) ?? new lib.GeneralChatWrapper();
  let embeddings: Promise<LlamaEmbeddingContext> | undefined;
  const bos = model.tokens.bos;
  const prependBos = bos !== null && model.tokens.shouldPrependBosToken;

  return {
    model,
    context,
    sequence,
    chatWrapper,
    queue: createSemaphore(1),
    settings,
    promptTokens(text) {
      const tokens = model.tokenize(text, true);
      return prependBos && tokens[0] !== bos ? [bos, ...tokens] : tokens;
    },
    async reuseCache(tokens) {
      const { firstDifferentIndex } = sequence.compareContextTokens(tokens);
      const keep = Math.max(0, Math.min(firstDifferentIndex, tokens.length - 1));
      if (keep < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
      return tokens.slice(keep);
    },
    embeddingContext() {
      embeddings ??= model.createEmbeddingContext({ contextSize, threads: settings.threads });
      return embeddings;
    },
    tokenText(token) {
      return model.detokenize([token as Token], true);
    },
    async dispose() {
      if (embeddings) await (await embeddings.catch(() => undefined))?.dispose();
      await context.dispose();
      await model.dispose();
    },
  };
}
