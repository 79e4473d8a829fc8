/**
 * The LM backend contract: one small interface that every backend (`openai`, `llama`) implements
 * and every capability uses. Backends are created by factories (`createOpenAiBackend`,
 * `createLlamaBackend`); the classes behind them stay internal.
 */

/** A feature the backend cannot provide: returned next to the result instead of throwing. */
export interface UnsupportedWarning {
  type: 'unsupported';
  feature: 'logprobs' | 'seed' | 'stop' | 'topLogprobs' | 'embed' | 'score' | string;
  details?: string;
}

export interface SamplingOptions {
  /** Maximum new tokens, counted in the model's own tokens (default: 16 for complete, no cap but the context for chat). */
  maxTokens?: number;
  stop?: string[];
  temperature?: number;
  topP?: number;
  seed?: number;
  /** Return per-token log-probabilities with this many top alternatives (0 = chosen token only). */
  logprobs?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface CompletionRequest extends SamplingOptions {
  /** Raw prompt text: no chat template is applied. */
  prompt: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest extends SamplingOptions {
  messages: ChatMessage[];
}

export interface TokenAlternative {
  token: string;
  logprob: number;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
  top?: TokenAlternative[];
}

export type FinishReason = 'stop' | 'length' | 'abort' | 'error';

export interface CompletionResult {
  text: string;
  finishReason: FinishReason;
  /** Present when `logprobs` was requested and supported. */
  tokens?: TokenLogprob[];
  usage: { promptTokens: number; completionTokens: number };
  warnings: UnsupportedWarning[];
}

export interface ScoreRequest {
  prompt: string;
  continuation: string;
  /** Also return this many top alternatives for each continuation token (default 0). */
  topLogprobs?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface ScoreResult {
  /** Sum of log-probabilities of the continuation's tokens given the prompt (teacher forced). */
  logprob: number;
  tokenLogprobs: TokenLogprob[];
  warnings: UnsupportedWarning[];
}

export interface EmbedRequest {
  texts: string[];
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface EmbedResult {
  embeddings: number[][];
  warnings: UnsupportedWarning[];
}

export interface TokenizeRequest {
  text: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface TokenizeResult {
  /** The model's token ids (no BOS); absent when the backend could not tokenize. */
  tokens?: number[];
  count: number;
  /** False when `count` is an estimate; an `unsupported` warning then says why. */
  exact: boolean;
  warnings: UnsupportedWarning[];
}

export interface LanguageModel {
  readonly specificationVersion: 'v1';
  readonly backend: string;
  readonly modelId: string;
  complete(request: CompletionRequest): Promise<CompletionResult>;
  /** Applies the model's chat template. */
  chat(request: ChatRequest): Promise<CompletionResult>;
  score(request: ScoreRequest): Promise<ScoreResult>;
  embed(request: EmbedRequest): Promise<EmbedResult>;
  /** Number of the model's tokens in `text` (no BOS). */
  countTokens(text: string): Promise<number>;
  /** Token ids of `text` (no BOS), or an estimated count flagged with a warning. Optional. */
  tokenize?(request: TokenizeRequest): Promise<TokenizeResult>;
  close(): Promise<void>;
}
