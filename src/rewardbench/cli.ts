import { writeFileAtomic } from '../core/atomic.js';
import { action, parseFloatOption, parseIntOption, printJson } from '../cli/run.js';
import { Option, type Command } from 'commander';
import { formatComparisonTable, formatCorrelation, formatRb1Report } from './format.js';
import { compareWithPublished, PUBLISHED_RESULTS, reportToRow } from './leaderboard.js';
import { readScoresFile } from './scoresFile.js';
import { compareResults, correlateFrom, scoreFromFiles, type Benchmark } from './service.js';
import type { Rb2Report, RowRule } from './score.js';
import { registerRunCommand } from './runCommand.js';

interface ScoreCliOptions {
  data: string;
  scores: string;
  benchmark?: Benchmark | 'auto';
  rule?: RowRule;
  allowMissing?: boolean;
  name?: string;
  rows?: boolean;
  json?: boolean;
}

/** `lmscope rewardbench ...`: score, run, report, correlate, leaderboard. */
export function register(program: Command): void {
  const group = program.command('rewardbench').description('RewardBench 2 (and 1): benchmark reward models and LLM judges');

  group
    .command('score')
    .description('Score precomputed per-completion scores ({"id", "scores"} lines, chosen first) against a local dataset')
    .requiredOption('--data <file>', 'dataset in the published schema (.jsonl[.gz|.zst], .json or .parquet)')
    .requiredOption('--scores <file>', 'scores: JSONL/JSON/Parquet {"id", "scores"} or a published eval-set-scores JSON')
    .addOption(new Option('--benchmark <name>', 'which benchmark the data is').choices(['auto', 'rewardbench2', 'rewardbench']).default('auto'))
    .addOption(new Option('--rule <rule>', 'how non-Ties rows are scored: reward-model scores or 1-10 judge ratings').choices(['reward', 'ratings']).default('reward'))
    .option('--allow-missing', 'leave out rows without scores instead of stopping')
    .option('--name <name>', 'model name for the report')
    .option('--rows', 'include per-row results in the JSON')
    .option('--json', 'print the report as JSON (the same object as POST /api/rewardbench/score)')
    .action(
      action(async (o: ScoreCliOptions) => {
        const scores = await readScoresFile(o.scores);
        const report = await scoreFromFiles({ data: o.data, scores, benchmark: o.benchmark, rule: o.rule, missing: o.allowMissing ? 'skip' : 'error', model: o.name, includeRows: o.rows });
        if (o.json) return printJson(report);
        if (report.benchmark === 'rewardbench') process.stdout.write(`${formatRb1Report(report)}\n`);
        else process.stdout.write(`${formatComparisonTable(compareWithPublished([reportToRow(report as Rb2Report)], { top: 10 }))}\n`);
        for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
      }),
    );

  registerRunCommand(group);

  group
    .command('report')
    .description('Compare runs (folders, report.json or published summaries) with published results; optionally write the subset plot')
    .argument('<results...>', 'run folders, report.json files or eval-set/<model>.json summaries')
    .option('--models <names...>', 'published models to include (substring match); default: the top 10')
    .option('--top <n>', 'how many published models to include (default 10)', parseIntOption)
    .option('--svg <file>', 'write the subset plot as SVG')
    .option('--json', 'print {rows, svg} as JSON (the same object as POST /api/rewardbench/report)')
    .action(
      action(async (results: string[], o: { models?: string[]; top?: number; svg?: string; json?: boolean }) => {
        const comparison = await compareResults({ results, models: o.models, top: o.top });
        if (o.svg) await writeFileAtomic(o.svg, comparison.svg);
        if (o.json) return printJson(comparison);
        process.stdout.write(`${formatComparisonTable(comparison.rows)}\n`);
      }),
    );

  group
    .command('correlate')
    .description('Pearson correlation (with a bootstrap interval) between RewardBench 2 scores and best-of-N accuracy')
    .requiredOption('--file <file>', 'records {"model", "rb2": number | {domain: score}, "bon": number | {task: accuracy}}')
    .option('--resamples <n>', 'bootstrap resamples (default 1000)', parseIntOption)
    .option('--seed <n>', 'bootstrap seed (default 0)', parseIntOption)
    .option('--level <x>', 'interval level (default 0.95)', parseFloatOption)
    .option('--json', 'print as JSON (the same object as POST /api/rewardbench/correlate)')
    .action(
      action(async (o: { file: string; resamples?: number; seed?: number; level?: number; json?: boolean }) => {
        const report = await correlateFrom({ file: o.file, resamples: o.resamples, seed: o.seed, level: o.level });
        if (o.json) return printJson(report);
        process.stdout.write(`${formatCorrelation(report)}\n`);
        for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
      }),
    );

  group
    .command('leaderboard')
    .description('Published RewardBench 2 results (percent)')
    .option('--json', 'print as JSON (the same object as GET /api/rewardbench/leaderboard)')
    .action(
      action(async (o: { json?: boolean }) => {
        if (o.json) return printJson({ results: PUBLISHED_RESULTS });
        process.stdout.write(`${formatComparisonTable(compareWithPublished([]))}\n`);
      }),
    );
}
