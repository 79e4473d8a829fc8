import { LmscopeError } from '../core/errors.js';
import { DEFAULT_TRACE_SETTINGS, type TraceSettings } from './settings.js';

/** Settings a request may override, with their allowed ranges (checked once for CLI and HTTP). */
const OVERRIDABLE: Partial<Record<keyof TraceSettings, [number, number]>> = {
  minSpanLength: [1, 1000],
  maxSpanFrequency: [1, 1e12],
  maxSpanDensity: [0.0001, 1],
  maxDocsPerSpan: [1, 100],
  contextTokens: [0, 2000],
  snippetTokens: [0, 500],
  samplingSeed: [0, 2 ** 31],
  relevanceNormalizer: [1e-6, 1e6],
  highThreshold: [0, 1],
  mediumThreshold: [0, 1],
};

/** Validates `settings` from a request body; unknown keys and out-of-range values are 400s. */
export function parseTraceSettings(input: unknown): Partial<TraceSettings> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new LmscopeError('bad_request', 'settings must be an object', { where: { field: 'settings' } });
  const out: Partial<TraceSettings> = {};
  for (const [key, value] of Object.entries(input)) {
    const field = `settings.${key}`;
    if (key === 'enforceWordBoundaries' || key === 'piiFilter') {
      if (typeof value !== 'boolean') throw new LmscopeError('bad_request', `${key} must be true or false`, { where: { field } });
      out[key] = value;
    } else if (key === 'rankBy') {
      if (value !== 'unigramLogprobSum' && value !== 'length') throw new LmscopeError('bad_request', 'rankBy must be "unigramLogprobSum" or "length"', { where: { field } });
      out.rankBy = value;
    } else if (key === 'delimiterIds') {
      if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v) && v >= 0)) throw new LmscopeError('bad_request', 'delimiterIds must be a list of token ids', { where: { field } });
      out.delimiterIds = value as number[];
    } else if (key in OVERRIDABLE) {
      const [lo, hi] = OVERRIDABLE[key as keyof TraceSettings]!;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < lo || value > hi) throw new LmscopeError('bad_request', `${key} must be a number in [${lo}, ${hi}]`, { where: { field } });
      (out as Record<string, number>)[key] = value;
    } else {
      throw new LmscopeError('bad_request', `unknown or fixed setting "${key}"; settable: ${[...Object.keys(OVERRIDABLE), 'enforceWordBoundaries', 'piiFilter', 'rankBy', 'delimiterIds'].join(', ')}`, { where: { field } });
    }
  }
  return out;
}

export { DEFAULT_TRACE_SETTINGS };
