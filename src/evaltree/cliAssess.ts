import type { Command } from 'commander';
import { writeFileAtomic } from '../core/atomic.js';
import { readJsonFile } from '../core/data/index.js';
import { badInput } from '../core/errors.js';
import { action, parseFloatOption, parseIntOption, printJson } from '../cli/run.js';
import { assessLowPerformance, associatedInstances, minimumFromSize, scoreAgainstTruth, type Associations } from './assess.js';
import { loadResults, loadSplit } from './load.js';
import { complementOfSplit } from './results.js';
import { countWeaknesses, generateSyntheticResults } from './synthetic.js';

async function readAssociations(file: string): Promise<Associations> {
  const value = await readJsonFile(file);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput('associations must map each description to a list of "YES"/"NO"/null per instance', { file }, 'bad_associations');
  for (const [description, labels] of Object.entries(value)) {
    if (!Array.isArray(labels)) throw badInput(`labels of "${description.slice(0, 80)}" must be a list`, { file, item: description.slice(0, 80) }, 'bad_associations');
  }
  return value as Associations;
}

async function readStringList(file: string, what: string): Promise<string[]> {
  const value = await readJsonFile(file);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw badInput(`${what} must be a JSON list of strings`, { file }, 'bad_input');
  return value as string[];
}

/** Profiles from a file: one list of descriptions, a list of such lists, `[{capability}]`, or a sweep report. */
export function profilesFromJson(value: unknown, file?: string): string[][] {
  const where = file ? { file } : undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray((value as { distinct?: unknown }).distinct)) return profilesFromJson((value as { distinct: unknown }).distinct, file);
  if (!Array.isArray(value)) throw badInput('a profile file holds a list of descriptions, a list of such lists, [{capability}], or a sweep report', where, 'bad_profile');
  if (value.every((v) => typeof v === 'string')) return [value as string[]];
  if (value.every((v) => typeof v === 'object' && v !== null && typeof (v as { capability?: unknown }).capability === 'string')) return [value.map((v) => (v as { capability: string }).capability)];
  if (value.every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'))) return value as string[][];
  throw badInput('could not read profiles: expected strings, [{capability}], or lists of strings', where, 'bad_profile');
}

/** `evaltree synthetic` and `evaltree assess`: the paper's synthetic results and the two assessments. */
export function registerAssessCommands(evaltree: Command): void {
  evaltree
    .command('synthetic')
    .description('Synthetic results: P(success) = base x decay^(number of ground-truth weaknesses of the instance)')
    .requiredOption('--associations <file>', 'association labels: {description: ["YES"|"NO"|null per instance]}')
    .requiredOption('--truth <file>', 'JSON list of the ground-truth weakness descriptions')
    .requiredOption('--decay <x>', 'factor per weakness (paper: 0.2, 0.4, 0.5)', parseFloatOption)
    .option('--base <x>', 'success probability without weaknesses', parseFloatOption, 0.7)
    .option('--seed <n>', 'seed (Python-compatible draws)', parseIntOption, 0)
    .option('--win-rate', 'two verdicts per instance ([a, b] pairs) instead of 0/1')
    .requiredOption('--out <file>', 'where to write the results JSON')
    .option('--json', 'print a JSON summary')
    .action(
      action(async (o: { associations: string; truth: string; decay: number; base: number; seed: number; winRate?: boolean; out: string; json?: boolean }) => {
        const associations = await readAssociations(o.associations);
        const truth = await readStringList(o.truth, 'the ground truth');
        const labels = truth.map((w) => {
          if (!associations[w]) throw badInput(`no association labels for ground-truth weakness "${w.slice(0, 80)}"`, { file: o.associations }, 'missing_association');
          return associations[w]!;
        });
        const results = generateSyntheticResults(countWeaknesses(labels), { base: o.base, decay: o.decay, seed: o.seed, kind: o.winRate ? 'win-rate' : 'accuracy' });
        await writeFileAtomic(o.out, `${JSON.stringify(results, null, 2)}\n`);
        const successes = results.reduce<number>((s, r) => s + (Array.isArray(r) ? (r[0] === 1 ? 1 : 0) + (r[1] === 1 ? 1 : 0) : r), 0);
        const summary = { out: o.out, instances: results.length, rate: successes / (results.length * (o.winRate ? 2 : 1)) };
        if (o.json) printJson(summary);
        else process.stdout.write(`wrote ${summary.instances} synthetic results to ${o.out} (rate ${(summary.rate * 100).toFixed(1)}%)\n`);
      }),
    );

  evaltree
    .command('assess')
    .description('Compare profiles: low-performance identification, and precision/recall/F1 against ground truth')
    .requiredOption('--associations <file>', 'association labels: {description: ["YES"|"NO"|null per instance]}')
    .requiredOption('--results <file>', 'per-instance results the profiles describe')
    .requiredOption('--profiles <files...>', 'profile files (lists of descriptions, [{capability}], or sweep reports)')
    .option('--split <file>', 'the tree-build split')
    .option('--held-out', 'evaluate on the instances outside --split (the paper\'s protocol)')
    .option('--truth <file>', 'ground-truth weaknesses: also score precision, recall and F1')
    .option('--max-size <n>', 'largest profile size for metric 1', parseIntOption, 20)
    .option('--json', 'print the result as JSON')
    .action(
      action(async (o: { associations: string; results: string; profiles: string[]; split?: string; heldOut?: boolean; truth?: string; maxSize: number; json?: boolean }) => {
        const associations = await readAssociations(o.associations);
        const results = await loadResults(o.results);
        if (o.heldOut && !o.split) throw badInput('--held-out needs --split', { field: 'split' });
        const split = o.split ? await loadSplit(o.split) : undefined;
        const total = results.successes.length;
        const range = split ? (o.heldOut ? complementOfSplit(split, total) : split) : [...Array(total).keys()];
        const report = await Promise.all(
          o.profiles.map(async (file) => {
            const profiles = profilesFromJson(await readJsonFile(file), file);
            const low = assessLowPerformance(profiles, associations, results, range, o.maxSize);
            const entry: Record<string, unknown> = { file, profiles: profiles.length, lowPerformance: { ...low, bySizeAtLeast: minimumFromSize(low.bySize), byUnionSizeAtLeast: minimumFromSize(low.byUnionSize) } };
            if (o.truth) {
              const truthSets = (await readStringList(o.truth, 'the ground truth')).map((w) => associatedInstances(associations, w, range));
              const scores = profiles.map((p) => ({ size: p.length, ...scoreAgainstTruth(p.map((w) => associatedInstances(associations, w, range)), truthSets) }));
              entry.groundTruth = { scores, peakF1: Math.max(0, ...scores.map((s) => s.f1)) };
            }
            return entry;
          }),
        );
        if (o.json) printJson({ instances: range.length, methods: report });
        else for (const r of report) process.stdout.write(`${r.file}: ${r.profiles} profile(s)${r.groundTruth ? `, peak F1 ${(r.groundTruth as { peakF1: number }).peakF1.toFixed(3)}` : ''}\n`);
      }),
    );
}
