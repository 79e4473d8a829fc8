import { LmscopeError } from '../core/errors.js';
import type { IndexEngine } from './engine.js';

export const INDEX_QUERY_KINDS = ['count', 'prob', 'ntd', 'infgram-prob', 'infgram-ntd', 'find', 'search', 'doc', 'info'] as const;
export type IndexQueryKind = (typeof INDEX_QUERY_KINDS)[number];

/** Infini-gram's parameter ranges, checked once here for the CLI and HTTP alike. */
const RANGES = {
  maxSupport: [1, 1000],
  maxClauseFreq: [1, 500_000],
  maxDiffTokens: [1, 1000],
  maxDocs: [1, 10],
  context: [0, 10_000],
  needleLength: [0, 10_000],
} as const;

function intParam(body: Record<string, unknown>, name: keyof typeof RANGES): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  const [lo, hi] = RANGES[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new LmscopeError('bad_request', `${name} must be an integer in [${lo}, ${hi}]`, { where: { field: name } });
  return v;
}

function requireInt(body: Record<string, unknown>, name: string): number {
  const v = body[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new LmscopeError('bad_request', `${name} must be a non-negative integer`, { where: { field: name } });
  return v;
}

/** Query ids from `ids` (numbers) or `query` (text). */
function queryIds(engine: IndexEngine, body: Record<string, unknown>, allowEmpty = false): number[] {
  if (body.ids !== undefined) return engine.toIds({ ids: body.ids as number[] }, 'ids');
  if (typeof body.query === 'string') {
    const ids = engine.toIds({ text: body.query }, 'query');
    if (!allowEmpty && ids.length === 0) throw new LmscopeError('bad_request', 'query is empty', { where: { field: 'query' } });
    return ids;
  }
  if (allowEmpty && body.query === undefined) return [];
  throw new LmscopeError('bad_request', 'give the query as "query" (text) or "ids" (token ids)', { where: { field: 'query' } });
}

function nextId(engine: IndexEngine, body: Record<string, unknown>): number {
  if (body.nextIds !== undefined) {
    const ids = engine.toIds({ ids: (Array.isArray(body.nextIds) ? body.nextIds : [body.nextIds]) as number[] }, 'nextIds');
    if (ids.length !== 1) throw new LmscopeError('bad_request', 'nextIds must be exactly one token id', { where: { field: 'nextIds' } });
    return ids[0]!;
  }
  if (typeof body.next === 'string') {
    const ids = engine.toIds({ text: body.next }, 'next');
    if (ids.length !== 1) throw new LmscopeError('bad_request', `"${body.next}" is ${ids.length} tokens; give exactly one (or use nextIds)`, { where: { field: 'next' } });
    return ids[0]!;
  }
  throw new LmscopeError('bad_request', 'give the next token as "next" (text) or "nextIds"', { where: { field: 'next' } });
}

/** "a OR b AND c" (text) or [[ngram, ...], ...] (ids or texts) into a CNF of id lists. */
function parseCnf(engine: IndexEngine, cnf: unknown): number[][][] {
  if (typeof cnf === 'string') {
    // Terms are tokenized as they appear mid-sentence (after a space), unless the tokenizer is raw bytes.
    const asText = (g: string) => (engine.tokenizer.name === 'bytes' || /^\s/.test(g) ? g : ` ${g}`);
    return cnf.split(' AND ').map((clause) => clause.split(' OR ').map((g) => engine.toIds({ text: asText(g.trim()) }, 'cnf')));
  }
  if (Array.isArray(cnf)) {
    return cnf.map((clause) => {
      if (!Array.isArray(clause)) throw new LmscopeError('bad_request', 'cnf must be a list of clauses, each a list of n-grams', { where: { field: 'cnf' } });
      return clause.map((g) => (typeof g === 'string' ? engine.toIds({ text: g }, 'cnf') : engine.toIds({ ids: g as number[] }, 'cnf')));
    });
  }
  throw new LmscopeError('bad_request', 'give "cnf" as text ("a OR b AND c") or as nested lists', { where: { field: 'cnf' } });
}

/** Runs one query kind on a request body; the same object is printed by the CLI and returned over HTTP. */
export function runIndexQuery(engine: IndexEngine, kind: IndexQueryKind, body: Record<string, unknown>): unknown {
  const started = performance.now();
  const result = dispatch(engine, kind, body);
  return { ...(result as object), latencyMs: Number((performance.now() - started).toFixed(3)) };
}

function dispatch(engine: IndexEngine, kind: IndexQueryKind, body: Record<string, unknown>): unknown {
  switch (kind) {
    case 'info':
      return engine.info();
    case 'count': {
      const ids = queryIds(engine, body, true);
      return { tokenIds: ids, count: engine.count(ids) };
    }
    case 'find': {
      const ids = queryIds(engine, body, true);
      const f = engine.find(ids);
      return { tokenIds: ids, ...f };
    }
    case 'prob': {
      const ids = queryIds(engine, body, true);
      return { tokenIds: ids, nextId: nextId(engine, body), ...engine.prob(ids, nextId(engine, body)) };
    }
    case 'ntd': {
      const ids = queryIds(engine, body, true);
      return { tokenIds: ids, ...engine.ntd(ids, intParam(body, 'maxSupport')) };
    }
    case 'infgram-prob': {
      const ids = queryIds(engine, body, true);
      const next = nextId(engine, body);
      return { tokenIds: ids, nextId: next, ...engine.infgramProb(ids, next) };
    }
    case 'infgram-ntd': {
      const ids = queryIds(engine, body, true);
      return { tokenIds: ids, ...engine.infgramNtd(ids, intParam(body, 'maxSupport')) };
    }
    case 'search': {
      const cnf = parseCnf(engine, body.cnf ?? body.query);
      return engine.searchCnf(cnf, { maxClauseFreq: intParam(body, 'maxClauseFreq'), maxDiffTokens: intParam(body, 'maxDiffTokens'), maxDocs: intParam(body, 'maxDocs'), maxDisplayTokens: intParam(body, 'context') });
    }
    case 'doc': {
      const context = intParam(body, 'context') ?? 250;
      if (body.docIx !== undefined) return engine.docByIx(requireInt(body, 'docIx'), intParam(body, 'context') ?? 1000);
      const shard = requireInt(body, 'shard');
      const needle = intParam(body, 'needleLength') ?? 0;
      if (body.rank !== undefined) return engine.docByRank(shard, requireInt(body, 'rank'), needle, context);
      if (body.ptr !== undefined) return engine.docByPtr(shard, requireInt(body, 'ptr'), needle, context);
      throw new LmscopeError('bad_request', 'give docIx, or shard with rank or ptr', { where: { field: 'docIx' } });
    }
    default:
      throw new LmscopeError('bad_request', `unknown query type "${kind as string}": use one of ${INDEX_QUERY_KINDS.join(', ')}`, { where: { field: 'type' } });
  }
}
