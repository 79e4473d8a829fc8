import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildIndex } from '../../src/index/build.js';
import { openIndex, type IndexEngine } from '../../src/index/engine.js';
import { bm25Scores } from '../../src/trace/bm25.js';
import { mergeOverlapping } from '../../src/trace/merge.js';
import { findPii } from '../../src/trace/pii.js';
import { DEFAULT_TRACE_SETTINGS } from '../../src/trace/settings.js';
import { findMaximalSpans } from '../../src/trace/spans.js';
import { traceResponse } from '../../src/trace/trace.js';
import { makeTempDir, randomText, seeded, writeJsonl } from '../helpers/corpus.js';

let tmp: { dir: string; cleanup: () => Promise<void> };
before(async () => {
  tmp = await makeTempDir();
});
after(async () => tmp.cleanup());

async function indexOf(name: string, docs: (string | Record<string, unknown>)[], tokenizer = 'olmo2', shardTokens?: number): Promise<IndexEngine> {
  const rows = docs.map((d, i) => (typeof d === 'string' ? { text: d, id: `${name}-${i}` } : d));
  const file = await writeJsonl(path.join(tmp.dir, `${name}.jsonl`), rows);
  await buildIndex({ inputs: [file], outDir: path.join(tmp.dir, name), tokenizer, threads: 0, shardTokens });
  return openIndex([path.join(tmp.dir, name)]);
}

/** Independent oracle: brute-force longest matches and the span rules written out plainly. */
function oracleSpans(engine: IndexEngine, corpusSeqs: number[][], ids: number[], minLen: number, maxCnt: number): [number, number][] {
  const tok = engine.tokenizer;
  const occurs = (q: number[]) => {
    let n = 0;
    for (const s of corpusSeqs) for (let i = 0; i + q.length <= s.length; i++) if (q.every((t, j) => s[i + j] === t)) n++;
    return n;
  };
  const out: [number, number][] = [];
  let maxRight = -1;
  for (let l = 0; l < ids.length; l++) {
    if (!tok.isWordStart(ids[l]!)) continue;
    let len = 0;
    while (l + len < ids.length && occurs(ids.slice(l, l + len + 1)) > 0) len++;
    const delim = ids.slice(l, l + len - 1).findIndex((t) => tok.delimiterIds.includes(t));
    if (delim >= 0) len = delim + 1;
    while (len > 0 && l + len < ids.length && !tok.isWordStart(ids[l + len]!)) len--;
    if (len < Math.max(1, minLen)) continue;
    const c = occurs(ids.slice(l, l + len));
    if (c === 0 || c > maxCnt) continue;
    if (l + len <= maxRight) continue;
    out.push([l, l + len]);
    maxRight = l + len;
  }
  return out;
}

describe('span finding', () => {
  test('fast and reference algorithms equal a brute-force oracle on random corpora', async () => {
    const random = seeded(99);
    const docs = Array.from({ length: 25 }, () => randomText(random, 60));
    const engine = await indexOf('random', docs, 'olmo2', 600);
    assert.ok(engine.shards.length > 1);
    const seqs = docs.map((d) => engine.tokenizer.encode(d));
    for (let trial = 0; trial < 25; trial++) {
      const response = ` ${randomText(random, 40)}`;
      const ids = engine.tokenizer.encode(response);
      for (const [minLen, maxCnt] of [[1, 1_000_000], [3, 4]] as const) {
        const settings = { ...DEFAULT_TRACE_SETTINGS, minSpanLength: minLen, maxSpanFrequency: maxCnt };
        const expected = oracleSpans(engine, seqs, ids, minLen, maxCnt);
        const fast = findMaximalSpans(engine, ids, settings).spans.map((s) => [s.left, s.right]);
        const reference = findMaximalSpans(engine, ids, settings, { algorithm: 'reference' }).spans.map((s) => [s.left, s.right]);
        assert.deepEqual(fast, expected, `fast, response ${JSON.stringify(response)}`);
        assert.deepEqual(reference, expected, 'reference');
      }
    }
  });

  test('delimiters end spans but never sit inside; spans start and end at word boundaries', async () => {
    const engine = await indexOf('rules', ['We met Alice Carrington. Gamma delta epsilon went home.', 'We walked past the Carringtonshire estates.']);
    const text = ' so Alice Carrington. Gamma delta epsilon went home.';
    const r = traceResponse(engine, { response: text }, { settings: { maxSpanDensity: 1 } });
    const spans = r.spans.map((s) => s.text);
    assert.ok(spans.includes(' Alice Carrington.'), spans.join('|'));
    for (const s of r.spans) {
      const inner = s.text.slice(0, -1);
      assert.ok(!inner.includes('.') && !inner.includes('\n'), `no delimiter inside "${s.text}"`);
    }
    // " past the Carringtonville": the match " past the Carr|ington" ends inside a word, so it backs off.
    const response = ' past the Carringtonville road';
    const partial = traceResponse(engine, { response }, { settings: { maxSpanDensity: 1 } });
    assert.deepEqual(partial.spans.map((s) => s.text), [' past the']);
    const allowed = traceResponse(engine, { response }, { settings: { maxSpanDensity: 1, enforceWordBoundaries: false } });
    assert.ok(allowed.spans.some((s) => s.text === ' past the Carrington'), allowed.spans.map((s) => s.text).join('|'));
  });

  test('spans are ranked by unigram log-prob sum and capped at ceil(5% of response tokens)', async () => {
    const random = seeded(4);
    const docs = Array.from({ length: 30 }, () => randomText(random, 80));
    const engine = await indexOf('rank', docs);
    const response = ` ${randomText(random, 120)}`;
    const all = traceResponse(engine, { response }, { settings: { maxSpanDensity: 1 } });
    const capped = traceResponse(engine, { response }, { settings: { maxDocsPerSpan: 1 } });
    assert.equal(capped.spanCap, Math.ceil(capped.responseTokens * 0.05));
    assert.equal(capped.spans.length, Math.min(capped.spanCap, all.spans.length));
    const rarest = [...all.spans].sort((a, b) => a.unigramLogprobSum - b.unigramLogprobSum).slice(0, capped.spanCap);
    assert.deepEqual(capped.spans.map((s) => s.text), rarest.sort((a, b) => a.left - b.left).map((s) => s.text));
    for (const s of all.spans) {
      const ids = engine.tokenizer.encode(response).slice(s.left, s.right);
      const expected = ids.reduce((sum, id) => sum + engine.unigramLogprob(id), 0);
      assert.ok(Math.abs(s.unigramLogprobSum - expected) < 1e-9);
    }
  });
});

describe('documents, relevance and filters', () => {
  test('at most 10 documents per span, sampled reproducibly; windows and snippets mark the match', async () => {
    const docs = Array.from({ length: 30 }, (_, i) => ({ text: `Entry ${i}: the silver lantern glowed over the harbour tonight. Number ${i}.`, url: `https://example.org/${i % 25}`, title: `Entry ${i}` }));
    const engine = await indexOf('many', docs);
    const response = ' Then the silver lantern glowed over the harbour once more.';
    const a = traceResponse(engine, { prompt: 'lantern', response }, { settings: { maxSpanDensity: 1 } });
    const b = traceResponse(engine, { prompt: 'lantern', response }, { settings: { maxSpanDensity: 1 } });
    const main = a.spans.find((s) => s.text.includes('silver lantern'))!;
    assert.ok(main, 'the long span is found');
    assert.equal(main.count, 30);
    const docsOfSpan = a.documents.filter((d) => d.spanIds.includes(main.id));
    const grouped = docsOfSpan.reduce((n, d) => n + 1 + d.duplicates.length, 0);
    assert.equal(grouped, 10, 'ten sampled documents (some grouped by URL)');
    assert.deepEqual(a.documents.map((d) => d.docIx), b.documents.map((d) => d.docIx), 'same seed, same sample');
    const other = traceResponse(engine, { prompt: 'lantern', response }, { settings: { maxSpanDensity: 1, samplingSeed: 7 } });
    assert.notDeepEqual(other.documents.map((d) => d.docIx).sort(), a.documents.map((d) => d.docIx).sort());
    for (const d of a.documents) {
      const snip = d.snippets.find((s) => s.spanId === main.id);
      if (snip) assert.equal(snip.match, main.text);
      assert.equal(d.title, `Entry ${d.docIx}`);
    }
    // Documents with the same URL are grouped into one card.
    const urls = a.documents.map((d) => d.url);
    assert.equal(new Set(urls).size, urls.length);
  });

  test('BM25 equals hand-computed Okapi scores (k1 = 1.5, b = 0.75, epsilon floor)', () => {
    const corpus = [['a', 'b', 'c'], ['a', 'a', 'd'], ['e', 'f', 'g', 'h']];
    const scores = bm25Scores(corpus, ['a', 'e']);
    const avgdl = 10 / 3;
    const idfA = Math.log(3 - 2 + 0.5) - Math.log(2 + 0.5); // negative: replaced by 0.25 * mean idf
    const idfOther = Math.log(3 - 1 + 0.5) - Math.log(1 + 0.5);
    const mean = (idfA + 7 * idfOther) / 8;
    const floorA = 0.25 * mean;
    const term = (tf: number, dl: number) => (tf * 2.5) / (tf + 1.5 * (0.25 + (0.75 * dl) / avgdl));
    assert.ok(Math.abs(scores[0]! - floorA * term(1, 3)) < 1e-12);
    assert.ok(Math.abs(scores[1]! - floorA * term(2, 3)) < 1e-12);
    assert.ok(Math.abs(scores[2]! - idfOther * term(1, 4)) < 1e-12);
  });

  test('relevance is normalized by 0.18 x response characters and bucketed at 0.7 / 0.5', async () => {
    const docs = ['Notes on the brass telescope of the old observatory and its keeper.', 'Unrelated text about farming, cattle and rain in the valley.', 'More unrelated words: ships, harbours, winds, sails and the sea.'];
    const engine = await indexOf('relevance', docs);
    const response = ' the brass telescope of the old observatory';
    const r = traceResponse(engine, { prompt: 'brass telescope observatory keeper', response }, { settings: { maxSpanDensity: 1 } });
    for (const d of r.documents) {
      const expected = Math.min(1, Math.max(0, d.relevanceScore / (0.18 * response.length)));
      assert.ok(Math.abs(d.relevance - expected) < 1e-12);
      assert.equal(d.bucket, d.relevance >= 0.7 ? 'high' : d.relevance >= 0.5 ? 'medium' : 'low');
    }
    for (const s of r.spans) assert.equal(s.relevance, Math.max(...r.documents.filter((d) => d.spanIds.includes(s.id)).map((d) => d.relevance)));
  });

  test('PII: documents showing an email, phone number or IP address are dropped, and spans left without documents too', async () => {
    assert.equal(findPii('write to jane.doe@example.com today'), 'email');
    assert.equal(findPii('call 555-123-4567 now'), 'phone');
    assert.equal(findPii('host 192.168.10.20 is up'), 'ipv4');
    assert.equal(findPii('nothing personal here'), null);
    const engine = await indexOf('pii', ['The crimson kettle whistled loudly. Contact me at kettle.fan@example.com for more.', 'A blue teapot sat quietly on the shelf.']);
    const response = ' The crimson kettle whistled loudly. A blue teapot sat quietly.';
    const filtered = traceResponse(engine, { response }, { settings: { maxSpanDensity: 1 } });
    assert.ok(!filtered.spans.some((s) => s.text.includes('crimson')));
    assert.ok(filtered.spans.some((s) => s.text.includes('blue teapot')));
    assert.ok(filtered.stats.droppedForPii >= 1);
    const unfiltered = traceResponse(engine, { response }, { settings: { maxSpanDensity: 1, piiFilter: false } });
    assert.ok(unfiltered.spans.some((s) => s.text.includes('crimson')));
  });

  test('takedown: spans must occur outside the removed documents, and identical windows are blocked', async () => {
    const removed = 'The secret recipe calls for three golden apples and saffron.';
    const engine = await indexOf('main-td', [removed, 'Three golden apples were found in the orchard.', 'Saffron is a costly spice.']);
    const takedown = await indexOf('takedown', [removed]);
    const response = ' The secret recipe calls for three golden apples and saffron.';
    const plain = traceResponse(engine, { response }, { settings: { maxSpanDensity: 1 } });
    assert.ok(plain.spans.some((s) => s.text.includes('secret recipe')));
    const r = traceResponse(engine, { response }, { settings: { maxSpanDensity: 1 }, takedown });
    assert.ok(!r.spans.some((s) => s.text.includes('secret recipe')), r.spans.map((s) => s.text).join('|'));
    assert.ok(!r.documents.some((d) => d.docIx === 0), 'the removed document is never shown');
  });

  test('overlapping spans merge into highlights that keep nested spans', () => {
    const merged = mergeOverlapping([{ left: 0, right: 4 }, { left: 2, right: 6 }, { left: 5, right: 9 }, { left: 12, right: 14 }]);
    assert.deepEqual(merged.map((m) => [m.left, m.right, m.nested.length]), [[0, 9, 3], [12, 14, 1]]);
  });

  test('result shape: positions in tokens and characters, counts, nested spans, documents with context', async () => {
    const engine = await indexOf('shape', ['It was a bright cold day in April, and the clocks were striking thirteen.']);
    const response = 'Indeed it was a bright cold day in April, and the clocks were striking thirteen.';
    const r = traceResponse(engine, { prompt: 'Open a novel', response }, { settings: { maxSpanDensity: 1 } });
    assert.ok(r.spans.length >= 1);
    for (const s of r.spans) {
      assert.equal(response.slice(s.charStart, s.charEnd), s.text);
      assert.equal(s.length, s.right - s.left);
      assert.ok(s.count >= 1 && s.documentIds.length >= 1);
    }
    for (const h of r.highlights) assert.ok(h.nestedSpans.length >= 1 && h.charStart <= h.nestedSpans[0]!.charStart);
    const d = r.documents[0]!;
    assert.deepEqual(Object.keys(d.context).sort(), ['after', 'before', 'match']);
    assert.equal(typeof d.shard, 'number');
    assert.deepEqual(JSON.parse(JSON.stringify(r)).spans, r.spans, 'JSON-serializable');
  });

  test('limits: an oversized response and a timed-out trace give clear errors', async () => {
    const engine = await indexOf('limits', ['short text here.']);
    assert.throws(() => traceResponse(engine, { response: 'x'.repeat(50) }, { settings: { maxResponseChars: 10 } }), (e: Error & { code?: string; status?: number }) => e.code === 'response_too_long' && e.status === 413);
    assert.throws(() => traceResponse(engine, { response: ' short text here. '.repeat(200) }, { settings: { timeoutMs: -1 } }), (e: Error & { code?: string; status?: number }) => e.code === 'trace_timeout' && e.status === 503);
  });
});
