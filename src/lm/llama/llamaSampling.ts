import type { Random } from '../shared/random.js';
import type { TokenAlternative } from '../types.js';

/** float32 probabilities can underflow to 0; report the smallest finite log instead of -Infinity. */
const MIN_LOGPROB = Math.log(Number.MIN_VALUE);

export function toLogprob(probability: number | undefined): number {
  return probability !== undefined && probability > 0 ? Math.log(probability) : MIN_LOGPROB;
}

/**
 * Samples a token from a next-token distribution (sorted, most likely first, as node-llama-cpp
 * returns it) with temperature and nucleus (top-p) filtering, using a seeded source.
 */
export function sampleToken(probabilities: ReadonlyMap<number, number>, options: { temperature: number; topP: number }, rng: Random): number {
  const entries = [...probabilities];
  if (entries.length === 0) throw new Error('empty next-token distribution');
  if (options.temperature <= 0) return entries[0]![0];
  // p^(1/T) keeps the order; compute in log space so small T does not underflow.
  const logs = entries.map(([, p]) => toLogprob(p) / options.temperature);
  const top = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - top));
  const total = weights.reduce((a, b) => a + b, 0);
  let keep = weights.length;
  if (options.topP < 1) {
    let mass = 0;
    for (let i = 0; i < weights.length; i++) {
      mass += weights[i]! / total;
      if (mass >= options.topP) {
        keep = i + 1;
        break;
      }
    }
  }
  const kept = weights.slice(0, keep);
  const keptTotal = kept.reduce((a, b) => a + b, 0);
  let draw = rng.next() * keptTotal;
  for (let i = 0; i < kept.length; i++) {
    draw -= kept[i]!;
    if (draw < 0) return entries[i]![0];
  }
  return entries[keep - 1]![0];
}

/** The `count` most likely tokens with their log-probabilities, most likely first. */
export function topAlternatives(probabilities: ReadonlyMap<number, number>, count: number, tokenText: (token: number) => string): TokenAlternative[] {
  const out: TokenAlternative[] = [];
  if (count <= 0) return out;
  for (const [token, p] of probabilities) {
    out.push({ token: tokenText(token), logprob: toLogprob(p) });
    if (out.length >= count) break;
  }
  return out;
}
