import type { PoolItem } from './pool.js';

/** Why the quality filter dropped a row. */
export type QualityReason = 'api_error' | 'missing_field' | 'asy_figure' | 'image' | 'numbering' | 'bold_number';

/** s1's formatting rules (data/filter.ipynb): figures, images and problem-set numbering. */
const FORMAT_RULES: { reason: QualityReason; test: (item: PoolItem) => boolean }[] = [
  // Asymptote figures cannot be seen by the model; AIME questions keep them (their figures are optional).
  { reason: 'asy_figure', test: (i) => i.question.includes('[asy]') && !/aime/i.test(i.source) },
  { reason: 'image', test: (i) => i.question.includes('![Image]') },
  // "p1." … "p999.": questions cut from numbered problem sets.
  { reason: 'numbering', test: (i) => /(?<![A-Za-z0-9])p\d{1,3}\./.test(i.question) },
  // "**1.**"-style bold numbers: the same, in Markdown.
  { reason: 'bold_number', test: (i) => /\*\*\s*\(?\d+\s*[.):]?\s*\*\*/.test(i.question) },
];

/** The first rule a row breaks, or null when it passes: API errors, missing features, then formatting. */
export function qualityReason(item: PoolItem): QualityReason | null {
  if (item.apiError) return 'api_error';
  if (item.question.trim() === '' || item.trace.trim() === '' || item.solution.trim() === '') return 'missing_field';
  for (const rule of FORMAT_RULES) if (rule.test(item)) return rule.reason;
  return null;
}

/** Splits the pool into kept rows and per-reason drop counts. */
export function qualityFilter(items: readonly PoolItem[]): { kept: PoolItem[]; dropped: Partial<Record<QualityReason, number>> } {
  const kept: PoolItem[] = [];
  const dropped: Partial<Record<QualityReason, number>> = {};
  for (const item of items) {
    const reason = qualityReason(item);
    if (reason === null) kept.push(item);
    else dropped[reason] = (dropped[reason] ?? 0) + 1;
  }
  return { kept, dropped };
}
