import { Option, type Command } from 'commander';
import { action, parseFloatOption, parseIntOption, printJson } from '../cli/run.js';
import { readRecords } from '../core/data/index.js';
import { badInput } from '../core/errors.js';
import { createProgress } from '../core/progress.js';
import { addBackendOptions, createLanguageModelFromOptions, type BackendOptions } from '../lm/index.js';
import { GRADER_MODES, type GraderMode } from './grader/index.js';
import { analyzeCodeReasoning, type ResponseRecord } from './eval/codeReasoning.js';
import { loadMathProblems } from './eval/mathData.js';
import { runMathEval } from './eval/mathEval.js';
import { MATH_TEMPLATES, type MathTemplate } from './eval/prompts.js';

interface MathOptions extends BackendOptions {
  data: string;
  samples: number;
  temperature: number;
  topP: number;
  maxTokens: number;
  template: MathTemplate;
  grader: GraderMode;
  out: string;
  seed: number;
  concurrency: number;
  limit?: number;
  json?: boolean;
}

/** `lmscope eval math` and `lmscope eval code-reasoning`. */
export function registerEvalCommands(program: Command): void {
  const evalCommand = program.command('eval').description('Evaluate models: math accuracy (MATH-500, AIME, AMC), code-reasoning frequency');
  addBackendOptions(
    evalCommand
      .command('math')
      .description('Accuracy on math problems: greedy pass@1 or avg@k, per subject and level; resumable results, SVG plot')
      .requiredOption('--data <file|name>', 'JSONL of problems, or math500, aime24, amc23 (bundled)')
      .option('--samples <k>', 'samples per problem (avg@k and pass@k)', parseIntOption, 1)
      .option('--temperature <t>', 'sampling temperature (0: greedy)', parseFloatOption, 0)
      .option('--top-p <p>', 'nucleus sampling', parseFloatOption, 1)
      .option('--max-tokens <n>', 'tokens per response', parseIntOption, 3072)
      .addOption(new Option('--template <name>', 'qwen-boxed (chat), r1 (base models), raw').choices(MATH_TEMPLATES).default('qwen-boxed'))
      .addOption(new Option('--grader <mode>', 'prm800k (the paper) or lmscope').choices(GRADER_MODES).default('prm800k'))
      .requiredOption('--out <dir>', 'results folder: samples.jsonl (resumable), summary.json, accuracy.svg')
      .option('--seed <n>', 'base seed of sampled runs', parseIntOption, 0)
      .option('--concurrency <n>', 'requests in flight at once', parseIntOption, 4)
      .option('--limit <n>', 'only the first N problems', parseIntOption)
      .option('--json', 'print the report as JSON'),
  ).action(
    action(async (o: MathOptions) => {
      const problems = await loadMathProblems(o.data, { limit: o.limit });
      const model = await createLanguageModelFromOptions(o);
      const controller = new AbortController();
      const interrupt = () => controller.abort();
      process.once('SIGINT', interrupt);
      try {
        const report = await runMathEval({
          model,
          problems,
          samples: o.samples,
          temperature: o.temperature,
          topP: o.topP,
          maxTokens: o.maxTokens,
          template: o.template,
          grader: o.grader,
          outDir: o.out,
          dataset: o.data,
          seed: o.seed,
          concurrency: o.concurrency,
          timeoutMs: o.timeoutMs,
          progress: createProgress({ label: 'eval math', total: problems.length * o.samples, unit: 'samples', mode: o.json ? 'silent' : undefined }),
          signal: controller.signal,
        });
        if (o.json) return printJson(report);
        const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
        process.stdout.write(`${report.dataset} (${report.model}): accuracy ${pct(report.overall.accuracy)} (avg@${o.samples}), pass@${o.samples} ${pct(report.overall.passAtK)} over ${report.scoredProblems}/${report.problems} problems\n`);
        for (const g of [...report.bySubject, ...report.byLevel]) process.stdout.write(`  ${g.name.padEnd(24)} ${pct(g.accuracy).padStart(6)}  (n=${g.problems})\n`);
        if (report.run.failed) process.stdout.write(`${report.run.failed} samples failed (see samples.jsonl); rerun to retry them\n`);
        process.stdout.write(`results: ${report.files.summary}, plot: ${report.files.plot}\n`);
      } finally {
        process.off('SIGINT', interrupt);
        await model.close();
      }
    }),
  );

  evalCommand
    .command('code-reasoning')
    .description('Code-reasoning frequency: the paper\'s "mentions python" metric and a stricter code detector, side by side, with examples')
    .requiredOption('--file <file>', 'results JSONL with a "response" field (e.g. samples.jsonl of `eval math`)')
    .option('--examples <n>', 'examples of each kind', parseIntOption, 3)
    .option('--json', 'print the report as JSON')
    .action(
      action(async (o: { file: string; examples: number; json?: boolean }) => {
        const records: ResponseRecord[] = [];
        for await (const { value, line, file } of readRecords(o.file)) {
          const response = value.response ?? value.completion ?? value.output ?? value.text;
          if (value.error !== undefined && response === undefined) continue; // a failed sample has no response
          if (typeof response !== 'string') throw badInput('the line has no "response" text', { file, line, field: 'response' });
          records.push({ response, ...(value.id !== undefined ? { id: String(value.id) } : {}), ...(typeof value.correct === 'boolean' ? { correct: value.correct } : {}) });
        }
        const report = analyzeCodeReasoning(records, { examples: o.examples });
        if (o.json) return printJson(report);
        const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
        process.stdout.write(`${report.responses} responses\n  mentions "python" (paper):  ${pct(report.paper.rate)} (${report.paper.count})\n  code detected (strict):     ${pct(report.strict.rate)} (${report.strict.count}: ${report.strict.fenced} fenced, ${report.strict.lines} by lines)\n`);
        process.stdout.write(`  both ${report.overlap.both}, paper only ${report.overlap.paperOnly}, strict only ${report.overlap.strictOnly}, neither ${report.overlap.neither}\n`);
        for (const [kind, examples] of Object.entries(report.examples)) for (const e of examples) process.stdout.write(`  [${kind}] #${e.index}: ${e.snippet}\n`);
      }),
    );
}
