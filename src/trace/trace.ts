import { LmscopeError } from '../core/errors.js';
import { mulberry32 } from '../core/random.js';
import type { DocumentWindow, IndexEngine } from '../index/engine.js';
import { ptrAt } from '../index/shard.js';
import { tokenCharOffsets } from '../tokenizers/index.js';
import { bm25Scores, whitespaceTokens } from './bm25.js';
import { mergeOverlapping } from './merge.js';
import { findPii } from './pii.js';
import { bucketOf, DEFAULT_TRACE_SETTINGS, type RelevanceBucket, type TraceSettings } from './settings.js';
import { findMaximalSpans, type CandidateSpan, type SpanFinderStats } from './spans.js';

export interface TraceRequest {
  prompt?: string;
  response: string;
}

export interface TraceOptions {
  settings?: Partial<TraceSettings>;
  /** Index of taken-down documents (OLMoTrace's takedown engine). */
  takedown?: IndexEngine;
  indexName?: string;
  algorithm?: 'fast' | 'reference';
}

export interface TracedSpan {
  id: number;
  /** Token positions [left, right) in the response. */
  left: number;
  right: number;
  /** Character positions [charStart, charEnd) in the response. */
  charStart: number;
  charEnd: number;
  text: string;
  length: number;
  count: number;
  unigramLogprobSum: number;
  /** Best normalized relevance of the span's documents, and its bucket. */
  relevance: number;
  bucket: RelevanceBucket;
  documentIds: number[];
}

export interface Highlight {
  id: number;
  left: number;
  right: number;
  charStart: number;
  charEnd: number;
  text: string;
  relevance: number;
  bucket: RelevanceBucket;
  nestedSpans: TracedSpan[];
}

export interface TextWithMatch {
  before: string;
  match: string;
  after: string;
}

export interface TracedDocument {
  id: number;
  docIx: number;
  shard: number;
  shardDocIx: number;
  source: string | null;
  title: string | null;
  url: string | null;
  metadata: unknown;
  spanIds: number[];
  spanTexts: string[];
  snippets: (TextWithMatch & { spanId: number })[];
  /** The long context around the first span's match. */
  context: TextWithMatch;
  relevanceScore: number;
  relevance: number;
  bucket: RelevanceBucket;
  /** Other documents with the same URL, grouped into this card. */
  duplicates: { docIx: number; shard: number; relevance: number }[];
}

export interface TraceResult {
  index: string | null;
  tokenizer: string;
  promptTokens: number;
  responseTokens: number;
  spanCap: number;
  highlights: Highlight[];
  spans: TracedSpan[];
  documents: TracedDocument[];
  stats: SpanFinderStats & { candidateSpans: number; droppedForPii: number; blockedByTakedown: number };
  timingsMs: { spans: number; documents: number; total: number };
  settings: TraceSettings;
}

/** Splits a window into text before, at and after its match. */
function splitWindow(engine: IndexEngine, w: DocumentWindow, sideTokens: number): TextWithMatch {
  const offset = w.needleOffset ?? 0;
  const from = Math.max(0, offset - sideTokens);
  const to = Math.min(w.tokenIds.length, offset + w.needleLength + sideTokens);
  const dec = (a: number, b: number) => engine.tokenizer.decode(w.tokenIds.slice(a, b));
  return { before: dec(from, offset), match: dec(offset, offset + w.needleLength), after: dec(offset + w.needleLength, to) };
}

/** k distinct items of [0, n) in increasing order, or all when n <= k. */
function sampleIndices(n: number, k: number, random: () => number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  const chosen = new Set<number>();
  while (chosen.size < k) chosen.add(Math.floor(random() * n));
  return [...chosen].sort((a, b) => a - b);
}

function metaField(metadata: unknown, name: string): string | null {
  const m = metadata as { metadata?: Record<string, unknown>; path?: string } | null;
  const v = m?.metadata?.[name];
  return typeof v === 'string' && v ? v : null;
}

/**
 * Traces a response to verbatim spans of the indexed corpus, with documents and relevance:
 * the OLMoTrace pipeline (span finding, rarity ranking, document sampling, BM25 relevance,
 * merging, takedown and PII filtering).
 */
export function traceResponse(engine: IndexEngine, request: TraceRequest, options: TraceOptions = {}): TraceResult {
  const started = Date.now();
  const settings: TraceSettings = { ...DEFAULT_TRACE_SETTINGS, ...options.settings };
  const prompt = request.prompt ?? '';
  if (typeof request.response !== 'string') throw new LmscopeError('bad_request', 'response must be a string', { where: { field: 'response' } });
  if (typeof prompt !== 'string') throw new LmscopeError('bad_request', 'prompt must be a string', { where: { field: 'prompt' } });
  if (request.response.length > settings.maxResponseChars) throw new LmscopeError('response_too_long', `response has ${request.response.length} characters; the limit is ${settings.maxResponseChars}`, { where: { field: 'response' }, status: 413 });
  if (prompt.length > settings.maxPromptChars) throw new LmscopeError('prompt_too_long', `prompt has ${prompt.length} characters; the limit is ${settings.maxPromptChars}`, { where: { field: 'prompt' }, status: 413 });
  const deadline = started + settings.timeoutMs;
  const tokenizer = engine.tokenizer;
  const ids = tokenizer.encode(request.response);
  const charOffsets = tokenCharOffsets(tokenizer, request.response, ids);

  // 1. Maximal spans.
  const { spans: candidates, stats } = findMaximalSpans(engine, ids, settings, { takedown: options.takedown, deadline, algorithm: options.algorithm });
  const spansDone = Date.now();

  // 2. Keep the ceil(density x L) rarest spans, then restore text order.
  const spanCap = Math.ceil(ids.length * settings.maxSpanDensity);
  const scored = candidates.map((s) => ({ ...s, unigramLogprobSum: ids.slice(s.left, s.right).reduce((sum, id) => sum + engine.unigramLogprob(id), 0) }));
  scored.sort(settings.rankBy === 'length' ? (a, b) => b.right - b.left - (a.right - a.left) || a.left - b.left : (a, b) => a.unigramLogprobSum - b.unigramLogprobSum || a.left - b.left);
  const kept = scored.slice(0, spanCap).sort((a, b) => a.left - b.left);

  // 3. Up to maxDocsPerSpan occurrences per span (seeded sample), with windows.
  const random = mulberry32(settings.samplingSeed);
  type Pair = { spanIx: number; window: DocumentWindow };
  const pairs: Pair[] = [];
  let droppedForPii = 0;
  let blockedByTakedown = 0;
  kept.forEach((span, spanIx) => {
    if (Date.now() > deadline) throw new LmscopeError('trace_timeout', 'tracing took longer than the time limit; the server may be overloaded, try again', { status: 503, isRetryable: true });
    const needle = span.right - span.left;
    const blockedWindows = options.takedown ? takedownWindows(options.takedown, ids.slice(span.left, span.right), settings.contextTokens) : null;
    // Sample occurrence numbers over all shards, then map each to its (shard, rank): a frequent span
    // never has all its occurrences enumerated.
    for (const i of sampleIndices(span.count, settings.maxDocsPerSpan, random)) {
      const { shard, ptr } = occurrenceAt(span, i);
      const window = engine.docByPtr(shard, ptr, needle, settings.contextTokens);
      if (blockedWindows?.has(window.tokenIds.join(','))) {
        blockedByTakedown++;
        continue;
      }
      if (settings.piiFilter && findPii(window.text)) {
        droppedForPii++;
        continue;
      }
      pairs.push({ spanIx, window });
    }
  });

  function occurrenceAt(span: CandidateSpan, index: number): { shard: number; ptr: number } {
    let rest = index;
    for (let shard = 0; shard < span.segmentByShard.length; shard++) {
      const [a, b] = span.segmentByShard[shard]!;
      if (rest < b - a) return { shard, ptr: ptrAt(engine.shards[shard]!, a + rest) };
      rest -= b - a;
    }
    throw new LmscopeError('internal', `occurrence ${index} is past the span's ${span.count} occurrences`, { status: 500 });
  }

  // 4. Relevance: BM25 of each retrieved window against prompt + response.
  const raw = bm25Scores(pairs.map((p) => whitespaceTokens(p.window.text)), whitespaceTokens(`${prompt} ${request.response}`));
  const norm = (score: number) => Math.min(1, Math.max(0, score / (settings.relevanceNormalizer * Math.max(1, request.response.length))));

  // 5. Spans that kept at least one document.
  const spanRelevance = new Map<number, number>();
  pairs.forEach((p, i) => spanRelevance.set(p.spanIx, Math.max(spanRelevance.get(p.spanIx) ?? 0, norm(raw[i]!))));
  const spans: TracedSpan[] = [];
  const spanIdOf = new Map<number, number>();
  kept.forEach((s, spanIx) => {
    if (!spanRelevance.has(spanIx)) return;
    const relevance = spanRelevance.get(spanIx)!;
    const id = spans.length;
    spanIdOf.set(spanIx, id);
    spans.push({
      id,
      left: s.left,
      right: s.right,
      charStart: charOffsets[s.left]!,
      charEnd: charOffsets[s.right]!,
      text: request.response.slice(charOffsets[s.left]!, charOffsets[s.right]!),
      length: s.right - s.left,
      count: s.count,
      unigramLogprobSum: s.unigramLogprobSum,
      relevance,
      bucket: bucketOf(relevance, settings),
      documentIds: [],
    });
  });

  // 6. Documents merged by document index; cards sorted by relevance; same URL grouped.
  const cards = new Map<number, TracedDocument>();
  pairs.forEach((p, i) => {
    const spanId = spanIdOf.get(p.spanIx)!;
    const w = p.window;
    const relevance = norm(raw[i]!);
    let card = cards.get(w.docIx);
    if (!card) {
      card = {
        id: 0,
        docIx: w.docIx,
        shard: w.shard,
        shardDocIx: w.shardDocIx,
        source: metaField(w.metadata, 'source') ?? ((w.metadata as { path?: string } | null)?.path?.split('/')[0] ?? null),
        title: metaField(w.metadata, 'title'),
        url: metaField(w.metadata, 'url'),
        metadata: w.metadata,
        spanIds: [],
        spanTexts: [],
        snippets: [],
        context: splitWindow(engine, w, settings.contextTokens),
        relevanceScore: raw[i]!,
        relevance,
        bucket: bucketOf(relevance, settings),
        duplicates: [],
      };
      cards.set(w.docIx, card);
    }
    if (!card.spanIds.includes(spanId)) {
      card.spanIds.push(spanId);
      card.spanTexts.push(spans[spanId]!.text);
      card.snippets.push({ spanId, ...splitWindow(engine, w, settings.snippetTokens) });
    }
    if (raw[i]! > card.relevanceScore) {
      card.relevanceScore = raw[i]!;
      card.relevance = relevance;
      card.bucket = bucketOf(relevance, settings);
    }
  });
  const sorted = [...cards.values()].sort((a, b) => b.relevanceScore - a.relevanceScore || a.docIx - b.docIx);
  const byUrl = new Map<string, TracedDocument>();
  const documents: TracedDocument[] = [];
  for (const card of sorted) {
    const first = card.url ? byUrl.get(card.url) : undefined;
    if (first) {
      first.duplicates.push({ docIx: card.docIx, shard: card.shard, relevance: card.relevance });
      for (const id of card.spanIds) if (!first.spanIds.includes(id)) first.spanIds.push(id);
      continue;
    }
    if (card.url) byUrl.set(card.url, card);
    card.id = documents.length;
    documents.push(card);
  }
  for (const d of documents) for (const s of d.spanIds) spans[s]!.documentIds.push(d.id);

  const highlights: Highlight[] = mergeOverlapping(spans).map((h, id) => {
    const best = h.nested.reduce((a, b) => (b.relevance > a.relevance ? b : a));
    return {
      id,
      left: h.left,
      right: h.right,
      charStart: charOffsets[h.left]!,
      charEnd: charOffsets[h.right]!,
      text: request.response.slice(charOffsets[h.left]!, charOffsets[h.right]!),
      relevance: best.relevance,
      bucket: best.bucket,
      nestedSpans: h.nested,
    };
  });
  const finished = Date.now();
  return {
    index: options.indexName ?? null,
    tokenizer: tokenizer.name,
    promptTokens: prompt ? tokenizer.encode(prompt).length : 0,
    responseTokens: ids.length,
    spanCap,
    highlights,
    spans,
    documents,
    stats: { ...stats, candidateSpans: candidates.length, droppedForPii, blockedByTakedown },
    timingsMs: { spans: spansDone - started, documents: finished - spansDone, total: finished - started },
    settings,
  };
}

/** Token windows of a span's occurrences in the takedown index: identical main windows are blocked. */
function takedownWindows(takedown: IndexEngine, spanIds: number[], contextTokens: number): Set<string> {
  const out = new Set<string>();
  const found = takedown.find(spanIds);
  found.segmentByShard.forEach(([a, b], shard) => {
    for (let r = a; r < b && r < a + 1000; r++) out.add(takedown.docByRank(shard, r, spanIds.length, contextTokens).tokenIds.join(','));
  });
  return out;
}
