import assert from 'node:assert/strict';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildIndex } from '../../src/index/build.js';
import { openIndex } from '../../src/index/engine.js';
import { byteOrderKey, pointerWidth } from '../../src/index/format.js';
import { getTokenizer } from '../../src/tokenizers/index.js';
import { makeTempDir, randomText, seeded, writeJsonl } from '../helpers/corpus.js';

let tmp: { dir: string; cleanup: () => Promise<void> };
before(async () => {
  tmp = await makeTempDir();
});
after(async () => tmp.cleanup());

async function corpus(name: string, docs: number, seed: number): Promise<{ file: string; texts: string[] }> {
  const random = seeded(seed);
  const texts = Array.from({ length: docs }, () => randomText(random, 20 + Math.floor(random() * 80)));
  const file = await writeJsonl(path.join(tmp.dir, `${name}.jsonl`), texts.map((text, i) => ({ text, id: `d${i}`, url: `https://example.org/${i}` })));
  return { file, texts };
}

for (const tokenizerName of ['bytes', 'olmo2', 'qwen2.5'] as const) {
  describe(`index layout with the ${tokenizerName} tokenizer`, () => {
    test('files match the infini-gram v6 layout byte for byte', async () => {
      const { file, texts } = await corpus(`layout-${tokenizerName}`, 30, 11);
      const out = path.join(tmp.dir, `idx-${tokenizerName}`);
      const result = await buildIndex({ inputs: [file], outDir: out, tokenizer: tokenizerName, threads: 0 });
      assert.equal(result.complete, true);
      const shard = path.join(out, result.shards[0]!);
      const tokenizer = getTokenizer(tokenizerName);
      const w = tokenizer.tokenWidth;

      // tokenized: a 0xFF.. separator of token width before each document, then little-endian ids.
      const expected: number[] = [];
      const docStarts: number[] = [];
      for (const t of texts) {
        docStarts.push(expected.length * w);
        expected.push(w === 1 ? 0xff : w === 2 ? 0xffff : 0xffffffff, ...tokenizer.encode(t));
      }
      const tokenized = readFileSync(path.join(shard, 'tokenized'));
      const buf = Buffer.alloc(expected.length * w);
      expected.forEach((id, i) => (w === 1 ? buf.writeUInt8(id, i) : w === 2 ? buf.writeUInt16LE(id, i * 2) : buf.writeUInt32LE(id, i * 4)));
      assert.ok(tokenized.equals(buf), 'tokenized bytes');

      // offset: u64 LE byte offsets of document starts.
      const offsets = readFileSync(path.join(shard, 'offset'));
      assert.deepEqual(Array.from({ length: offsets.length / 8 }, (_, i) => Number(offsets.readBigUInt64LE(i * 8))), docStarts);

      // table: every token position once, in byte order of the suffixes, with ceil(log2(bytes)/8)-byte pointers.
      const table = readFileSync(path.join(shard, 'table'));
      const pw = pointerWidth(tokenized.length);
      assert.equal(table.length, expected.length * pw);
      const ptrs = Array.from({ length: expected.length }, (_, r) => table.readUIntLE(r * pw, pw));
      assert.deepEqual([...ptrs].sort((a, b) => a - b), expected.map((_, i) => i * w));
      for (let r = 1; r < ptrs.length; r++) assert.ok(Buffer.compare(tokenized.subarray(ptrs[r - 1]!), tokenized.subarray(ptrs[r]!)) < 0, `suffix order at rank ${r}`);

      // metadata: one JSON line per document with path, line and the non-text fields.
      const meta = readFileSync(path.join(shard, 'metadata'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(meta.length, texts.length);
      assert.deepEqual(meta[3], { path: `layout-${tokenizerName}.jsonl`, linenum: 3, metadata: { id: 'd3', url: 'https://example.org/3' } });
      const metaoff = readFileSync(path.join(shard, 'metaoff'));
      assert.equal(metaoff.length, texts.length * 8);

      // unigram: "id count" lines, the separator counted.
      const unigram = new Map(readFileSync(path.join(shard, 'unigram'), 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number) as [number, number]));
      const counts = new Map<number, number>();
      for (const id of expected) counts.set(id, (counts.get(id) ?? 0) + 1);
      assert.deepEqual(unigram, counts);

      // manifest: tokenizer, width, counts, checksums.
      const manifest = JSON.parse(readFileSync(path.join(shard, 'manifest.json'), 'utf8'));
      assert.equal(manifest.tokenizer, tokenizerName);
      assert.equal(manifest.tokenWidth, w);
      assert.equal(manifest.tokens, expected.length);
      assert.equal(manifest.documents, texts.length);
      assert.match(manifest.checksums.table, /^[0-9a-f]{64}$/);
    });
  });
}

test('byte-order keys sort like the little-endian bytes', () => {
  const random = seeded(3);
  for (let i = 0; i < 2000; i++) {
    const a = Math.floor(random() * 2 ** 32);
    const b = Math.floor(random() * 2 ** 32);
    const ba = Buffer.alloc(4);
    const bb = Buffer.alloc(4);
    ba.writeUInt32LE(a);
    bb.writeUInt32LE(b);
    assert.equal(Math.sign(byteOrderKey(a, 4) - byteOrderKey(b, 4)), Buffer.compare(ba, bb));
    ba.writeUInt16LE(a & 0xffff);
    bb.writeUInt16LE(b & 0xffff);
    assert.equal(Math.sign(byteOrderKey(a & 0xffff, 2) - byteOrderKey(b & 0xffff, 2)), Buffer.compare(ba.subarray(0, 2), bb.subarray(0, 2)));
  }
});

test('sharding, worker threads and multi-machine workers give the same counts as one shard', async () => {
  const { file } = await corpus('shards', 60, 5);
  const second = (await corpus('shards2', 40, 6)).file;
  const single = await buildIndex({ inputs: [file, second], outDir: path.join(tmp.dir, 'single'), tokenizer: 'olmo2', threads: 0 });
  const sharded = await buildIndex({ inputs: [file, second], outDir: path.join(tmp.dir, 'sharded'), tokenizer: 'olmo2', shardTokens: 700, threads: 2 });
  assert.ok(sharded.shards.length > 3, `expected several shards, got ${sharded.shards.length}`);
  const dist = path.join(tmp.dir, 'distributed');
  const w0 = await buildIndex({ inputs: [file, second], outDir: dist, tokenizer: 'olmo2', numWorkers: 2, workerId: 0, threads: 0 });
  assert.equal(w0.complete, false);
  assert.equal(existsSync(path.join(dist, 'index.json')), false);
  assert.throws(() => openIndex([dist]), /did not finish/);
  const w1 = await buildIndex({ inputs: [file, second], outDir: dist, tokenizer: 'olmo2', numWorkers: 2, workerId: 1, threads: 0 });
  assert.equal(w1.complete, true);

  const engines = [openIndex([single.outDir]), openIndex([sharded.outDir]), openIndex([dist])];
  assert.deepEqual(engines.map((e) => e.totalDocs), [100, 100, 100]);
  const random = seeded(9);
  const ids = engines[0]!.toIds({ text: randomText(random, 400) });
  for (let i = 0; i < 200; i++) {
    const start = Math.floor(random() * (ids.length - 6));
    const q = ids.slice(start, start + 1 + Math.floor(random() * 5));
    const counts = engines.map((e) => e.count(q));
    assert.equal(counts[1], counts[0]);
    assert.equal(counts[2], counts[0]);
  }
  // Document numbers run over all shards in order.
  const lastDoc = engines[1]!.docByIx(99, 50);
  assert.equal((lastDoc.metadata as { metadata: { id: string } }).metadata.id, 'd39');
});

test('an interrupted build leaves no finished-looking index and resumes to the same result', async () => {
  const { file } = await corpus('resume', 80, 21);
  const full = await buildIndex({ inputs: [file], outDir: path.join(tmp.dir, 'uninterrupted'), tokenizer: 'olmo2', shardTokens: 1500, threads: 0 });
  const out = path.join(tmp.dir, 'interrupted');
  const controller = new AbortController();
  let shardsSeen = 0;
  const progress = { tick() {}, update() {}, done() {}, stage(label: string) {
    if (label.startsWith('tokenize') && ++shardsSeen === 2) controller.abort();
  } };
  await assert.rejects(buildIndex({ inputs: [file], outDir: out, tokenizer: 'olmo2', shardTokens: 1500, threads: 0, progress, signal: controller.signal }), /interrupted/);
  assert.equal(existsSync(path.join(out, 'index.json')), false);
  assert.throws(() => openIndex([out]), (e: Error & { code?: string }) => e.code === 'index_incomplete');
  // A crash mid-shard leaves a hidden temp dir: it must not count, and resume removes it.
  await fs.mkdir(path.join(out, '.shard-000-00009.tmp-123-abcd'));
  const resumed = await buildIndex({ inputs: [file], outDir: out, tokenizer: 'olmo2', shardTokens: 1500, threads: 0 });
  assert.ok(resumed.resumedShards.length >= 1);
  assert.equal(resumed.complete, true);
  assert.deepEqual(resumed.shards, full.shards);
  assert.equal(existsSync(path.join(out, '.shard-000-00009.tmp-123-abcd')), false);
  for (const s of full.shards) {
    const a = JSON.parse(readFileSync(path.join(full.outDir, s, 'manifest.json'), 'utf8'));
    const b = JSON.parse(readFileSync(path.join(out, s, 'manifest.json'), 'utf8'));
    assert.deepEqual(b.checksums, a.checksums, `shard ${s} identical after resume`);
  }
  // Other settings on top of existing shards are refused unless --restart.
  await assert.rejects(buildIndex({ inputs: [file], outDir: out, tokenizer: 'olmo2', shardTokens: 999, threads: 0 }), /other settings/);
  const restarted = await buildIndex({ inputs: [file], outDir: out, tokenizer: 'olmo2', shardTokens: 999, threads: 0, restart: true });
  assert.equal(restarted.resumedShards.length, 0);
});
