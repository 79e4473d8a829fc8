import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildIndex } from '../../src/index/build.js';
import { openIndex, type IndexEngine } from '../../src/index/engine.js';
import { runIndexQuery } from '../../src/index/queries.js';
import { getTokenizer } from '../../src/tokenizers/index.js';
import { makeTempDir, randomText, seeded, writeJsonl } from '../helpers/corpus.js';

/** Brute-force oracle over the token sequence (separators included). */
function occurrences(seq: number[], q: number[]): number[] {
  const out: number[] = [];
  outer: for (let i = 0; i + q.length <= seq.length; i++) {
    for (let j = 0; j < q.length; j++) if (seq[i + j] !== q[j]) continue outer;
    out.push(i);
  }
  return out;
}

for (const tokenizerName of ['bytes', 'olmo2'] as const) {
  describe(`queries against brute force (${tokenizerName}, 3 shards)`, () => {
    let tmp: { dir: string; cleanup: () => Promise<void> };
    let engine: IndexEngine;
    let seq: number[];
    let docs: string[];
    const sep = tokenizerName === 'bytes' ? 0xff : 0xffffffff;
    before(async () => {
      tmp = await makeTempDir();
      const random = seeded(tokenizerName === 'bytes' ? 1 : 2);
      docs = Array.from({ length: 40 }, () => randomText(random, 30 + Math.floor(random() * 60)));
      const file = await writeJsonl(path.join(tmp.dir, 'c.jsonl'), docs.map((text, i) => ({ text, id: i })));
      await buildIndex({ inputs: [file], outDir: path.join(tmp.dir, 'idx'), tokenizer: tokenizerName, shardTokens: tokenizerName === 'bytes' ? 3000 : 800, threads: 0 });
      engine = openIndex([path.join(tmp.dir, 'idx')]);
      assert.ok(engine.shards.length >= 3);
      const tok = getTokenizer(tokenizerName);
      seq = [];
      for (const d of docs) seq.push(sep, ...tok.encode(d));
    });
    after(async () => tmp.cleanup());

    // Queries: n-grams sampled from the corpus (n = 1..8), some perturbed to be rare or absent.
    function sampleQueries(count: number, seed: number): number[][] {
      const random = seeded(seed);
      const out: number[][] = [];
      for (let i = 0; i < count; i++) {
        const n = 1 + Math.floor(random() * 8);
        const start = Math.floor(random() * (seq.length - n));
        const q = seq.slice(start, start + n).filter((t) => t !== sep);
        if (q.length === 0) continue;
        if (random() < 0.15) q[Math.floor(random() * q.length)] = seq[Math.floor(random() * seq.length)] === sep ? 3 : seq[Math.floor(random() * seq.length)]!;
        out.push(q.map((t) => (t === sep ? 3 : t)));
      }
      return out;
    }

    test('batched searches (findMany, longestMatches) equal one-at-a-time find and brute force', () => {
      const random = seeded(17);
      const queries = sampleQueries(60, 21);
      const ids = queries.flat();
      const ranges: [number, number][] = [];
      let at = 0;
      for (const q of queries) {
        ranges.push([at, at + q.length]);
        at += q.length;
      }
      const many = engine.findMany(ids, ranges);
      queries.forEach((q, i) => assert.deepEqual(many[i], engine.find(q), `range ${i}`));
      // Longest occurring prefix from random starts, against brute force.
      const response = Array.from({ length: 80 }, () => seq[Math.floor(random() * seq.length)]!).map((t) => (t === sep ? 3 : t));
      const copied = seq.slice(100, 140).filter((t) => t !== sep);
      response.splice(20, 0, ...copied);
      const starts = Array.from({ length: response.length }, (_, i) => i).filter(() => random() < 0.7);
      const { best: lengths, byShard } = engine.longestMatches(response, starts);
      assert.equal(byShard.length, engine.shards.length);
      starts.forEach((l, i) => {
        assert.equal(Math.max(...byShard.map((b) => b[i]!)), lengths[i], 'best is the max over shards');
        let len = 0;
        while (l + len < response.length && occurrences(seq, response.slice(l, l + len + 1)).length > 0) len++;
        assert.equal(lengths[i], len, `longest match at ${l}`);
      });
      assert.ok(Math.max(...lengths) >= 10, 'the copied stretch is found');
      assert.throws(() => engine.findMany(response, [[5, response.length + 1]]), /outside the/);
      assert.throws(() => engine.longestMatches(response, [-1]), /outside the/);
      // Skipping the shards whose longest match is too short changes no count.
      const spans = starts.map((l, i) => [l, l + Math.max(1, lengths[i]!)] as [number, number]);
      const skipped = engine.findMany(response, spans, (k, s) => byShard[s]![k]! < spans[k]![1] - spans[k]![0]);
      spans.forEach(([a, b], k) => assert.equal(skipped[k]!.count, engine.count(response.slice(a, b)), `span ${a}-${b}`));
    });

    test('batched searches on threads (one per shard) equal the single-threaded engine', async () => {
      const threaded = openIndex([path.join(tmp.dir, 'idx')], { threads: engine.shards.length });
      try {
        // Worker threads run from the compiled package; from TypeScript sources the engine stays on one thread.
        if (!import.meta.url.endsWith('.ts')) assert.equal(threaded.searchThreads, engine.shards.length);
        const random = seeded(33);
        for (let trial = 0; trial < 5; trial++) {
          const response = Array.from({ length: 60 }, () => seq[Math.floor(random() * seq.length)]!).map((t) => (t === sep ? 3 : t));
          response.splice(10, 0, ...seq.slice(200 + trial * 50, 230 + trial * 50).filter((t) => t !== sep));
          const starts = response.map((_, i) => i);
          const one = engine.longestMatches(response, starts);
          const many = threaded.longestMatches(response, starts);
          assert.deepEqual(many.best, one.best);
          assert.deepEqual(many.byShard, one.byShard);
          const ranges = starts.map((l) => [l, l + Math.max(1, one.best[l]!)] as [number, number]);
          const absent = (k: number, s: number) => one.byShard[s]![k]! < ranges[k]![1] - ranges[k]![0];
          assert.deepEqual(threaded.findMany(response, ranges, absent), engine.findMany(response, ranges, absent));
          assert.deepEqual(threaded.findMany(response, ranges), engine.findMany(response, ranges));
        }
        // Threads gone (closed, or crashed between requests): their shards are searched here.
        await threaded.close();
        assert.equal(threaded.searchThreads, 1);
        const response = seq.slice(300, 360).map((t) => (t === sep ? 3 : t));
        const starts = response.map((_, i) => i);
        assert.deepEqual(threaded.longestMatches(response, starts), engine.longestMatches(response, starts));
      } finally {
        await threaded.close();
      }
    });

    test('count and find equal brute force; every rank in a range starts with the query', () => {
      for (const q of sampleQueries(300, 5)) {
        const expected = occurrences(seq, q).length;
        const found = engine.find(q);
        assert.equal(found.count, expected, `count of ${q}`);
        found.segmentByShard.forEach(([a, b], si) => {
          for (let r = a; r < b; r++) {
            const doc = engine.docByRank(si, r, q.length, 0);
            assert.deepEqual(doc.tokenIds, q);
          }
        });
      }
      assert.equal(engine.count([]), seq.length);
    });

    test('prob and ntd equal brute force (exact with enough support)', () => {
      for (const q of sampleQueries(80, 6)) {
        const occ = occurrences(seq, q);
        if (occ.length > 1000) continue; // sampled above max support; covered below
        const next = new Map<number, number>();
        for (const i of occ) {
          const t = i + q.length < seq.length ? seq[i + q.length]! : sep;
          next.set(t, (next.get(t) ?? 0) + 1);
        }
        const ntd = engine.ntd(q, 1000);
        assert.equal(ntd.promptCount, occ.length);
        assert.equal(ntd.approx, false);
        assert.deepEqual(new Map(ntd.distribution.map((e) => [e.token, e.count])), next);
        for (const [t, c] of next) {
          if (t === sep) continue;
          const p = engine.prob(q, t);
          assert.equal(p.count, c);
          assert.equal(p.prob, c / occ.length);
        }
        if (occ.length === 0) assert.equal(engine.prob(q, 5).prob, -1);
      }
    });

    test('ntd with small max support samples, flags approx, and keeps the total', () => {
      const q = [seq[1]!];
      const exact = engine.ntd(q, 1000);
      const sampled = engine.ntd(q, 2);
      assert.ok(exact.promptCount > 2);
      assert.equal(sampled.approx, true);
      assert.equal(sampled.distribution.reduce((s, e) => s + e.count, 0), exact.promptCount);
    });

    test('∞-gram prob backs off to the longest occurring suffix', () => {
      const random = seeded(8);
      for (let i = 0; i < 60; i++) {
        const start = 1 + Math.floor(random() * (seq.length - 20));
        const prompt = seq.slice(start, start + 10).map((t) => (t === sep ? 3 : t));
        prompt[Math.floor(random() * 10)] = 7; // a rare edit somewhere
        let k = 0;
        for (let len = prompt.length; len >= 0; len--) {
          if (len === 0 || occurrences(seq, prompt.slice(prompt.length - len)).length > 0) {
            k = len;
            break;
          }
        }
        const next = seq[start + 10]!;
        const r = engine.infgramProb(prompt, next === sep ? 3 : next);
        assert.equal(r.suffixLength, k, `suffix of ${prompt}`);
        const ctx = prompt.slice(prompt.length - k);
        assert.equal(r.promptCount, k === 0 ? seq.length : occurrences(seq, ctx).length);
        const nd = engine.infgramNtd(prompt);
        assert.equal(nd.suffixLength, k);
      }
    });

    test('CNF search equals brute force over documents (AND of ORs within a distance)', () => {
      const tok = getTokenizer(tokenizerName);
      const a = tok.encode(tokenizerName === 'bytes' ? 'cat' : ' cat');
      const b = tok.encode(tokenizerName === 'bytes' ? 'dog' : ' dog');
      const c = tok.encode(tokenizerName === 'bytes' ? 'mat' : ' mat');
      const maxDiff = tokenizerName === 'bytes' ? 20 : 5;
      // Brute force: occurrences of clause 0 that reach clause 1 (b OR c) within maxDiff tokens in the same document.
      let expected = 0;
      let offset = 0;
      for (const d of docs) {
        const ids = [sep, ...tok.encode(d)];
        const pa = occurrences(ids, a);
        const pbc = [...occurrences(ids, b), ...occurrences(ids, c)];
        for (const p of pa) if (pbc.some((x) => Math.abs(x - p) <= maxDiff)) expected++;
        offset += ids.length;
      }
      const r = engine.searchCnf([[a], [b, c]], { maxDiffTokens: maxDiff, maxDocs: 3 });
      assert.equal(r.count, expected);
      assert.equal(r.approx, false);
      assert.equal(r.documents.length, expected > 0 ? 3 : 0);
      for (const doc of r.documents) assert.deepEqual(doc.tokenIds.slice(doc.needleOffset!, doc.needleOffset! + a.length), a);
      const sub = engine.searchCnf([[a], [b, c]], { maxDiffTokens: maxDiff, maxClauseFreq: 2 });
      assert.equal(sub.approx, true);
    });

    test('documents by index, rank and pointer, with clipped context windows', () => {
      const tok = getTokenizer(tokenizerName);
      for (const ix of [0, 7, 39]) {
        const d = engine.docByIx(ix, 10_000);
        assert.equal(d.text, docs[ix]);
        assert.equal((d.metadata as { metadata: { id: number } }).metadata.id, ix);
        assert.equal(d.docLength, tok.encode(docs[ix]!).length);
      }
      const q = seq.slice(5, 8);
      const found = engine.find(q);
      const si = found.segmentByShard.findIndex(([a, b]) => b > a);
      const w = engine.docByRank(si, found.segmentByShard[si]![0], q.length, 2);
      assert.deepEqual(w.tokenIds.slice(w.needleOffset!, w.needleOffset! + 3), q);
      assert.ok(w.tokenIds.length <= 3 + 4);
    });

    test('bad queries name the problem and the allowed range', () => {
      assert.throws(() => engine.toIds({ ids: [1, engine.tokenizer.vocabSize + 5] }), /outside the vocabulary \[0, \d+\]/);
      assert.throws(() => engine.toIds({ ids: new Array(engine.limits.maxQueryTokens + 1).fill(1) }), /limit is/);
      assert.throws(() => runIndexQuery(engine, 'ntd', { query: 'a', maxSupport: 0 }), /maxSupport must be an integer in \[1, 1000\]/);
      assert.throws(() => engine.docByIx(engine.totalDocs), /document index must be in/);
      assert.throws(() => runIndexQuery(engine, 'prob', { query: 'the' }), /next token/);
    });
  });
}
