import { InvalidArgumentError, type Command } from 'commander';
import { writeFileAtomic } from '../core/atomic.js';
import { action, parseFloatOption, parseIntOption, printJson } from '../cli/run.js';
import { runProfile, runStats, runSweep } from './analysis.js';
import { registerAssessCommands } from './cliAssess.js';
import { registerModelCommands } from './cliModel.js';
import type { Direction } from './profile.js';
import { renderSweepSvg } from './plot.js';

interface InputOptions {
  tree: string;
  results: string;
  split?: string;
  json?: boolean;
  out?: string;
}

interface ProfileCliOptions extends InputOptions {
  alpha: number;
  tau: number;
  direction: Direction;
  minChildSize: number;
}

/** "0.01,0.05" -> [0.01, 0.05]; commander reports a bad value as an option error. */
function parseAlphaList(text: string): number[] {
  return text.split(/[\s,]+/).filter(Boolean).map((s) => {
    const n = Number(s);
    if (!Number.isFinite(n)) throw new InvalidArgumentError(`not a number: "${s}"`);
    return n;
  });
}

function parseDirection(value: string): Direction {
  if (value !== 'lower' && value !== 'higher') throw new InvalidArgumentError('use lower or higher');
  return value;
}

function addInputOptions(command: Command): Command {
  return command
    .requiredOption('--tree <file>', 'capability tree JSON ({description, subtrees})')
    .requiredOption('--results <file>', 'per-instance results JSON (0/1 list, or [a, b] win-rate pairs)')
    .option('--split <file>', 'JSON list of the instances the tree was built on')
    .option('--out <file>', 'also write the JSON result to a file')
    .option('--json', 'print the result as JSON');
}

async function emit(value: unknown, o: { json?: boolean; out?: string }, summary: () => string): Promise<void> {
  if (o.out) await writeFileAtomic(o.out, `${JSON.stringify(value, null, 2)}\n`);
  if (o.json) printJson(value);
  else process.stdout.write(`${summary()}\n`);
}

const pct = (x: number): string => (x * 100).toFixed(1);

/** `lmscope evaltree stats|profile|sweep|annotate|build|synthetic|assess`. */
export function register(program: Command): void {
  const evaltree = program.command('evaltree').description('Capability trees and weakness profiles from per-instance results (EvalTree)');

  addInputOptions(evaltree.command('stats').description('Per-node size, successes and Clopper-Pearson intervals (the confidence-interval tree)'))
    .option('--alpha <list>', 'interval levels, comma-separated', parseAlphaList, [0.01, 0.05])
    .action(
      action(async (o: InputOptions & { alpha: number[] }) => {
        const ciTree = await runStats({ tree: o.tree, results: o.results, split: o.split, alphas: o.alpha });
        await emit(ciTree, o, () => {
          const root = ciTree.confidence_interval ?? {};
          const intervals = Object.entries(root).map(([a, [lo, hi]]) => `alpha ${a}: [${pct(lo)}, ${pct(hi)}]`).join('; ');
          return `root: ${ciTree.size} instances, rate ${pct(ciTree.sum_metrics / ciTree.size)}% (successes ${ciTree.sum_metrics}); ${intervals}\nuse --json or --out for the whole tree`;
        });
      }),
    );

  addInputOptions(evaltree.command('profile').description('Weakness profile: maximal nodes whose interval lies below tau'))
    .option('--alpha <x>', 'interval level', parseFloatOption, 0.05)
    .option('--tau <x>', 'threshold tau', parseFloatOption, 0.4)
    .option('--direction <d>', 'lower (weaknesses) or higher (strengths)', parseDirection, 'lower' as Direction)
    .option('--min-child-size <n>', 'children this large must pass too', parseIntOption, 20)
    .action(
      action(async (o: ProfileCliOptions) => {
        const profile = await runProfile({ tree: o.tree, results: o.results, split: o.split, alpha: o.alpha, tau: o.tau, direction: o.direction, minChildSize: o.minChildSize });
        await emit(profile, o, () =>
          [`${profile.length} ${o.direction === 'lower' ? 'weakness' : 'strength'}(es) at tau ${o.tau}, alpha ${o.alpha}:`, ...profile.map((p, i) => `${String(i + 1).padStart(3)}. [${String(p.instances.length).padStart(4)}] ${p.capability}`)].join('\n'),
        );
      }),
    );

  addInputOptions(evaltree.command('sweep').description('Sweep tau for profile-size curves, optionally as an SVG plot'))
    .option('--alpha <x>', 'interval level', parseFloatOption, 0.05)
    .option('--direction <d>', 'lower or higher', parseDirection, 'lower' as Direction)
    .option('--min-child-size <n>', 'children this large must pass too', parseIntOption, 20)
    .option('--step <x>', 'tau step', parseFloatOption, 1e-4)
    .option('--max-size <n>', 'largest profile size kept in bySize', parseIntOption, 20)
    .option('--svg <file>', 'write a plot of size and rate against tau')
    .action(
      action(async (o: Omit<ProfileCliOptions, 'tau'> & { step: number; maxSize: number; svg?: string }) => {
        const report = await runSweep({ tree: o.tree, results: o.results, split: o.split, alpha: o.alpha, direction: o.direction, minChildSize: o.minChildSize, step: o.step, maxSize: o.maxSize });
        if (o.svg) await writeFileAtomic(o.svg, renderSweepSvg(report));
        await emit(report, o, () =>
          [`${report.profiles.length} profiles from tau ${report.start.toFixed(4)} (${report.distinct.length} distinct):`, ...report.profiles.map((p) => `tau ${p.tauFirst.toFixed(4)}..${p.tauLast.toFixed(4)}: size ${p.size}, ${p.instances} instances, rate ${pct(p.rate)}%`), ...(o.svg ? [`plot: ${o.svg}`] : [])].join('\n'),
        );
      }),
    );

  registerModelCommands(evaltree);
  registerAssessCommands(evaltree);
}
