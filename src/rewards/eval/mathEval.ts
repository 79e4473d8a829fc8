import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { appendLine, writeFileAtomic } from '../../core/atomic.js';
import { badInput } from '../../core/errors.js';
import type { Progress } from '../../core/progress.js';
import type { LanguageModel } from '../../lm/types.js';
import { gradeAnswer, type GraderMode } from '../grader/index.js';
import { drawSample, readSampleLog, runPool, sampleKey, sampleSeed } from '../sampling.js';
import type { MathProblem } from './mathData.js';
import { renderMathPlot, summarizeMath, type MathScores } from './mathSummary.js';
import { answerRegion, planPrompt, type MathTemplate } from './prompts.js';

export interface MathEvalOptions {
  model: LanguageModel;
  problems: MathProblem[];
  /** Samples per problem (1 with temperature 0: greedy pass@1; the paper uses 8 at T = 0.6 for AIME/AMC). */
  samples: number;
  temperature: number;
  topP?: number;
  maxTokens: number;
  template: MathTemplate;
  grader: GraderMode;
  outDir: string;
  /** Name of the data set, for the report. */
  dataset: string;
  seed: number;
  concurrency: number;
  timeoutMs?: number;
  progress?: Progress;
  signal?: AbortSignal;
}

/** What `lmscope eval math --json` prints and summary.json holds. */
export interface MathEvalReport extends MathScores {
  dataset: string;
  backend: string;
  model: string;
  settings: RunSettings;
  /** Samples drawn now, read back from an earlier run, and still failing (retried on the next run). */
  run: { drawn: number; resumed: number; failed: number; skippedLines: number };
  files: { samples: string; summary: string; plot: string };
}

interface RunSettings {
  samples: number;
  temperature: number;
  topP: number;
  maxTokens: number;
  template: MathTemplate;
  grader: GraderMode;
  seed: number;
}

/**
 * Evaluates a model on math problems. Each graded sample is appended to samples.jsonl as soon
 * as it is done; a rerun with the same --out skips finished samples and retries failed ones.
 * Writes summary.json and accuracy.svg (by subject and level) at the end.
 */
export async function runMathEval(options: MathEvalOptions): Promise<MathEvalReport> {
  const { model, problems, outDir } = options;
  if (!Number.isInteger(options.samples) || options.samples < 1) throw badInput(`--samples must be a whole number >= 1, got ${options.samples}`, { field: 'samples' });
  const settings: RunSettings = {
    samples: options.samples,
    temperature: options.temperature,
    topP: options.topP ?? 1,
    maxTokens: options.maxTokens,
    template: options.template,
    grader: options.grader,
    seed: options.seed,
  };
  await checkRunSettings(outDir, { backend: model.backend, model: model.modelId, dataset: options.dataset, ...settings });
  const files = { samples: path.join(outDir, 'samples.jsonl'), summary: path.join(outDir, 'summary.json'), plot: path.join(outDir, 'accuracy.svg') };
  const { done, skipped } = await readSampleLog(files.samples);
  const all = problems.flatMap((problem) => Array.from({ length: settings.samples }, (_, sample) => ({ problem, sample })));
  const todo = all.filter(({ problem, sample }) => !done.has(sampleKey(problem.id, sample)));
  options.progress?.stage('eval math', todo.length);
  let drawn = 0;
  let failed = 0;
  await runPool(
    todo,
    options.concurrency,
    async ({ problem, sample }) => {
      const plan = planPrompt(settings.template, problem.problem);
      const seed = settings.temperature > 0 ? sampleSeed(settings.seed, problem.id, sample) : undefined;
      const outcome = await drawSample(model, plan.text, { chat: plan.chat, temperature: settings.temperature, topP: settings.topP, maxTokens: settings.maxTokens, stop: plan.stop, timeoutMs: options.timeoutMs }, seed);
      const base = { id: problem.id, sample, subject: problem.subject, level: problem.level };
      let line: Record<string, unknown>;
      if (outcome.ok) {
        const graded = gradeAnswer(problem.answer, answerRegion(settings.template, outcome.text), { mode: settings.grader });
        line = { ...base, correct: graded.equal, extracted: graded.pred.extracted, answer: problem.answer, finish: outcome.finishReason, response: outcome.text };
        done.set(sampleKey(problem.id, sample), line);
        drawn++;
      } else {
        line = { ...base, error: outcome.error };
        failed++;
      }
      await appendLine(files.samples, JSON.stringify(line));
      options.progress?.tick();
    },
    options.signal,
  );
  options.progress?.done();
  const lines = [...done.values()].map((v) => ({ id: String(v.id), sample: Number(v.sample), correct: v.correct === true }));
  const scores = summarizeMath(problems, lines, settings.samples);
  const report: MathEvalReport = {
    dataset: options.dataset,
    backend: model.backend,
    model: model.modelId,
    settings,
    ...scores,
    run: { drawn, resumed: all.length - todo.length, failed, skippedLines: skipped },
    files,
  };
  await writeFileAtomic(files.summary, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(files.plot, renderMathPlot(scores, `${options.dataset} — ${model.modelId}`));
  return report;
}

/** Refuses to mix samples made with different settings in one results folder. */
async function checkRunSettings(outDir: string, settings: Record<string, unknown>): Promise<void> {
  const file = path.join(outDir, 'run.json');
  if (existsSync(file)) {
    const previous = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    // More samples per problem extends a run; anything else would mix incomparable samples.
    const changed = Object.keys(settings).filter((k) => k !== 'samples' && JSON.stringify(previous[k]) !== JSON.stringify(settings[k]));
    if (changed.length > 0) {
      throw badInput(`${outDir} holds results made with other settings (${changed.map((k) => `${k}: ${JSON.stringify(previous[k])} -> ${JSON.stringify(settings[k])}`).join(', ')}); use another --out`, { file, field: changed[0] }, 'settings_mismatch');
    }
    return;
  }
  await writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`);
}
