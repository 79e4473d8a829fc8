import { badInput } from '../../core/errors.js';
import type { LanguageModel } from '../../lm/types.js';
import { domainPrompt, parseDomainReply } from './msc.js';
import type { PoolItem } from './pool.js';

/** The label of questions whose classifier reply names no known MSC code. */
export const UNKNOWN_DOMAIN = 'unknown';

export interface DomainOptions {
  /** Labels rows without a precomputed `domain` (s1 used an LLM with the MSC list). */
  classifier?: LanguageModel;
  maxTokens?: number;
  onLabel?: (itemId: string, domain: string, reply: string) => Promise<void> | void;
  onItem?: () => void;
  signal?: AbortSignal;
}

/**
 * Domain of every item: its precomputed `domain`, else the classifier's MSC code (the last
 * two-digit code of its reply), else "unknown". Sets `item.domain` and returns the counts.
 */
export async function labelDomains(items: readonly PoolItem[], options: DomainOptions): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    if (item.domain === null) {
      if (!options.classifier) {
        throw badInput(`question "${item.id}" has no domain: add "domain" (an MSC code) to the pool rows or configure a classifier model`, { line: item.line, field: 'domain', item: item.id });
      }
      const result = await options.classifier.chat({ messages: [{ role: 'user', content: domainPrompt(item.question) }], maxTokens: options.maxTokens ?? 512, temperature: 0, signal: options.signal });
      item.domain = parseDomainReply(result.text) ?? UNKNOWN_DOMAIN;
      await options.onLabel?.(item.id, item.domain, result.text);
    }
    counts[item.domain] = (counts[item.domain] ?? 0) + 1;
    options.onItem?.();
  }
  return counts;
}
