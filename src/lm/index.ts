/**
 * The LM layer: one contract (`LanguageModel`), two backends, an OpenAI-compatible server around
 * any backend, and tiny GGUF models for tests. The llama backend loads node-llama-cpp only when used.
 */
export type {
  ChatMessage,
  ChatRequest,
  CompletionRequest,
  CompletionResult,
  EmbedRequest,
  EmbedResult,
  FinishReason,
  LanguageModel,
  SamplingOptions,
  ScoreRequest,
  ScoreResult,
  TokenAlternative,
  TokenizeRequest,
  TokenizeResult,
  TokenLogprob,
  UnsupportedWarning,
} from './types.js';
export { createOpenAiBackend, type OpenAiBackendSettings } from './openai/index.js';
export { createLlamaBackend, type LlamaBackendSettings } from './llama/index.js';
export { createLanguageModelFromOptions, addBackendOptions, BACKEND_NAMES, type BackendName, type BackendOptions } from './backendOptions.js';
export { generate, scoreContinuation, type GenerateRequest, type GenerateResult, type ScoreContinuationResult } from './generate.js';
export { createLmServerApp, type LmServerOptions } from './serve/index.js';
export { writeTinyGguf, buildTinyGguf, parseGguf, readTensorValues, encodeGguf } from './gguf/index.js';
export type { TinyGgufOptions, TinyGgufInfo, GgufFile, GgufTensorInfo, GgufValue, GgufTensor } from './gguf/index.js';
