import { existsSync } from 'node:fs';
import { LmscopeError } from '../../core/errors.js';

/** Turns a model-loading failure into an error that says what to check. */
export function modelLoadError(modelPath: string, cause: unknown): LmscopeError {
  if (!existsSync(modelPath)) {
    return new LmscopeError('lm_model_not_found', `no model file at ${modelPath}; pass a GGUF file (lmscope lm tiny writes a small one)`, {
      where: { file: modelPath },
      status: 404,
      cause,
    });
  }
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new LmscopeError('lm_model_invalid', `llama.cpp could not load ${modelPath} (${detail}); is it a GGUF model file?`, {
    where: { file: modelPath },
    status: 400,
    cause,
  });
}

/** node-llama-cpp is an optional native dependency: say how to get it when it fails to load. */
export function runtimeLoadError(cause: unknown): LmscopeError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new LmscopeError('lm_runtime_unavailable', `the embedded llama.cpp runtime could not start (${detail}); reinstall node-llama-cpp or use --backend openai`, {
    status: 500,
    cause,
  });
}

/** The backend was used after `close()`. */
export function backendClosed(): LmscopeError {
  return new LmscopeError('lm_closed', 'the llama backend is closed; create a new one', { status: 500 });
}
