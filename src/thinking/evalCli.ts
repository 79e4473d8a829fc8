import type { Command } from 'commander';
import { action, printJson } from '../cli/run.js';
import { createProgress } from '../core/progress.js';
import { thinkInputFromCli, withModel, type ThinkCliOptions } from './cli.js';
import { loadProblems } from './datasets.js';
import { parseEvalInput, type EvalInput } from './evalRequest.js';
import { planSettings } from './methods.js';
import { openResultsStore } from './resultsStore.js';
import { evaluateScaling, formatScalingTable } from './scalingEval.js';

interface EvalCliOptions extends ThinkCliOptions {
  data?: string;
  methods?: string;
  budgets?: string;
  samples?: string;
  maxAttempts?: string;
  limit?: string;
  out?: string;
  concurrency?: string;
  keepThinking?: boolean;
}

/** `lmscope think eval`: accuracy against thinking tokens per method, table and plot, resumable. */
export function registerEvalCommand(think: Command): void {
  think
    .command('eval')
    .description('Test-time scaling evaluation: accuracy vs thinking tokens, Control/Scaling/Performance per method')
    .requiredOption('--data <file|name>', 'JSONL with problem and answer, or math500, aime24, amc23 (data/math/<name>.jsonl)')
    .option('--methods <list>', 'bf, tcc, tcc+bf, ccc, rs, parallel (comma-separated)', 'bf')
    .option('--budgets <list>', 'thinking budgets to sweep, e.g. 512,1024,2048,4096')
    .option('--samples <n>', 'parallel: samples per problem for maj@n and cov@n', '8')
    .option('--max-attempts <n>', 'rs: tries per problem to fit the budget', '16')
    .option('--limit <n>', 'only the first N problems')
    .option('--out <dir>', 'results folder: samples.jsonl (resumable), report.json, table.txt, scaling.svg')
    .option('--concurrency <n>', 'parallel requests (for servers that batch)', '1')
    .option('--keep-thinking', 'store the thinking text in samples.jsonl')
    .addHelpText('after', '\nAlso takes the backend, template and budget options of `lmscope think` (--wait takes a list here: 0,1,2,4,6).')
    .action(
      action(async (_options: unknown, command: Command) => {
        const options = command.optsWithGlobals<EvalCliOptions>();
        const int = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
        const base = await thinkInputFromCli({ ...options, prompt: undefined, wait: undefined });
        const input = parseEvalInput({
          ...base,
          data: options.data,
          methods: options.methods,
          budgets: options.budgets,
          waits: options.wait,
          samples: int(options.samples),
          maxAttempts: int(options.maxAttempts),
          limit: int(options.limit),
          concurrency: int(options.concurrency),
          // Sampling methods set their own temperature; greedy elsewhere unless asked.
          temperature: base.temperature,
        });
        const problems = await loadProblems(input.data!, { limit: input.limit });
        await withModel(options, async (model) => {
          const store = options.out ? await openResultsStore(options.out, fingerprint(model.backend, model.modelId, input)) : undefined;
          const total = planSettings(input).reduce((n, s) => n + s.samples * problems.length, 0);
          const progress = createProgress({ label: 'think eval', total, unit: 'samples', mode: options.json ? 'silent' : undefined });
          const report = await evaluateScaling(model, { ...input, data: input.data!, problems, store, keepThinking: options.keepThinking, onProgress: (done) => progress.update(done) });
          progress.done();
          if (options.json) printJson(report);
          else process.stdout.write(`${formatScalingTable(report)}${options.out ? `\nwrote ${options.out}/report.json, table.txt, scaling.svg\n` : ''}`);
        });
      }),
    );
}

/** Settings every sample depends on: a results folder made with others is refused. */
function fingerprint(backend: string, modelId: string, input: EvalInput): Record<string, unknown> {
  return {
    backend,
    model: modelId,
    data: input.data,
    template: input.template,
    maxThinking: input.maxThinking ?? 'auto',
    extension: input.extension ?? 'Wait',
    minThinking: input.minThinking ?? null,
    maxAnswerTokens: input.maxAnswerTokens ?? null,
    maxGenTokens: input.maxGenTokens ?? null,
    temperature: input.temperature ?? 0,
    seed: input.seed ?? 0,
    maxAttempts: input.maxAttempts ?? null,
  };
}
