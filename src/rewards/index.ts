/**
 * Rewards of "Spurious Rewards: Rethinking Training Signals in RLVR" and the math grading they
 * rest on: the reward family behind one registry, GRPO advantages, majority-vote labelling, the
 * OpenRLHF remote reward protocol, math evaluation and the code-reasoning metric.
 */
export { ADVANTAGE_EPS, groupAdvantages, type GroupAdvantages } from './advantages.js';
export { analyzeCodeReasoning, detectCode, mentionsPython, type CodeReasoningReport, type ResponseRecord } from './eval/codeReasoning.js';
export { BUNDLED_MATH_SETS, loadMathProblems, resolveMathData, type MathProblem } from './eval/mathData.js';
export { runMathEval, type MathEvalOptions, type MathEvalReport } from './eval/mathEval.js';
export { renderMathPlot, summarizeMath, type GroupAccuracy, type MathScores } from './eval/mathSummary.js';
export { MATH_TEMPLATES, planPrompt, type MathTemplate } from './eval/prompts.js';
export { boxedFormatReward, r1FormatReward } from './functions/format.js';
export { promptHash, seededUniform } from './functions/hash.js';
export { replicateOneShot } from './functions/labelled.js';
export { extractAnswer, gradeAnswer, gradePrm800k, parseAnswer, qwenExtractAnswer, stripString, type GradeOptions, type GraderMode, type GradeResult } from './grader/index.js';
export { loadLabelIndex, type LabelIndex } from './labelData.js';
export { incorrectLabelSet, labelMajority, majorityVote, writeLabelledData, type MajorityLabel, type PromptRecord } from './majority.js';
export { parseOpenRlhfRequest, scoreOpenRlhf, type OpenRlhfRequest, type OpenRlhfResponse } from './openRlhf.js';
export { listRewards, resolveReward, REWARD_NAMES } from './registry.js';
export { contextWith, loadRewardConfig, type RewardConfig, type RewardSettings } from './rewardConfig.js';
export { parseRewardItems, scoreBatch, type BatchScore } from './scoreBatch.js';
export { createRewardServerApp } from './server.js';
export { DEFAULT_REWARD_CONTEXT, type PromptLabels, type RewardContext, type RewardFunction, type RewardItem, type RewardResult } from './types.js';
