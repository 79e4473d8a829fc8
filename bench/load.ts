// Load test of the trace API on loopback: concurrent clients send a fixed number of trace requests
// (distinct responses, so the cache does not answer them) to an in-process server, then to a
// Redis-mode server with two worker processes; prints throughput, p50/p99 latency and errors.
// Usage: node dist/bench/load.js --index DIR [--requests 200] [--concurrency 8] [--redis-server PATH]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openIndex } from '../src/index/engine.js';
import { createApp } from '../src/server/app.js';
import { createServerContext } from '../src/server/context.js';
import { listen } from '../src/server/listen.js';
import { fmt, packageRoot, percentile } from './util.js';
import { syntheticResponse } from './responses.js';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const indexDir = arg('index');
if (!indexDir) {
  console.error('usage: node dist/bench/load.js --index DIR [--requests 200] [--concurrency 8]');
  process.exit(2);
}
const requests = Number(arg('requests', '200'));
const concurrency = Number(arg('concurrency', '8'));
const engine = openIndex([indexDir]);
const bodies = Array.from({ length: requests }, (_, i) => JSON.stringify({ prompt: 'Discuss the passage.', response: syntheticResponse(engine, 450, 77_000 + i) }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Sends all bodies with `concurrency` clients in flight; a bounded loop that stops by itself. */
async function drive(url: string): Promise<{ seconds: number; p50: number; p99: number; errors: number }> {
  // Warm-up (not timed): every process opens its index on first use.
  await Promise.all(Array.from({ length: 4 }, (_, i) => fetch(`${url}/api/trace`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response: `warm up ${i} the end of the day` }) }).then((r) => r.arrayBuffer())));
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const a = performance.now();
      try {
        const res = await fetch(`${url}/api/trace`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(120_000) });
        await res.arrayBuffer();
        if (!res.ok) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - a);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  latencies.sort((x, y) => x - y);
  return { seconds: (performance.now() - started) / 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

function print(mode: string, r: { seconds: number; p50: number; p99: number; errors: number }): void {
  console.log(`${mode}: ${requests} requests, ${concurrency} clients: ${fmt(requests / r.seconds, 1)} req/s, p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, errors ${r.errors}`);
}

// In-process mode.
{
  const context = createServerContext({ indexDirs: [indexDir] });
  const server = await listen(await createApp(context), 0);
  print('in-process', await drive(server.url));
  await server.close();
}

// Redis mode: a redis-server, two worker processes, one API server.
const redisBin = arg('redis-server', 'redis-server')!;
if (spawnSync('sh', ['-c', `command -v ${redisBin}`]).status !== 0) {
  console.log('redis mode: skipped (no redis-server)');
  process.exit(0);
}
const port = await freePort();
const dir = mkdtempSync(path.join(os.tmpdir(), 'lmscope-load-redis-'));
const redis = spawn(redisBin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const redisUrl = `redis://127.0.0.1:${port}`;
const bin = path.join(packageRoot(), 'bin', 'lmscope.js');
const workers: ChildProcess[] = [0, 1].map(() => spawn(process.execPath, [bin, 'serve', '--index', indexDir, '--redis', redisUrl, '--worker-only'], { stdio: 'ignore' }));
await new Promise((r) => setTimeout(r, 3000));
try {
  const context = createServerContext({ indexDirs: [indexDir], settings: { redis: redisUrl } });
  const server = await listen(await createApp(context), 0);
  print('redis (2 worker processes)', await drive(server.url));
  await server.close();
  for (const close of context.onClose) await close();
} finally {
  for (const w of workers) w.kill();
  redis.kill();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
