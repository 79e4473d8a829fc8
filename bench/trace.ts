// Trace benchmarks on one index, side by side in one run:
//  - trace latency (full pipeline) for responses of about 100, 450 and 1,000 tokens (p50/p99);
//  - span finding: the fast algorithm vs one full search per position (the reference), same inputs.
// Usage: node dist/bench/trace.js --index DIR [--responses N] [--json FILE]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openIndex } from '../src/index/engine.js';
import { DEFAULT_TRACE_SETTINGS } from '../src/trace/settings.js';
import { findMaximalSpans } from '../src/trace/spans.js';
import { traceResponse } from '../src/trace/trace.js';
import { fmt, percentile } from './util.js';
import { syntheticResponse } from './responses.js';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const indexDir = arg('index');
if (!indexDir) {
  console.error('usage: node dist/bench/trace.js --index DIR [--responses N] [--json FILE]');
  process.exit(2);
}
const n = Number(arg('responses', '30'));
const engine = openIndex([indexDir]);
console.log(`index: ${engine.totalTokens} tokens, ${engine.totalDocs} documents, ${engine.shards.length} shard(s)`);
const report: Record<string, unknown> = { indexTokens: engine.totalTokens };
// Warm up the JIT and the page cache.
for (let i = 0; i < 5; i++) traceResponse(engine, { response: syntheticResponse(engine, 200, 1000 + i) });

for (const size of [100, 450, 1000]) {
  const responses = Array.from({ length: n }, (_, i) => syntheticResponse(engine, size, size * 1000 + i));
  const total: number[] = [];
  const fast: number[] = [];
  const reference: number[] = [];
  let spans = 0;
  for (const response of responses) {
    const a = performance.now();
    const r = traceResponse(engine, { prompt: 'Discuss the passage.', response });
    total.push(performance.now() - a);
    spans += r.spans.length;
    const ids = engine.tokenizer.encode(response);
    const b = performance.now();
    const f = findMaximalSpans(engine, ids, DEFAULT_TRACE_SETTINGS);
    fast.push(performance.now() - b);
    const c = performance.now();
    const ref = findMaximalSpans(engine, ids, DEFAULT_TRACE_SETTINGS, { algorithm: 'reference' });
    reference.push(performance.now() - c);
    if (JSON.stringify(f.spans.map((s) => [s.left, s.right])) !== JSON.stringify(ref.spans.map((s) => [s.left, s.right]))) throw new Error('fast and reference span finding disagree');
  }
  for (const list of [total, fast, reference]) list.sort((x, y) => x - y);
  const sum = (l: number[]) => l.reduce((s, x) => s + x, 0);
  const row = { responseTokens: size, responses: n, traceP50Ms: percentile(total, 50), traceP99Ms: percentile(total, 99), spansPerResponse: spans / n, spanFindingFastMs: sum(fast) / n, spanFindingReferenceMs: sum(reference) / n, spanFindingRatio: sum(fast) / sum(reference) };
  report[`tokens${size}`] = row;
  console.log(`~${size} tokens: trace p50 ${fmt(row.traceP50Ms)} ms p99 ${fmt(row.traceP99Ms)} ms, ${fmt(row.spansPerResponse, 1)} spans; span finding fast ${fmt(row.spanFindingFastMs)} ms vs reference ${fmt(row.spanFindingReferenceMs)} ms: ratio ${fmt(row.spanFindingRatio)} (target <= 0.5)`);
}
const jsonOut = arg('json');
if (jsonOut) {
  mkdirSync(path.dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify(report, null, 2));
}
