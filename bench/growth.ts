// Growth benchmark: replicate a token file to larger sizes (each copy perturbed so copies are not
// identical), build shards of at most 250M tokens, and measure sort time per token and count latency.
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openIndex, type IndexEngine } from '../src/index/engine.js';
import { writeShardFiles } from '../src/index/shardWriter.js';
import { FORMAT_VERSION, INDEX_MANIFEST, SHARD_FILES } from '../src/index/format.js';
import { traceResponse } from '../src/trace/trace.js';
import { syntheticResponse } from './responses.js';
import { fmt, percentile } from './util.js';

const SHARD_TOKENS = 250_000_000;
/** A prime above the olmo2 vocabulary (100,278 ids): multiplication by a non-multiple is a bijection mod P. */
const PRIME = 100_279;

export async function runGrowth(baseTokenized: string, sizes: number[], dir: string, options: { keep?: boolean } = {}): Promise<unknown[]> {
  const base = readFileSync(baseTokenized);
  const baseIds = new Int32Array(base.buffer, base.byteOffset, base.length / 4);
  const results: unknown[] = [];
  for (const size of sizes) {
    rmSync(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true });
    const shards: string[] = [];
    let sortSeconds = 0;
    const started = performance.now();
    for (let s = 0, done = 0; done < size; s++) {
      const n = Math.min(SHARD_TOKENS, size - done);
      const tokens = new Int32Array(new SharedArrayBuffer((n + 1) * 4)); // shared: the sort threads read it in place
      const docStarts: number[] = [];
      for (let i = 0; i < n; i++) {
        const at = (done + i) % baseIds.length;
        const copy = Math.floor((done + i) / baseIds.length);
        let id = baseIds[at]!;
        // Each copy maps ids through its own bijection of the vocabulary (id -> (id * m + c) mod P),
        // so copies keep the corpus's statistics without repeating it verbatim (no artificial
        // million-token repeats that no real corpus has).
        if (copy > 0 && id !== -1) id = (id * (1 + copy * 7919) + copy * 104_729) % PRIME;
        tokens[i] = id;
        if (id === -1) docStarts.push(i);
      }
      if (docStarts[0] !== 0) {
        tokens[0] = -1;
        docStarts.unshift(0);
      }
      const name = `shard-000-${String(s).padStart(5, '0')}`;
      const shardDir = path.join(dir, name);
      await fs.mkdir(shardDir);
      const written = await writeShardFiles(shardDir, { tokens, length: n, docStarts, metadataLines: docStarts.map(() => '{}'), tokenWidth: 4 });
      sortSeconds += written.seconds.sort;
      await fs.writeFile(path.join(shardDir, SHARD_FILES.manifest), JSON.stringify({ format: 'lmscope-index-shard', formatVersion: FORMAT_VERSION, tokenizer: 'olmo2', tokenWidth: 4, pointerWidth: written.pointerWidth, documents: docStarts.length, tokens: n, sources: { first: null, last: null }, checksums: written.checksums, build: {} }));
      shards.push(name);
      done += n;
    }
    const buildSeconds = (performance.now() - started) / 1000;
    await fs.writeFile(path.join(dir, INDEX_MANIFEST), JSON.stringify({ format: 'lmscope-index', formatVersion: FORMAT_VERSION, tokenizer: 'olmo2', tokenWidth: 4, shards, documents: 0, tokens: size, settings: {}, settingsHash: '', createdAt: new Date().toISOString() }));
    const engine = openIndex([dir]);
    const m = measureIndex(engine, baseIds);
    const row = { tokens: size, shards: shards.length, buildSeconds, sortSeconds, sortNsPerToken: (sortSeconds * 1e9) / size, ...m };
    console.log(`growth ${fmt(size / 1e6, 0)}M tokens: ${shards.length} shard(s), build ${fmt(buildSeconds, 1)} s, sort ${fmt(row.sortNsPerToken, 1)} ns/token, count p50 ${fmt(row.countP50Us)} µs p99 ${fmt(row.countP99Us)} µs, trace (450 tokens) p50 ${fmt(row.trace450P50Ms)} ms`);
    results.push(row);
    // --keep leaves the largest index for profiling; otherwise nothing stays behind.
    if (!options.keep || size !== sizes[sizes.length - 1]) rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/**
 * Count latency (10,000 n-grams of the base corpus, best of 3 each) and trace latency for ~450-token
 * responses (drawn from the unmapped first copy, so they are natural text) on an open index.
 */
export function measureIndex(engine: IndexEngine, baseIds: Int32Array): { countP50Us: number; countP99Us: number; trace450P50Ms: number } {
  const ns: number[] = [];
  let state = 99;
  const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let i = 0; i < 10_000; i++) {
    const len = 1 + Math.floor(rand() * 12);
    const start = Math.floor(rand() * (baseIds.length - len));
    const q = Array.from(baseIds.subarray(start, start + len)).filter((t) => t !== -1);
    if (q.length === 0) continue;
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const a = process.hrtime.bigint();
      engine.count(q);
      best = Math.min(best, Number(process.hrtime.bigint() - a));
    }
    ns.push(best);
  }
  ns.sort((a, b) => a - b);
  // Trace latency for ~450-token responses on this index (after a warm-up), drawn from the
  // unmapped first copy so that they are natural text, as a real response would be.
  const baseDocs = baseIds.reduce((n, id) => n + (id === -1 ? 1 : 0), 0);
  for (let i = 0; i < 40; i++) traceResponse(engine, { response: syntheticResponse(engine, 450, 5000 + i, baseDocs) });
  const traceMs: number[] = [];
  for (let i = 0; i < 30; i++) {
    const response = syntheticResponse(engine, 450, 450_000 + i, baseDocs);
    const a = performance.now();
    traceResponse(engine, { prompt: 'Discuss the passage.', response });
    traceMs.push(performance.now() - a);
  }
  traceMs.sort((a, b) => a - b);
  return { countP50Us: percentile(ns, 50) / 1000, countP99Us: percentile(ns, 99) / 1000, trace450P50Ms: percentile(traceMs, 50) };
}
