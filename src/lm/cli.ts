import type { Command } from 'commander';
import { action, parseFloatOption, parseIntOption, printJson } from '../cli/run.js';
import { listen } from '../server/listen.js';
import { addBackendOptions, createLanguageModelFromOptions, type BackendOptions } from './backendOptions.js';
import { generate, scoreContinuation } from './generate.js';
import { writeTinyGguf } from './gguf/tinyModel.js';
import { createLmServerApp } from './serve/lmServerApp.js';
import type { ChatMessage } from './types.js';

interface GenerateOptions extends BackendOptions {
  prompt: string;
  chat?: boolean;
  system?: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  seed?: number;
  logprobs?: number;
  stop?: string[];
  json?: boolean;
}

/** `lmscope lm tiny | serve | generate | score`. */
export function register(program: Command): void {
  const lm = program.command('lm').description('Language models: generate and score with a local GGUF or an OpenAI-compatible server');

  lm.command('tiny')
    .description('Write a tiny llama GGUF model (random weights, real BPE vocabulary) for tests and demos')
    .requiredOption('--out <file>', 'GGUF file to write')
    .option('--seed <n>', 'seed of the weights', parseIntOption, 0)
    .option('--eos-after <n>', 'make end-of-text likely once the sequence passes about N tokens', parseIntOption)
    .option('--layers <n>', 'transformer blocks', parseIntOption)
    .option('--embedding <n>', 'embedding width', parseIntOption)
    .option('--f16', 'store matrices as f16 (default f32)')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (o: { out: string; seed: number; eosAfter?: number; layers?: number; embedding?: number; f16?: boolean; json?: boolean }) => {
        const info = await writeTinyGguf({ out: o.out, seed: o.seed, eosAfter: o.eosAfter, layers: o.layers, embedding: o.embedding, tensorType: o.f16 ? 'f16' : 'f32' });
        if (o.json) printJson(info);
        else process.stdout.write(`wrote ${info.out}: ${info.bytes} bytes, ${info.vocabularySize} tokens, ${info.layers} layers, width ${info.embedding}\n`);
      }),
    );

  addBackendOptions(
    lm
      .command('serve')
      .description('Serve a model over an OpenAI-compatible HTTP API (/v1/completions, /v1/chat/completions, /v1/embeddings, /tokenize)')
      .option('--port <n>', 'port (0 picks a free one)', parseIntOption, 8000)
      .option('--host <host>', 'interface to listen on', '127.0.0.1'),
  ).action(
    action(async (o: BackendOptions & { port: number; host: string }) => {
      const model = await createLanguageModelFromOptions(o);
      const server = await listen(createLmServerApp(model), o.port, o.host);
      process.stderr.write(`serving ${model.modelId} (${model.backend}) at ${server.url}/v1\n`);
      const shutdown = async (): Promise<void> => {
        await server.close().catch(() => undefined);
        await model.close().catch(() => undefined);
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    }),
  );

  addBackendOptions(
    lm
      .command('generate')
      .description('Generate a continuation of a prompt (or, with --chat, a reply to it)')
      .requiredOption('--prompt <text>', 'prompt text')
      .option('--chat', 'send the prompt as a user message through the chat template')
      .option('--system <text>', 'system message (with --chat)')
      .option('--max-tokens <n>', 'new tokens at most, in model tokens', parseIntOption, 64)
      .option('--temperature <t>', 'sampling temperature (0 = greedy)', parseFloatOption)
      .option('--top-p <p>', 'nucleus sampling mass', parseFloatOption)
      .option('--seed <n>', 'sampling seed', parseIntOption)
      .option('--logprobs <k>', 'per-token log-probabilities with k alternatives', parseIntOption)
      .option('--stop <strings...>', 'stop strings')
      .option('--json', 'print the result as JSON'),
  ).action(
    action(async (o: GenerateOptions) => {
      const model = await createLanguageModelFromOptions(o);
      try {
        const messages: ChatMessage[] | undefined = o.chat
          ? [...(o.system !== undefined ? [{ role: 'system' as const, content: o.system }] : []), { role: 'user', content: o.prompt }]
          : undefined;
        const sampling = { maxTokens: o.maxTokens, temperature: o.temperature, topP: o.topP, seed: o.seed, logprobs: o.logprobs, stop: o.stop, timeoutMs: o.timeoutMs };
        const result = await generate(model, messages ? { messages, ...sampling } : { prompt: o.prompt, ...sampling });
        if (o.json) return printJson(result);
        process.stdout.write(`${result.text}\n`);
        for (const t of result.tokens ?? []) process.stderr.write(`${JSON.stringify(t.token)}\t${t.logprob.toFixed(4)}\n`);
        for (const w of result.warnings) process.stderr.write(`warning: ${w.feature} is not supported${w.details ? ` (${w.details})` : ''}\n`);
      } finally {
        await model.close();
      }
    }),
  );

  addBackendOptions(
    lm
      .command('score')
      .description('Log-probability of a continuation after a prompt (teacher forced)')
      .requiredOption('--prompt <text>', 'prompt text')
      .requiredOption('--continuation <text>', 'continuation to score')
      .option('--top-logprobs <k>', 'alternatives per continuation token', parseIntOption)
      .option('--json', 'print the result as JSON'),
  ).action(
    action(async (o: BackendOptions & { prompt: string; continuation: string; topLogprobs?: number; json?: boolean }) => {
      const model = await createLanguageModelFromOptions(o);
      try {
        const result = await scoreContinuation(model, { prompt: o.prompt, continuation: o.continuation, topLogprobs: o.topLogprobs, timeoutMs: o.timeoutMs });
        if (o.json) return printJson(result);
        process.stdout.write(`${result.logprob}\n`);
        for (const w of result.warnings) process.stderr.write(`warning: ${w.feature} is not supported${w.details ? ` (${w.details})` : ''}\n`);
      } finally {
        await model.close();
      }
    }),
  );
}
