/**
 * Okapi BM25 with the defaults of the widely used rank_bm25 `BM25Okapi` (k1 = 1.5, b = 0.75,
 * epsilon = 0.25: negative idf values are replaced by epsilon x the mean idf).
 */
export interface Bm25Options {
  k1?: number;
  b?: number;
  epsilon?: number;
}

/** Whitespace tokenization, as OLMoTrace's relevance scoring uses. */
export function whitespaceTokens(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Scores every document of `corpus` against `query` (both already tokenized). */
export function bm25Scores(corpus: string[][], query: string[], options: Bm25Options = {}): number[] {
  const k1 = options.k1 ?? 1.5;
  const b = options.b ?? 0.75;
  const epsilon = options.epsilon ?? 0.25;
  const n = corpus.length;
  if (n === 0) return [];
  const docFreqs = corpus.map((doc) => {
    const f = new Map<string, number>();
    for (const w of doc) f.set(w, (f.get(w) ?? 0) + 1);
    return f;
  });
  const avgdl = corpus.reduce((s, d) => s + d.length, 0) / n;
  const df = new Map<string, number>();
  for (const f of docFreqs) for (const w of f.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = new Map<string, number>();
  let idfSum = 0;
  const negative: string[] = [];
  for (const [w, d] of df) {
    const value = Math.log(n - d + 0.5) - Math.log(d + 0.5);
    idf.set(w, value);
    idfSum += value;
    if (value < 0) negative.push(w);
  }
  const floor = epsilon * (idfSum / df.size);
  for (const w of negative) idf.set(w, floor);
  return docFreqs.map((f, i) => {
    const dl = corpus[i]!.length;
    let score = 0;
    for (const q of query) {
      const tf = f.get(q) ?? 0;
      if (tf === 0) continue;
      score += (idf.get(q) ?? 0) * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * dl) / (avgdl || 1))));
    }
    return score;
  });
}
