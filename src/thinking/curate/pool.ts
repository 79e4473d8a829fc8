import { readAllRecords, type SourcedRecord } from '../../core/data/index.js';
import { badInput } from '../../core/errors.js';

/**
 * A pool row as curation sees it. Field names follow s1K (`question`, `thinking_trajectories`,
 * `attempt`, `solution`, `source_type`) with common alternatives accepted.
 */
export interface PoolItem {
  id: string;
  line: number;
  question: string;
  /** The reasoning trace (list items joined by "\n", as s1's tokenization does). */
  trace: string;
  /** The trace model's final response (graded for the benchmark seed set). */
  attempt: string;
  /** The reference solution or answer. */
  solution: string;
  source: string;
  /** True when the row records an API error of the trace model. */
  apiError: boolean;
  /** Precomputed: solver name -> its response text. */
  solverResponses: Record<string, string>;
  /** Precomputed: solver name -> whether it solved the question. */
  solverCorrect: Record<string, boolean>;
  /** Precomputed MSC code, when the pool has one. */
  domain: string | null;
  /** Precomputed trace length in tokens (s1's `gemini_length`). */
  traceTokens: number | null;
  /** The row as read, written back out for selected items. */
  raw: Record<string, unknown>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Normalises a pool record; missing fields become empty strings for the quality filter to judge. */
export function toPoolItem(record: SourcedRecord): PoolItem {
  const v = record.value;
  const traceValue = v.thinking_trajectories ?? v.trace ?? v.thinking ?? v.cot;
  const trace = Array.isArray(traceValue) ? traceValue.map(str).join('\n').trim() : str(traceValue);
  const solvers = isObject(v.solvers) ? v.solvers : isObject(v.solver_responses) ? v.solver_responses : {};
  const graded = isObject(v.solver_correct) ? v.solver_correct : isObject(v.solverCorrect) ? v.solverCorrect : {};
  const rawId = v.id ?? v.unique_id;
  const length = v.traceTokens ?? v.trace_tokens ?? v.gemini_length;
  return {
    id: typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `line-${record.line}`,
    line: record.line,
    question: str(v.question ?? v.problem),
    trace,
    attempt: str(v.attempt ?? v.response),
    solution: str(v.solution ?? v.answer),
    source: str(v.source_type ?? v.source),
    apiError: Boolean(v.error ?? v.api_error),
    solverResponses: Object.fromEntries(Object.entries(solvers).filter(([, r]) => typeof r === 'string')) as Record<string, string>,
    solverCorrect: Object.fromEntries(Object.entries(graded).filter(([, r]) => typeof r === 'boolean')) as Record<string, boolean>,
    domain: typeof v.domain === 'string' || typeof v.domain === 'number' ? String(v.domain).padStart(2, '0') : null,
    traceTokens: typeof length === 'number' && Number.isFinite(length) ? length : null,
    raw: v,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a pool file (JSONL, JSON array or Parquet) into items; ids must be unique. */
export async function loadPool(file: string): Promise<PoolItem[]> {
  const items = (await readAllRecords(file)).map(toPoolItem);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw badInput(`duplicate id "${item.id}" in the pool`, { file, line: item.line, field: 'id' });
    seen.add(item.id);
  }
  return items;
}
