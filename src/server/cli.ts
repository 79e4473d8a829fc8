import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { action, parseIntOption } from '../cli/run.js';
import { buildIndex } from '../index/build.js';
import { INDEX_MANIFEST } from '../index/format.js';
import { createIndexRegistry } from '../index/registry.js';
import { createProgress } from '../core/progress.js';
import { startRedisTraceWorker } from '../trace/redisService.js';
import { createApp } from './app.js';
import { createServerContext } from './context.js';
import { listen } from './listen.js';
import { fileURLToPath } from 'node:url';
import { addBackendOptions, type BackendOptions } from '../lm/backendOptions.js';
import type { LanguageModel } from '../lm/types.js';

interface ServeOptions extends BackendOptions {
  index?: string[];
  tokenizer?: string;
  port: number;
  host: string;
  redis?: string;
  worker?: boolean;
  workerOnly?: boolean;
  concurrency: number;
  traceTimeout?: number;
  searchThreads?: number;
}

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEMO_CORPUS = path.join(packageRoot, 'data/corpus/gutenberg-sample.jsonl.gz');
export const DEMO_INDEX = path.join(packageRoot, '.lmscope/demo-index');

/** Starts the API + UI; with --worker also (or, with --worker-only, just) a Redis trace worker. */
export async function startServer(o: ServeOptions): Promise<void> {
  const indexDirs = o.index ?? [];
  const settings: Record<string, unknown> = { tokenizer: o.tokenizer, redis: o.redis, traceTimeoutMs: o.traceTimeout, searchThreads: o.searchThreads };
  // One LM backend for the whole server, created on first use (e.g. the trace page's Generate).
  let lm: Promise<LanguageModel> | undefined;
  const getLanguageModel = o.model
    ? () => {
        lm ??= import('../lm/backendOptions.js').then((m) => m.createLanguageModelFromOptions(o));
        return lm;
      }
    : undefined;
  const context = createServerContext({ indexDirs, settings, getLanguageModel });
  context.onClose.push(async () => (lm ? (await lm).close() : undefined));
  const stops: (() => Promise<void>)[] = [];
  if (o.worker || o.workerOnly) {
    if (!o.redis) throw new Error('--worker needs --redis URL');
    const registry = createIndexRegistry(indexDirs, { tokenizer: o.tokenizer, threads: o.searchThreads });
    const worker = startRedisTraceWorker(o.redis, registry, o.concurrency);
    stops.push(() => worker.close());
    process.stderr.write(`trace worker on ${o.redis} for ${registry.names().join(', ')}\n`);
  }
  if (!o.workerOnly) {
    const app = await createApp(context);
    const server = await listen(app, o.port, o.host);
    stops.push(() => server.close());
    process.stderr.write(`lmscope serving ${indexDirs.join(', ') || '(no index)'} at ${server.url}/ (trace page: ${server.url}/trace.html)\n`);
  }
  const shutdown = async () => {
    for (const stop of stops) await stop().catch(() => undefined);
    for (const close of context.onClose) await Promise.resolve(close()).catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** `lmscope serve` and `lmscope demo`. */
export function register(program: Command): void {
  const serve = program
    .command('serve')
    .description('Serve the HTTP API and web UI over one or more indexes')
    .option('--index <dirs...>', 'index directories (NAME=DIR to name one)')
    .option('--tokenizer <name>', 'tokenizer of indexes without an lmscope manifest')
    .option('--port <n>', 'port (0 picks a free one)', parseIntOption, 8080)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--redis <url>', 'share trace jobs and results through Redis (e.g. redis://127.0.0.1:6379)')
    .option('--worker', 'also run a trace worker (with --redis)')
    .option('--worker-only', 'run only a trace worker, no HTTP server (with --redis)')
    .option('--concurrency <n>', 'jobs a worker runs at once', parseIntOption, 1)
    .option('--trace-timeout <ms>', 'time limit per trace (default 90000)', parseIntOption)
    .option('--search-threads <n>', 'threads for batched searches over shards (default: all cores from 2 shards and 100M tokens, else 1)', parseIntOption);
  addBackendOptions(serve).action(action(async (o: ServeOptions) => startServer(o)));

  program
    .command('demo')
    .description('Build the bundled demo index (once) and serve the trace UI on it')
    .option('--port <n>', 'port', parseIntOption, 8080)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .action(
      action(async (o: { port: number; host: string }) => {
        if (!existsSync(path.join(DEMO_INDEX, INDEX_MANIFEST))) {
          process.stderr.write(`building the demo index from ${path.relative(process.cwd(), DEMO_CORPUS)} ...\n`);
          const progress = createProgress({ label: 'tokenize', unit: 'tokens' });
          const result = await buildIndex({ inputs: [DEMO_CORPUS], outDir: DEMO_INDEX, tokenizer: 'olmo2', progress });
          process.stderr.write(`demo index: ${result.documents} documents, ${result.tokens} tokens in ${result.seconds.total.toFixed(1)}s\n`);
        }
        await startServer({ index: [`gutenberg=${DEMO_INDEX}`], port: o.port, host: o.host, concurrency: 1 });
      }),
    );
}
