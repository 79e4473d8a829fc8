import type { Command } from 'commander';
import { action, printJson } from '../cli/run.js';
import { badInput } from '../core/errors.js';
import { createProgress } from '../core/progress.js';
import { createLanguageModelFromOptions } from '../lm/index.js';
import type { LanguageModel } from '../lm/types.js';
import { createBytesTokenizer } from '../tokenizers/bytesTokenizer.js';
import type { Tokenizer } from '../tokenizers/tokenizer.js';
import { curateReasoningSet, type CurationReport } from './curate/curate.js';
import { attachCurationCache, writeCurationOutput } from './curate/curationStore.js';
import { loadPool } from './curate/pool.js';

interface CurateCliOptions {
  pool: string;
  n: string;
  seed: string;
  out?: string;
  tokenizer: string;
  solverModels?: string;
  classify?: boolean;
  domainDraw: string;
  uniformPicks: string;
  json?: boolean;
  backend?: string;
}

/** `lmscope think curate`: s1K's quality, difficulty and diversity filters over a pool of traces. */
export function registerCurateCommand(think: Command): void {
  think
    .command('curate')
    .description('Curate a small reasoning set (s1K-style): quality, difficulty and domain-diverse length-biased sampling')
    .requiredOption('--pool <file>', 'JSONL/JSON/Parquet rows with question, thinking_trajectories (or trace), attempt, solution, source_type')
    .option('--n <count>', 'questions to select', '1000')
    .option('--seed <n>', 'sampling seed', '0')
    .option('--out <dir>', 'writes selected.jsonl and report.json; caches model outputs so a rerun resumes')
    .option('--tokenizer <name>', 'tokenizer for trace lengths without a precomputed trace_tokens (qwen2.5, olmo2, bytes, hf:PATH)', 'qwen2.5')
    .option('--solver-models <list>', 'solver models for the difficulty filter (names on the --backend; GGUF paths for llama)')
    .option('--classify', 'label missing domains with the --backend model (MSC codes)')
    .option('--domain-draw <mode>', 'uniform (paper) or benchmark (AIME + GPQA domain weights after --uniform-picks)', 'uniform')
    .option('--uniform-picks <n>', 'selections drawn with uniform domains before benchmark weighting', '700')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nModels come from the backend options of `lmscope think` (--backend, --model, --base-url).')
    .action(
      action(async (_options: unknown, command: Command) => {
        const options = command.optsWithGlobals<CurateCliOptions>();
        const n = Number(options.n);
        const seed = Number(options.seed);
        if (!Number.isInteger(seed) || seed < 0) throw badInput(`--seed must be a whole number, got ${options.seed}`, { field: 'seed' });
        const uniformPicks = Number(options.uniformPicks);
        if (!Number.isInteger(uniformPicks) || uniformPicks < 0) throw badInput(`--uniform-picks must be a whole number, got ${options.uniformPicks}`, { field: 'uniformPicks' });
        if (options.domainDraw !== 'uniform' && options.domainDraw !== 'benchmark') throw badInput('--domain-draw must be uniform or benchmark', { field: 'domainDraw' });
        const items = await loadPool(options.pool);
        const cache = options.out ? await attachCurationCache(options.out, items) : undefined;
        const tokenizer = await loadTokenizer(options.tokenizer);
        const opened: LanguageModel[] = [];
        try {
          const open = async (model?: string): Promise<LanguageModel> => {
            const lm = await createLanguageModelFromOptions((model === undefined ? options : { ...options, model }) as Parameters<typeof createLanguageModelFromOptions>[0]);
            opened.push(lm);
            return lm;
          };
          const solverNames = (options.solverModels ?? '').split(',').map((s) => s.trim()).filter(Boolean);
          const solvers = await Promise.all(solverNames.map(async (name) => ({ name, model: await open(name) })));
          const classifier = options.classify ? await open() : undefined;
          const progress = createProgress({ label: 'curate', unit: 'questions', mode: options.json ? 'silent' : undefined });
          const { report, selected } = await curateReasoningSet(items, {
            n,
            seed,
            countTokens: (text) => tokenizer.encode(text).length,
            solvers,
            classifier,
            domainDraw: options.domainDraw,
            uniformPicks,
            onSolverResponse: cache?.onSolverResponse,
            onDomainLabel: cache?.onDomainLabel,
            onStage: (stage, total) => progress.stage(stage, total),
            onItem: () => progress.tick(),
          });
          progress.done();
          if (options.out) await writeCurationOutput(options.out, selected, report);
          if (options.json) printJson(report);
          else process.stdout.write(formatCurationReport(report, options.out));
        } finally {
          for (const lm of opened) await lm.close();
        }
      }),
    );
}

/** Stage counts as text. */
export function formatCurationReport(report: CurationReport, out?: string): string {
  const c = report.counts;
  const dropped = Object.entries(report.qualityDropped).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  const solved = Object.entries(report.difficulty.solvedBy).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return [
    `pool            ${c.pool}`,
    `quality         ${c.afterQuality}  (dropped: ${dropped})`,
    `difficulty      ${c.afterDifficulty}  (solved by: ${solved})`,
    `domains         ${c.domains} among candidates, ${c.selectedDomains} selected`,
    `selected        ${c.selected}  (seeds: ${c.seedsBenchmark} benchmark + ${c.seedsLongMath} long MATH; sampled ${c.sampled})`,
    out ? `wrote ${out}/selected.jsonl and ${out}/report.json` : '',
    '',
  ].join('\n');
}

/** The vocabularies load in seconds, so only when a command needs one (bytes needs none). */
async function loadTokenizer(name: string): Promise<Tokenizer> {
  if (name === 'bytes') return createBytesTokenizer();
  const { getTokenizer } = await import('../tokenizers/index.js');
  return getTokenizer(name);
}
