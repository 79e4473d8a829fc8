/** Every constant of the OLMoTrace pipeline, with the production Playground values as defaults. */
export interface TraceSettings {
  /** Spans may end with these tokens but never contain them (default: the tokenizer's "\n" and "."). */
  delimiterIds?: number[];
  /** Spans start and end at word boundaries (OLMoTrace: allow_spans_with_partial_words = false). */
  enforceWordBoundaries: boolean;
  minSpanLength: number;
  maxSpanFrequency: number;
  /** Keep ceil(density x response tokens) spans. */
  maxSpanDensity: number;
  rankBy: 'unigramLogprobSum' | 'length';
  maxDocsPerSpan: number;
  /** Tokens each side of a match in the retrieved window (BM25 corpus and the document view). */
  contextTokens: number;
  snippetTokens: number;
  samplingSeed: number;
  /** normalized = clamp(bm25 / (factor x response characters), 0, 1). */
  relevanceNormalizer: number;
  highThreshold: number;
  mediumThreshold: number;
  piiFilter: boolean;
  /** Limits for serving. */
  maxResponseChars: number;
  maxPromptChars: number;
  timeoutMs: number;
}

export const DEFAULT_TRACE_SETTINGS: TraceSettings = {
  enforceWordBoundaries: true,
  minSpanLength: 1,
  maxSpanFrequency: 1_000_000,
  maxSpanDensity: 0.05,
  rankBy: 'unigramLogprobSum',
  maxDocsPerSpan: 10,
  contextTokens: 250,
  snippetTokens: 40,
  samplingSeed: 42,
  relevanceNormalizer: 0.18,
  highThreshold: 0.7,
  mediumThreshold: 0.5,
  piiFilter: true,
  maxResponseChars: 40_000,
  maxPromptChars: 40_000,
  timeoutMs: 90_000,
};

export type RelevanceBucket = 'high' | 'medium' | 'low';

/** The three shading levels of the UI. */
export function bucketOf(normalized: number, s: Pick<TraceSettings, 'highThreshold' | 'mediumThreshold'>): RelevanceBucket {
  return normalized >= s.highThreshold ? 'high' : normalized >= s.mediumThreshold ? 'medium' : 'low';
}
