// Tiny GGUF models made in code, served two ways: the embedded llama.cpp backend, and the OpenAI
// backend talking to the project's OpenAI-compatible server (wrapping the same model) on loopback.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLlamaBackend, createLmServerApp, createOpenAiBackend, writeTinyGguf } from '../../src/lm/index.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../src/lm/types.js';
import { listen, type RunningServer } from '../../src/server/listen.js';

export interface TinyBackends {
  dir: string;
  /** Generations run to maxTokens (end-of-sequence is nearly impossible). */
  endless: { llama: LanguageModel; openai: LanguageModel; path: string; url: string };
  /** End-of-sequence becomes likely after about `EOS_AFTER` tokens: the model "tries to stop". */
  stopping: { llama: LanguageModel; openai: LanguageModel; path: string; url: string };
  close(): Promise<void>;
}

export const EOS_AFTER = 24;

/** Writes both models, loads them (one CPU thread: the tests must stay light) and serves them. */
export async function openTinyBackends(): Promise<TinyBackends> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lmscope-think-model-'));
  const servers: RunningServer[] = [];
  const models: LanguageModel[] = [];
  const open = async (name: string, eosAfter?: number) => {
    const file = path.join(dir, `${name}.gguf`);
    await writeTinyGguf({ out: file, seed: 3, eosAfter, name });
    const llama = await createLlamaBackend({ modelPath: file, threads: 1, contextSize: 256 });
    const server = await listen(createLmServerApp(llama), 0);
    servers.push(server);
    const openai = createOpenAiBackend({ baseUrl: `${server.url}/v1`, model: llama.modelId, maxRetries: 0 });
    models.push(openai, llama);
    return { llama, openai, path: file, url: `${server.url}/v1` };
  };
  const endless = await open('endless');
  const stopping = await open('stopping', EOS_AFTER);
  return {
    dir,
    endless,
    stopping,
    async close() {
      for (const s of servers) await s.close();
      for (const m of models) await m.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface RecordedCall {
  request: CompletionRequest;
  result: CompletionResult;
}

/** Wraps a model so every completion request and result is kept for assertions. */
export function recording(model: LanguageModel): LanguageModel & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    specificationVersion: model.specificationVersion,
    backend: model.backend,
    modelId: model.modelId,
    calls,
    async complete(request) {
      const result = await model.complete(request);
      calls.push({ request, result });
      return result;
    },
    chat: (r) => model.chat(r),
    score: (r) => model.score(r),
    embed: (r) => model.embed(r),
    countTokens: (t) => model.countTokens(t),
    close: async () => {},
  };
}
