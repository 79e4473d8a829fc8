import type { IndexEngine } from '../src/index/engine.js';

/**
 * A response of about `tokens` tokens that looks like model output about the corpus: stretches
 * copied from random documents (8-40 tokens) alternating with text the corpus does not have.
 */
export function syntheticResponse(engine: IndexEngine, tokens: number, seed: number, docLimit = engine.totalDocs): string {
  let state = seed >>> 0 || 1;
  const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
  const filler = ['in other words', 'which suggests that', 'notably', 'this matters because', 'as a result', 'the author implies', 'one could argue', 'more broadly'];
  const parts: string[] = [];
  let total = 0;
  while (total < tokens) {
    const doc = engine.docByIx(Math.floor(rand() * docLimit), engine.limits.maxDisplayTokens);
    const len = 8 + Math.floor(rand() * 32);
    const start = Math.floor(rand() * Math.max(1, doc.tokenIds.length - len));
    const copied = engine.tokenizer.decode(doc.tokenIds.slice(start, start + len)).replace(/\s+/g, ' ');
    parts.push(copied, filler[Math.floor(rand() * filler.length)]!);
    total = engine.tokenizer.encode(parts.join(' ')).length;
  }
  const ids = engine.tokenizer.encode(parts.join(' ')).slice(0, tokens);
  return engine.tokenizer.decode(ids);
}

