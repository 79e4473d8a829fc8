import { createRandom } from '../random.js';
import type { PoolItem } from './pool.js';

/** How s1K picks its questions once the filters have run. */
export interface SelectionOptions {
  n: number;
  seed: number;
  /** Decides whether the trace model's own answer is right (for the benchmark seeds). */
  attemptCorrect: (item: PoolItem) => boolean;
  /** Sources whose correctly answered questions are all kept (default /gpqa|aime/i). */
  benchmarkSource?: RegExp;
  /** Sources whose long traces are all kept (default MATH: /(^|[/_])(MATH|openaimath)([/_]|$)/). */
  mathSource?: RegExp;
  /** MATH traces longer than this are seeds (default 5600 tokens). */
  longTraceTokens?: number;
  /**
   * `uniform`: every pick draws a domain uniformly (the paper's Algorithm 1). `benchmark`: after
   * `uniformPicks` selections, domains are drawn in proportion to the AIME domain counts plus half
   * the GPQA ones (s1's code).
   */
  domainDraw?: 'uniform' | 'benchmark';
  uniformPicks?: number;
}

export type SelectionReason = 'seed_benchmark' | 'seed_long_math' | 'sampled';

export interface Selected {
  item: PoolItem;
  reason: SelectionReason;
}

/**
 * Seeds (benchmark questions the trace model solved, very long MATH traces), then until `n`:
 * draw a domain, rank its questions by trace length (longest = 0), pick one with weight
 * 2^(−rank), remove it, and drop emptied domains. Items need `domain` and `traceTokens`.
 */
export function selectDiverse(items: readonly PoolItem[], options: SelectionOptions): Selected[] {
  const benchmark = options.benchmarkSource ?? /gpqa|aime/i;
  const math = options.mathSource ?? /(^|[/_])(MATH|openaimath)([/_]|$)/;
  const longTrace = options.longTraceTokens ?? 5600;
  const byLength = (a: PoolItem, b: PoolItem): number => (b.traceTokens ?? 0) - (a.traceTokens ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  const seeds: Selected[] = [];
  const rest: PoolItem[] = [];
  for (const item of items) {
    if (benchmark.test(item.source) && options.attemptCorrect(item)) seeds.push({ item, reason: 'seed_benchmark' });
    else if (math.test(item.source) && (item.traceTokens ?? 0) > longTrace) seeds.push({ item, reason: 'seed_long_math' });
    else rest.push(item);
  }
  if (seeds.length >= options.n) return seeds.sort((a, b) => byLength(a.item, b.item)).slice(0, options.n);

  const pools = new Map<string, PoolItem[]>();
  for (const item of rest) {
    const domain = item.domain ?? 'unknown';
    const list = pools.get(domain) ?? [];
    list.push(item);
    pools.set(domain, list);
  }
  for (const list of pools.values()) list.sort(byLength);
  const weights = options.domainDraw === 'benchmark' ? benchmarkWeights(items, benchmark) : null;
  const uniformPicks = options.uniformPicks ?? 700;
  const random = createRandom(options.seed);
  const selected = [...seeds];
  while (selected.length < options.n && pools.size > 0) {
    const domains = [...pools.keys()].sort();
    const drawWeights = weights && selected.length >= uniformPicks ? domains.map((d) => weights.get(d) ?? 0) : null;
    const domain = domains[drawWeights && drawWeights.some((w) => w > 0) ? random.weighted(drawWeights) : Math.floor(random.next() * domains.length)]!;
    const list = pools.get(domain)!;
    const ix = random.weighted(list.map((_, rank) => 2 ** -rank));
    selected.push({ item: list[ix]!, reason: 'sampled' });
    list.splice(ix, 1);
    if (list.length === 0) pools.delete(domain);
  }
  return selected;
}

/** AIME domain counts plus half the GPQA domain counts (s1's weighting of the tail). */
function benchmarkWeights(items: readonly PoolItem[], benchmark: RegExp): Map<string, number> {
  const weights = new Map<string, number>();
  for (const item of items) {
    if (!benchmark.test(item.source) || item.domain === null) continue;
    const w = /gpqa/i.test(item.source) ? 0.5 : 1;
    weights.set(item.domain, (weights.get(item.domain) ?? 0) + w);
  }
  return weights;
}
