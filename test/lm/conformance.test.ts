import { after, before } from 'node:test';
import { createLlamaBackend } from '../../src/lm/llama/index.js';
import { createOpenAiBackend } from '../../src/lm/openai/index.js';
import { createLmServerApp } from '../../src/lm/serve/index.js';
import type { LanguageModel } from '../../src/lm/types.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { runConformanceSuite } from './conformanceSuite.js';
import { writeTinyModelFixture, type TinyModelFixture } from './tinyModelFixture.js';

// Both backends run the same suite on one tiny model (loaded once): the llama backend directly, and
// the openai backend over real HTTP to `lmscope lm serve`'s app on loopback, which wraps that model.
let fixture: TinyModelFixture;
let llama: LanguageModel;
let server: RunningServer;
let openai: LanguageModel;

before(async () => {
  fixture = await writeTinyModelFixture();
  llama = await createLlamaBackend({ modelPath: fixture.out, threads: 1 });
  server = await listen(createLmServerApp(llama), 0, '127.0.0.1');
  openai = createOpenAiBackend({ baseUrl: `${server.url}/v1`, model: 'tiny', maxRetries: 1, retryDelayMs: 5 });
});

after(async () => {
  await openai?.close();
  await server?.close();
  await llama?.close();
  await fixture?.remove();
});

runConformanceSuite('llama', () => llama, { embeddingWidth: 64 });
runConformanceSuite('openai via lm serve', () => openai, { embeddingWidth: 64 });
