import { badInput, LmscopeError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import type { ScoreCache } from './cache.js';
import { correctPosition, placeAnswers, scoreRankingVerdict } from './judgePrompts.js';
import { runBounded } from './pool.js';
import type { RowRule } from './score.js';
import type { CompletionScorer, RowJudge, ScoredCompletion } from './scorer.js';
import type { RowScoreEntry } from './scoresFile.js';
import { isTiesSubset, unrollCompletions, type CompletionItem, type Rb2Row } from './types.js';

/** What scores the rows: one completion scorer, or a ranking judge with a ratings scorer for Ties. */
export type RunMethod = { kind: 'scorer'; scorer: CompletionScorer } | { kind: 'ranking'; judge: RowJudge; tiesScorer: CompletionScorer };

export interface RunOptions {
  rows: readonly Rb2Row[];
  method: RunMethod;
  cache: ScoreCache;
  /** Work units in flight at once (HTTP requests, model calls). Default 4. */
  concurrency?: number;
  /** Completions per scorer call; defaults to the scorer's own batch size. */
  batchSize?: number;
  /** Seed of the correct answer's slot in rankings mode. */
  seed?: number;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface RunOutcome {
  /** Per-row scores (or ranking results) ready for `scoreRewardBench2`. */
  entries: Map<string, RowScoreEntry>;
  rule: RowRule;
  /** Completions or rows judged in this run, and those taken from the cache. */
  computed: number;
  cached: number;
}

/**
 * Scores every row with bounded concurrency, writing each result to the cache as soon as it
 * arrives, so an interrupted run resumes where it stopped and a repeated run costs nothing.
 */
export async function runRewardBench(options: RunOptions): Promise<RunOutcome> {
  const { rows, method, cache } = options;
  const seed = options.seed ?? 0;
  const scorer = method.kind === 'scorer' ? method.scorer : method.tiesScorer;
  const completionRows = method.kind === 'scorer' ? rows : rows.filter((r) => isTiesSubset(r.subset));
  const rankedRows = method.kind === 'ranking' ? rows.filter((r) => !isTiesSubset(r.subset)) : [];

  for (const row of rankedRows) {
    if (row.rejected.length < 3) throw badInput(`row ${row.id} has ${row.rejected.length} rejected completions; the 4-way ranking judge needs 3 (use --judge ratings for other layouts)`, { item: `row ${row.id}`, field: 'rejected' });
  }
  // The slot of the correct answer depends on the seed, so it is part of the verdict's cache key.
  const rankKey = method.kind === 'ranking' ? `${method.judge.id}:seed${seed}` : '';
  const items = unrollCompletions(completionRows);
  const pending = items.filter((item) => !cache.get(scorer.id, item.rowId, item.index));
  const pendingRows = method.kind === 'ranking' ? rankedRows.filter((row) => !cache.get(rankKey, row.id, null)) : [];
  const cached = items.length - pending.length + rankedRows.length - pendingRows.length;
  options.progress?.stage('rewardbench', pending.length + pendingRows.length);

  const tasks: (() => Promise<void>)[] = [];
  const batchSize = Math.max(1, options.batchSize ?? scorer.batchSize);
  for (let start = 0; start < pending.length; start += batchSize) {
    const batch = pending.slice(start, start + batchSize);
    tasks.push(() => scoreBatch(scorer, batch, cache, options));
  }
  if (method.kind === 'ranking') {
    for (const row of pendingRows) tasks.push(() => judgeRow(method.judge, rankKey, row, seed, cache, options));
  }
  await runBounded(tasks, options.concurrency ?? 4, options.signal);
  options.progress?.done();

  const entries = new Map<string, RowScoreEntry>();
  for (const row of completionRows) {
    const total = row.chosen.length + row.rejected.length;
    const scores = Array.from({ length: total }, (_, i) => cache.get(scorer.id, row.id, i)?.score ?? NaN);
    entries.set(row.id, { id: row.id, scores });
  }
  if (method.kind === 'ranking') {
    for (const row of rankedRows) entries.set(row.id, { id: row.id, result: cache.get(rankKey, row.id, null)?.result ?? 0.25 });
  }
  return { entries, rule: scorer.rule, computed: pending.length + pendingRows.length, cached };
}

async function scoreBatch(scorer: CompletionScorer, batch: CompletionItem[], cache: ScoreCache, options: RunOptions): Promise<void> {
  const scored = await scorer.scoreBatch(batch, options.signal);
  if (scored.length !== batch.length) {
    throw new LmscopeError('scorer_mismatch', `scorer ${scorer.id} returned ${scored.length} scores for ${batch.length} completions`, { status: 502 });
  }
  for (let i = 0; i < batch.length; i++) {
    const item = batch[i] as CompletionItem;
    const result = scored[i] as ScoredCompletion;
    await cache.put({ id: item.rowId, index: item.index, scorer: scorer.id, score: result.score, ...(result.raw !== undefined ? { raw: result.raw } : {}) });
  }
  options.progress?.tick(batch.length);
}

async function judgeRow(judge: RowJudge, rankKey: string, row: Rb2Row, seed: number, cache: ScoreCache, options: RunOptions): Promise<void> {
  const position = correctPosition(row.id, seed);
  const answers = placeAnswers(row.chosen[0] as string, row.rejected, position);
  const { verdict, raw } = await judge.judgeRow(row, answers, options.signal);
  const result = scoreRankingVerdict(verdict, position);
  await cache.put({ id: row.id, index: null, scorer: rankKey, score: result, position, verdict, result, raw });
  options.progress?.tick(1);
}
