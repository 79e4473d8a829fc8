/**
 * Thinking budgets and test-time scaling (s1): budget forcing over any LanguageModel, the scaling
 * evaluation with its baselines and metrics, and s1K-style curation of a small reasoning set.
 */
export { BUILTIN_TEMPLATES, TEMPLATE_NAMES, formatPrompt, resolveTemplate, validateTemplate, type ThinkingTemplate } from './templates.js';
export { DEFAULT_EXTENSION, autoThinkingBudget, checkBudget, type ResolvedBudget, type ThinkingBudget } from './budget.js';
export { cutAtStop, thinkWithBudget, type Intervention, type ThinkRequest, type ThinkResult, type ThinkTextEvent } from './budgetForcing.js';
export { parseThinkInput, parseTemplateInput, type ThinkInput } from './request.js';
export { answerSection, extractFinalAnswer, lastBoxed } from './answers.js';
export { gradeMathAnswer, type AnswerGrader } from './grade.js';
export { NAMED_DATASETS, loadProblems, problemsFromValues, resolveDataPath, type Problem } from './datasets.js';
export { CCC_PROMPTS, METHODS, planSettings, type EvalPlanOptions, type EvalSetting, type MethodName } from './methods.js';
export { control, coverageAtN, majorityAtN, majorityIndex, methodMetrics, performance, scaling, type CurvePoint, type MethodMetrics, type VoteSample } from './metrics.js';
export { runSamples, sampleKey, type RunOptions, type SampleRecord } from './evaluate.js';
export { summarize, type EvalSummary, type MethodCurve, type ParallelRow } from './summary.js';
export { renderScalingSvg } from './plot.js';
export { openResultsStore, type ResultsStore } from './resultsStore.js';
export { evaluateScaling, formatScalingTable, type ScalingEvalOptions, type ScalingEvalReport } from './scalingEval.js';
export { parseEvalInput, type EvalInput } from './evalRequest.js';
export { curateReasoningSet, type CurateOptions, type CurationReport } from './curate/curate.js';
export { loadPool, toPoolItem, type PoolItem } from './curate/pool.js';
export { qualityFilter, qualityReason, type QualityReason } from './curate/quality.js';
export { difficultyFilter, goldAnswer, type Solver } from './curate/difficulty.js';
export { labelDomains } from './curate/domains.js';
export { MSC_DOMAINS, domainPrompt, parseDomainReply } from './curate/msc.js';
export { selectDiverse, type Selected, type SelectionOptions } from './curate/select.js';
export { attachCurationCache, writeCurationOutput } from './curate/curationStore.js';
