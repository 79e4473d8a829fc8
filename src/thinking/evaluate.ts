import { createHash } from 'node:crypto';
import type { LanguageModel } from '../lm/types.js';
import { extractFinalAnswer } from './answers.js';
import { thinkWithBudget, type ThinkResult } from './budgetForcing.js';
import type { Problem } from './datasets.js';
import { gradeMathAnswer, type AnswerGrader } from './grade.js';
import type { EvalSetting } from './methods.js';
import type { ThinkingTemplate } from './templates.js';

/** One graded generation: a line of the append-only results file. */
export interface SampleRecord {
  key: string;
  method: string;
  setting: string;
  problemId: string;
  sample: number;
  gold: string;
  extracted: string | null;
  correct: boolean;
  thinkingTokens: number;
  answerTokens: number;
  rounds: number;
  interventions: { kind: string; tokenPosition: number }[];
  endedBy: 'model' | 'budget';
  /** The maximum thinking budget applied (an `auto` budget resolved for this problem). */
  limit: number;
  /** rs: generations tried; the record keeps the accepted one (or the last). */
  attempts: number;
  /** rs: whether the kept sample fits the budget. */
  withinBudget: boolean;
  answer: string;
  thinking?: string;
}

export interface RunOptions {
  template: ThinkingTemplate;
  grade?: AnswerGrader;
  /** Keys already done (from the results file): skipped. */
  done?: ReadonlySet<string>;
  /** Called once per finished sample, before the next starts being counted as done. */
  onRecord?: (record: SampleRecord) => Promise<void> | void;
  /** Parallel requests (useful against servers that batch; keep 1 for embedded models). */
  concurrency?: number;
  seed?: number;
  /** Keep the thinking text in each record. */
  keepThinking?: boolean;
  signal?: AbortSignal;
}

/** The record key: method, setting, problem and sample index identify a generation. */
export function sampleKey(setting: Pick<EvalSetting, 'method' | 'label'>, problemId: string, sample: number): string {
  return `${setting.method}|${setting.label}|${problemId}|${sample}`;
}

/**
 * Runs every (setting, problem, sample) not in `done`, grading each answer; returns the new records.
 * Deterministic for a given seed: each generation's seed derives from its key.
 */
export async function runSamples(model: LanguageModel, problems: readonly Problem[], settings: readonly EvalSetting[], options: RunOptions): Promise<SampleRecord[]> {
  const tasks: { setting: EvalSetting; problem: Problem; sample: number; key: string }[] = [];
  for (const setting of settings) {
    for (const problem of problems) {
      for (let sample = 0; sample < setting.samples; sample++) {
        const key = sampleKey(setting, problem.id, sample);
        if (!options.done?.has(key)) tasks.push({ setting, problem, sample, key });
      }
    }
  }
  const records: SampleRecord[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      const record = await runOne(model, task.setting, task.problem, task.sample, task.key, options);
      records.push(record);
      await options.onRecord?.(record);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 1, tasks.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return records;
}

async function runOne(model: LanguageModel, setting: EvalSetting, problem: Problem, sample: number, key: string, options: RunOptions): Promise<SampleRecord> {
  const grade = options.grade ?? gradeMathAnswer;
  const attemptsAllowed = setting.rejectAbove === undefined ? 1 : (setting.maxAttempts ?? 16);
  let result: ThinkResult | undefined;
  let attempts = 0;
  while (attempts < attemptsAllowed) {
    attempts++;
    const seed = deriveSeed(options.seed ?? 0, `${key}#${attempts}`);
    result = await thinkWithBudget(model, { question: problem.problem + setting.questionSuffix, template: options.template, ...setting.budget, temperature: setting.temperature, seed, signal: options.signal });
    if (setting.rejectAbove === undefined || result.thinkingTokens <= setting.rejectAbove) break;
  }
  const r = result!;
  const forced = r.endedBy === 'budget' ? options.template.forcedAnswerPrefix : '';
  const extracted = extractFinalAnswer(forced + r.answer);
  return {
    key,
    method: setting.method,
    setting: setting.label,
    problemId: problem.id,
    sample,
    gold: problem.answer,
    extracted,
    correct: extracted !== null && grade(extracted, problem.answer),
    thinkingTokens: r.thinkingTokens,
    answerTokens: r.answerTokens,
    rounds: r.rounds,
    interventions: r.interventions.map((i) => ({ kind: i.kind, tokenPosition: i.tokenPosition })),
    endedBy: r.endedBy,
    limit: r.budget.maxThinking,
    attempts,
    withinBudget: setting.rejectAbove === undefined || r.thinkingTokens <= setting.rejectAbove,
    answer: r.answer,
    ...(options.keepThinking ? { thinking: r.thinking } : {}),
  };
}

/** A 31-bit seed from a base seed and a key (stable across runs and platforms). */
export function deriveSeed(base: number, key: string): number {
  return createHash('sha256').update(`${base}:${key}`).digest().readUInt32LE(0) >>> 1;
}
