import path from 'node:path';
import { Option, type Command } from 'commander';
import { badInput } from '../core/errors.js';
import { createProgress, type ProgressMode } from '../core/progress.js';
import { action, parseFloatOption, parseIntOption, printJson } from '../cli/run.js';
import { addBackendOptions, createLanguageModelFromOptions, type BackendOptions } from '../lm/index.js';
import type { LanguageModel } from '../lm/types.js';
import { openScoreCache } from './cache.js';
import { loadRewardBench2 } from './dataset.js';
import { formatComparisonTable } from './format.js';
import { createHttpRewardScorer, type RewardEndpoint } from './httpRewardScorer.js';
import { createLogprobScorer, createRankingJudge, createRatingsJudge } from './judges.js';
import type { RankingStyle } from './judgePrompts.js';
import { compareWithPublished, reportToRow } from './leaderboard.js';
import { RUN_FILES, writeRunResults } from './resultsStore.js';
import { runRewardBench, type RunMethod } from './run.js';
import { scoreRewardBench2 } from './score.js';

interface RunCliOptions extends BackendOptions {
  data: string;
  out: string;
  judge?: 'ratings' | 'ranking';
  scorer?: 'logprob';
  rewardUrl?: string;
  rewardModel?: string;
  rewardEndpoint?: RewardEndpoint;
  rewardInput?: 'messages' | 'text';
  rewardTemplate?: string;
  rewardPath?: string;
  rewardApiKey?: string;
  labelIndex?: number;
  judgeStyle?: RankingStyle;
  maxTokens?: number;
  temperature?: number;
  concurrency?: number;
  batchSize?: number;
  seed?: number;
  subset?: string[];
  limit?: number;
  name?: string;
  progress?: ProgressMode;
  json?: boolean;
}

/** `lmscope rewardbench run`: score a local dataset with a served reward model or an LLM judge. */
export function registerRunCommand(group: Command): void {
  const command = group
    .command('run')
    .description('Run RewardBench 2 with a reward model server (--reward-url) or an LLM judge (--judge, with --backend ...); resumable')
    .requiredOption('--data <file>', 'dataset in the published schema (.jsonl[.gz|.zst], .json or .parquet)')
    .requiredOption('--out <dir>', 'output folder: cache.jsonl (resume), scores.jsonl, report.json, summary.json, eval-set-scores.json')
    .addOption(new Option('--judge <mode>', 'generative judge through the LM backend: 1-10 ratings or 4-way ranking (Ties always uses ratings)').choices(['ratings', 'ranking']))
    .addOption(new Option('--scorer <kind>', 'fallback without a reward head: the backend LM log-likelihood of each completion').choices(['logprob']))
    .option('--reward-url <url>', 'classifier reward model server root (vLLM --runner pooling), e.g. http://127.0.0.1:8000')
    .option('--reward-model <name>', 'served reward model name')
    .addOption(new Option('--reward-endpoint <name>', 'scoring endpoint').choices(['pooling', 'classify', 'score']).default('pooling'))
    .addOption(new Option('--reward-input <kind>', 'messages (server applies the chat template) or text (rendered --reward-template, batched)').choices(['messages', 'text']))
    .option('--reward-template <text>', 'text input layout with {prompt} and {completion}')
    .option('--reward-path <path>', 'request path instead of /<endpoint> (e.g. /v1/score)')
    .addOption(new Option('--reward-api-key <key>', 'API key of the reward server').env('LMSCOPE_REWARD_API_KEY'))
    .option('--label-index <n>', 'which output value is the reward when the server returns several', parseIntOption)
    .addOption(new Option('--judge-style <style>', 'ranking instructions as a system prompt or inline in the user turn').choices(['system', 'inline']))
    .option('--max-tokens <n>', 'judge answer budget (default 1024 ratings, 2048 ranking)', parseIntOption)
    .option('--temperature <x>', 'judge temperature (default 0)', parseFloatOption)
    .option('--concurrency <n>', 'requests or model calls in flight (default 4)', parseIntOption)
    .option('--batch-size <n>', 'completions per scorer call', parseIntOption)
    .option('--seed <n>', 'seed of the correct answer slot in ranking mode (default 0)', parseIntOption)
    .option('--subset <names...>', 'only these subsets')
    .option('--limit <n>', 'only the first n rows (after --subset)', parseIntOption)
    .option('--name <name>', 'model name for reports (default: the reward or judge model)')
    .addOption(new Option('--progress <mode>', 'progress output on stderr').choices(['tty', 'json', 'silent']))
    .option('--json', 'print the report as JSON (also written to report.json)');
  addBackendOptions(command).action(
    action(async (o: RunCliOptions) => {
      const methods = [o.judge, o.scorer, o.rewardUrl].filter(Boolean).length;
      if (methods !== 1) throw badInput('choose one way to score: --reward-url (reward model server), --judge ratings|ranking or --scorer logprob (with --backend ...)', { field: 'judge' });
      let { rows } = await loadRewardBench2(o.data);
      if (o.subset?.length) rows = rows.filter((r) => o.subset!.some((s) => s.toLowerCase() === r.subset.toLowerCase()));
      if (o.limit !== undefined) rows = rows.slice(0, Math.max(0, o.limit));
      if (rows.length === 0) throw badInput('no rows left after --subset/--limit', { field: 'subset' });

      let lm: LanguageModel | undefined;
      let method: RunMethod;
      let modelType: string;
      let name = o.name;
      if (o.rewardUrl) {
        if (!o.rewardModel) throw badInput('--reward-model names the served reward model', { field: 'rewardModel' });
        const scorer = createHttpRewardScorer({ baseUrl: o.rewardUrl, model: o.rewardModel, endpoint: o.rewardEndpoint, input: o.rewardInput, template: o.rewardTemplate, path: o.rewardPath, apiKey: o.rewardApiKey, labelIndex: o.labelIndex, batchSize: o.batchSize });
        method = { kind: 'scorer', scorer };
        modelType = 'Seq. Classifier';
        name ??= o.rewardModel;
      } else {
        lm = await createLanguageModelFromOptions(o);
        const judgeOptions = { maxTokens: o.maxTokens, temperature: o.temperature, timeoutMs: o.timeoutMs };
        if (o.scorer === 'logprob') method = { kind: 'scorer', scorer: createLogprobScorer(lm, { timeoutMs: o.timeoutMs }) };
        else if (o.judge === 'ratings') method = { kind: 'scorer', scorer: createRatingsJudge(lm, judgeOptions) };
        else method = { kind: 'ranking', judge: createRankingJudge(lm, { ...judgeOptions, style: o.judgeStyle }), tiesScorer: createRatingsJudge(lm, { ...judgeOptions, maxTokens: o.maxTokens }) };
        modelType = o.scorer === 'logprob' ? 'Log-likelihood (fallback)' : 'Generative';
        name ??= lm.modelId;
      }

      const cache = await openScoreCache(path.join(o.out, RUN_FILES.cache));
      if (cache.skippedLines > 0) process.stderr.write(`warning: skipped ${cache.skippedLines} unreadable cache lines\n`);
      const controller = new AbortController();
      const onSignal = (): void => controller.abort();
      process.once('SIGINT', onSignal);
      try {
        const progress = createProgress({ label: 'rewardbench', unit: 'judgments', mode: o.progress });
        const outcome = await runRewardBench({ rows, method, cache, concurrency: o.concurrency, batchSize: o.batchSize, seed: o.seed, progress, signal: controller.signal });
        const scorerId = method.kind === 'scorer' ? method.scorer.id : `${method.judge.id} + ${method.tiesScorer.id}`;
        const full = scoreRewardBench2(rows, outcome.entries, { rule: outcome.rule, includeRows: true, model: name, scorer: scorerId });
        const note = method.kind === 'scorer' ? method.scorer.note : undefined;
        if (note) full.warnings.unshift(note);
        const { rows: _rows, ...report } = full;
        await writeRunResults(o.out, { rows, entries: outcome.entries, report: full, modelType });
        process.stderr.write(`${outcome.computed} judged, ${outcome.cached} from the cache; results in ${o.out}\n`);
        if (o.json) return printJson(report);
        process.stdout.write(`${formatComparisonTable(compareWithPublished([reportToRow(report)], { top: 10 }))}\n`);
        for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
      } finally {
        process.off('SIGINT', onSignal);
        await lm?.close();
      }
    }),
  );
}
