/** RewardBench 2 (and 1): datasets, scoring rules, scorers and judges, runs, reports. */
export { RB2_SUBSETS, completionsOf, isTiesSubset, unrollCompletions, type CompletionItem, type Rb2Dataset, type Rb2Row, type Rb2SubsetName } from './types.js';
export { loadRewardBench2, parseRb2Row, parseTiesId, type TiesId } from './dataset.js';
export { INVALID_RATING, NO_VALID_RATING_SCORE, scoreBestOfN, scorePair, scoreRatingsRow } from './bestOfN.js';
export { computePromptStats, scoreTies, type PromptStats, type TiesBreakdown, type TiesRowScores } from './ties.js';
export { parseLenientJson, parseScoreList, readScoresFile, scoresFromRecords, type RowScoreEntry, type ScoresFile } from './scoresFile.js';
export { orderSubsets, scoreRewardBench2, type MissingPolicy, type Rb2Report, type RowResult, type RowRule, type ScoreOptions, type SubsetResult } from './score.js';
export { RB1_EXAMPLE_COUNTS, RB1_SECTIONS, loadRewardBench1, parseRb1Row, scoreRewardBench1, type Rb1Report, type Rb1Row } from './rb1.js';
export {
  RANKING_INLINE_PROMPT,
  RANKING_SYSTEM_PROMPT,
  correctPosition,
  parseRankingVerdict,
  parseRating,
  placeAnswers,
  rankingMessages,
  ratingMessages,
  scoreRankingVerdict,
  type RankingSlot,
  type RankingStyle,
} from './judgePrompts.js';
export type { CompletionScorer, RankingVerdict, RowJudge, ScoredCompletion } from './scorer.js';
export { createLogprobScorer, createRankingJudge, createRatingsJudge, DEFAULT_LOGPROB_TEMPLATE, type JudgeOptions, type LogprobScorerOptions } from './judges.js';
export { createHttpRewardScorer, extractScalar, type HttpRewardScorerOptions, type RewardEndpoint } from './httpRewardScorer.js';
export { createMemoryCache, openScoreCache, type CacheEntry, type ScoreCache } from './cache.js';
export { runRewardBench, type RunMethod, type RunOptions, type RunOutcome } from './run.js';
export { PUBLISHED_RESULTS, compareWithPublished, reportToRow, type ComparisonRow, type PublishedResult } from './leaderboard.js';
export { renderSubsetPlotSvg, type PlotOptions } from './plot.js';
export { listInstances, type Instance, type InstanceFilter, type InstancePage, type InstanceQuery } from './instances.js';
export { RUN_FILES, readResultRow, writeRunResults } from './resultsStore.js';
export { PAPER_CORRELATIONS, correlateWithDownstream, loadDownstreamRecords, parseDownstreamRecord, type CorrelationReport, type DownstreamRecord } from './correlate.js';
export { bootstrapPearson } from './stats.js';
export { formatComparisonTable, formatCorrelation, formatRb1Report } from './format.js';
