// Index benchmarks, each measured against a baseline in the same run and printed as a ratio:
//  1. end-to-end build throughput (tokenize + sort + write) from .jsonl.gz;
//  2. suffix-array construction vs libdivsufsort on the same `tokenized` file, and peak memory;
//  3. count latency over 100,000 sampled n-grams vs a C binary search over the same files;
//  4. (optional) growth: build time and count latency at larger sizes.
// Usage: node dist/bench/index.js --corpus FILE... [--out DIR] [--queries N] [--growth 25e6,250e6,1e9] [--json FILE]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIndex } from '../src/index/build.js';
import { openIndex } from '../src/index/engine.js';
import { createProgress } from '../src/core/progress.js';
import { compileBaseline, fmt, packageRoot, percentile, plainPagesEnv, runNodeMeasured } from './util.js';
import { runGrowth } from './growth.js';

function arg(name: string): string[] {
  const out: string[] = [];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== `--${name}`) continue;
    for (let j = i + 1; j < argv.length && !argv[j]!.startsWith('--'); j++) out.push(argv[j]!);
  }
  return out;
}

const corpus = arg('corpus');
if (corpus.length === 0) {
  console.error('usage: node dist/bench/index.js --corpus FILE.jsonl.gz... [--out DIR] [--queries N] [--growth 25e6,250e6] [--json FILE]');
  process.exit(2);
}
const outDir = arg('out')[0] ?? path.join(os.tmpdir(), 'lmscope-bench-index');
const queryCount = Number(arg('queries')[0] ?? 100_000);
const report: Record<string, unknown> = { machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version } };

// 1. End-to-end build.
rmSync(outDir, { recursive: true, force: true });
const t0 = performance.now();
const built = await buildIndex({ inputs: corpus, outDir, tokenizer: 'olmo2', progress: createProgress({ label: 'tokenize', unit: 'tokens' }) });
const buildSeconds = (performance.now() - t0) / 1000;
report.build = { tokens: built.tokens, documents: built.documents, seconds: buildSeconds, tokensPerSecond: built.tokens / buildSeconds, stages: built.seconds };
console.log(`build: ${built.tokens} tokens, ${built.documents} docs in ${fmt(buildSeconds)} s = ${fmt(built.tokens / buildSeconds / 1e6)} M tokens/s (target >= 1.5)`);

// 2. Suffix-array construction vs libdivsufsort on the same tokenized file.
const shardDir = path.join(outDir, built.shards[0]!);
const tokenized = path.join(shardDir, 'tokenized');
const tokenBytes = statSync(tokenized).size;
const divsufsort = compileBaseline('divsufsort_tokens', ['-ldivsufsort']);
const c = JSON.parse(execFileSync(divsufsort, [tokenized], { encoding: 'utf8', env: plainPagesEnv() })) as { seconds: number };
const sortScript = path.join(packageRoot(), 'dist', 'bench', 'sortOnly.js');
const idle = runNodeMeasured(['-e', '0']);
const ours = runNodeMeasured(['--max-old-space-size=16384', sortScript, tokenized, '4']);
const oursResult = JSON.parse(ours.stdout) as { seconds: number; tokens: number };
const beyond = ours.maxRssBytes - idle.maxRssBytes - tokenBytes;
report.suffixArray = { tokens: oursResult.tokens, lmscopeSeconds: oursResult.seconds, divsufsortSeconds: c.seconds, ratio: oursResult.seconds / c.seconds, peakBytesPerTokenBeyondTokenFile: beyond / oursResult.tokens };
console.log(`suffix array: lmscope SA-IS ${fmt(oursResult.seconds)} s vs libdivsufsort ${fmt(c.seconds)} s on the same ${tokenBytes} bytes: ratio ${fmt(oursResult.seconds / c.seconds)} (target <= 1.0); peak ${fmt(beyond / oursResult.tokens)} bytes/token beyond the token file (target <= 12)`);

// 3. Count latency: 100,000 n-grams (n = 1..12) from the corpus, a tenth perturbed to be rare or absent.
const engine = openIndex([outDir]);
const shard = engine.shards[0]!;
let state = 12345;
const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
const queries: number[][] = [];
while (queries.length < queryCount) {
  const n = 1 + Math.floor(rand() * 12);
  const start = Math.floor(rand() * (shard.tokenCount - n));
  const q = Array.from(shard.tokens.subarray(start, start + n));
  if (q.some((t) => t === 0xffffffff)) continue;
  if (rand() < 0.1) q[Math.floor(rand() * n)] = Math.floor(rand() * 100_000);
  queries.push(q);
}
const queryFile = path.join(outDir, 'queries.txt');
writeFileSync(queryFile, queries.map((q) => q.join(' ')).join('\n') + '\n');
const repeats = 3;
const ourNs: number[] = [];
let ourTotal = 0;
for (const q of queries) {
  let best = Infinity;
  let count = 0;
  for (let r = 0; r < repeats; r++) {
    const a = process.hrtime.bigint();
    count = engine.count(q);
    const ns = Number(process.hrtime.bigint() - a);
    if (ns < best) best = ns;
  }
  ourNs.push(best);
  ourTotal += count;
}
const binsearch = compileBaseline('count_binsearch');
const cOut = spawnSync(binsearch, [shardDir, '4', queryFile, String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 28, env: process.env });
const cLines = cOut.stdout.trim().split('\n').map((l) => l.split(' ').map(Number));
const cNs = cLines.map((l) => l[0]!);
const cTotal = cLines.reduce((s, l) => s + l[1]!, 0);
if (cTotal !== ourTotal) throw new Error(`count mismatch: lmscope ${ourTotal}, C ${cTotal}`);
ourNs.sort((a, b) => a - b);
cNs.sort((a, b) => a - b);
const lat = { p50: percentile(ourNs, 50) / 1000, p99: percentile(ourNs, 99) / 1000, cP50: percentile(cNs, 50) / 1000, cP99: percentile(cNs, 99) / 1000 };
report.count = { queries: queries.length, microseconds: lat, ratioP50: lat.p50 / lat.cP50, ratioP99: lat.p99 / lat.cP99, countsAgree: true };
console.log(`count latency over ${queries.length} n-grams (counts agree with C): p50 ${fmt(lat.p50)} µs vs C ${fmt(lat.cP50)} µs (ratio ${fmt(lat.p50 / lat.cP50)}), p99 ${fmt(lat.p99)} µs vs C ${fmt(lat.cP99)} µs (ratio ${fmt(lat.p99 / lat.cP99)}) (target <= 2)`);

// 4. Growth (optional; needs disk and time).
const growth = arg('growth')[0];
if (growth) report.growth = await runGrowth(tokenized, growth.split(',').map(Number), path.join(outDir, 'growth'));

const jsonOut = arg('json')[0];
if (jsonOut) {
  mkdirSync(path.dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify(report, null, 2));
}
if (!existsSync(outDir)) process.exit(1);
