/**
 * s1's test-time scaling metrics (§3.2) over one method's settings A: Control, Scaling and
 * Performance; each setting is one point (measured thinking tokens a, accuracy f(a)).
 */

export interface CurvePoint {
  /** The setting, e.g. "max=512" or "wait=2". */
  label: string;
  /** a: measured thinking tokens (average per problem; for parallel sampling, the sum over samples). */
  thinkingTokens: number;
  /** f(a): accuracy in percent. */
  accuracy: number;
  /** Pre-specified limits of the setting; null when the setting has none. */
  aMin: number | null;
  aMax: number | null;
}

export interface MethodMetrics {
  method: string;
  /** Fraction of settings whose measured thinking stays within their limits; null when no setting has one. */
  control: number | null;
  /** Average pairwise slope of accuracy (percentage points) per thinking token; null below 2 settings. */
  scaling: number | null;
  /** The same slope with thinking tokens on a log2 axis: points per doubling of thinking. */
  scalingPerDoubling: number | null;
  /** Best accuracy over the settings, in percent. */
  performance: number | null;
  /** |A|, the number of settings. */
  settings: number;
}

/** Control = (1/|A|) Σ 𝟙(a_min ≤ a ≤ a_max); a missing a_min is 0 and a missing a_max unbounded. */
export function control(points: readonly CurvePoint[]): number | null {
  if (points.length === 0 || points.every((p) => p.aMin === null && p.aMax === null)) return null;
  const within = points.filter((p) => p.thinkingTokens >= (p.aMin ?? 0) && p.thinkingTokens <= (p.aMax ?? Infinity)).length;
  return within / points.length;
}

/**
 * Scaling = (1 / C(|A|,2)) Σ_{a,b ∈ A, b > a} (f(b) − f(a)) / (b − a). Pairs with equal compute
 * are not in the sum (b > a is strict) but still count in C(|A|,2), as the formula is written.
 * `axis` 'log2' measures compute in doublings of thinking tokens.
 */
export function scaling(points: readonly CurvePoint[], axis: 'tokens' | 'log2' = 'tokens'): number | null {
  const n = points.length;
  if (n < 2) return null;
  const x = (p: CurvePoint): number => (axis === 'log2' ? Math.log2(p.thinkingTokens) : p.thinkingTokens);
  if (axis === 'log2' && points.some((p) => !(p.thinkingTokens > 0))) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = points[i]!;
      const b = points[j]!;
      if (x(b) > x(a)) sum += (b.accuracy - a.accuracy) / (x(b) - x(a));
    }
  }
  return sum / ((n * (n - 1)) / 2);
}

/** Performance = max_a f(a). */
export function performance(points: readonly CurvePoint[]): number | null {
  return points.length === 0 ? null : Math.max(...points.map((p) => p.accuracy));
}

/** All three metrics of one method, as one row of the table. */
export function methodMetrics(method: string, points: readonly CurvePoint[]): MethodMetrics {
  return { method, control: control(points), scaling: scaling(points), scalingPerDoubling: scaling(points, 'log2'), performance: performance(points), settings: points.length };
}

/** One graded sample of a problem: its extracted answer (null when none) and whether it is correct. */
export interface VoteSample {
  answer: string | null;
  correct: boolean;
}

/**
 * The most common extracted answer (equivalence by `same`); ties go to the answer seen first,
 * unextracted answers never win. Returns the index of a sample holding it, or -1.
 */
export function majorityIndex(samples: readonly VoteSample[], same: (a: string, b: string) => boolean = (a, b) => a === b): number {
  const groups: { first: number; answer: string; count: number }[] = [];
  samples.forEach((s, i) => {
    if (s.answer === null) return;
    const group = groups.find((g) => same(g.answer, s.answer!));
    if (group) group.count++;
    else groups.push({ first: i, answer: s.answer, count: 1 });
  });
  let best: (typeof groups)[number] | undefined;
  for (const g of groups) if (!best || g.count > best.count) best = g;
  return best ? best.first : -1;
}

/** maj@n: 1 when the majority answer of the first n samples is correct. */
export function majorityAtN(samples: readonly VoteSample[], n: number, same?: (a: string, b: string) => boolean): number {
  const ix = majorityIndex(samples.slice(0, n), same);
  return ix >= 0 && samples[ix]!.correct ? 1 : 0;
}

/** cov@n: 1 when any of the first n samples is correct. */
export function coverageAtN(samples: readonly VoteSample[], n: number): number {
  return samples.slice(0, n).some((s) => s.correct) ? 1 : 0;
}

/** n = 1, 2, 4, … up to `max` (and `max` itself when it is not a power of two). */
export function powersOfTwoUpTo(max: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= max; n *= 2) out.push(n);
  if (out.at(-1) !== max && max > 0) out.push(max);
  return out;
}
