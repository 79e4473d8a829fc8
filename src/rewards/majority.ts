import { appendLine, writeFileAtomic } from '../core/atomic.js';
import { badInput } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import type { LanguageModel } from '../lm/types.js';
import { gradePrm800k, qwenExtractAnswer } from './grader/index.js';
import { drawSample, readSampleLog, runPool, sampleKey, sampleSeed, type SampleSettings } from './sampling.js';

/** A prompt to label: its id, raw prompt text and (optionally) its true answer. */
export interface PromptRecord {
  id: string;
  prompt: string;
  answer?: string;
  /** The record as read, kept in the labelled output. */
  fields?: Record<string, unknown>;
}

export interface VoteResult {
  label: string | null;
  count: number;
  /** Non-empty answers that voted. */
  votes: number;
  distinct: number;
}

/**
 * The most common non-empty answer; ties go to the answer seen first (Python Counter order).
 * @example majorityVote(['2', '3', '3', '', '2']).label // "2"
 */
export function majorityVote(answers: string[]): VoteResult {
  const counts = new Map<string, number>();
  for (const a of answers) if (a !== '') counts.set(a, (counts.get(a) ?? 0) + 1);
  let label: string | null = null;
  let count = 0;
  for (const [answer, n] of counts) {
    if (n > count) [label, count] = [answer, n];
  }
  return { label, count, votes: [...counts.values()].reduce((a, b) => a + b, 0), distinct: counts.size };
}

export interface LabelMajorityOptions {
  model: LanguageModel;
  records: PromptRecord[];
  k: number;
  /** Append-only log of every sample; a rerun continues from it. */
  samplesFile: string;
  settings: SampleSettings;
  seed: number;
  concurrency: number;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface MajorityLabel {
  id: string;
  prompt: string;
  answer?: string;
  majority_label: string | null;
  majority_count: number;
  votes: number;
  k: number;
  /** Samples still failed after this run (the label then rests on fewer than k samples). */
  failed_samples: number;
  /** Whether the majority answer equals the true answer (PRM800K rules); null without a true answer. */
  majority_correct: boolean | null;
  /** The wrong majority answer, for the incorrect-label reward; null when the majority is right or unknown. */
  incorrect_label: string | null;
}

export interface LabelMajoritySummary {
  prompts: number;
  k: number;
  sampled: number;
  resumed: number;
  failed: number;
  skippedLines: number;
  labelled: number;
  majorityAccuracy: number | null;
  incorrect: number;
}

/**
 * Labels each prompt with the majority answer of k samples from the model (the paper: 64 samples,
 * T = 1.0, top_p 1.0, 3072 tokens, raw prompt). Every sample is appended to `samplesFile` as it
 * finishes, so an interrupted run loses at most the samples in flight.
 */
export async function labelMajority(options: LabelMajorityOptions): Promise<{ labels: MajorityLabel[]; summary: LabelMajoritySummary }> {
  const { model, records, k, samplesFile, settings } = options;
  if (!Number.isInteger(k) || k < 1) throw badInput(`--k must be a whole number >= 1, got ${k}`, { field: 'k' });
  const ids = new Set<string>();
  for (const r of records) {
    if (ids.has(r.id)) throw badInput(`two records share the id "${r.id}": ids must be unique to resume`, { field: 'id', item: r.id });
    ids.add(r.id);
  }
  const { done, skipped } = await readSampleLog(samplesFile);
  const resumed = records.reduce((n, r) => n + Array.from({ length: k }, (_, i) => done.has(sampleKey(r.id, i))).filter(Boolean).length, 0);
  const todo = records.flatMap((r) => Array.from({ length: k }, (_, i) => ({ record: r, sample: i }))).filter(({ record, sample }) => !done.has(sampleKey(record.id, sample)));
  options.progress?.stage('label-majority', todo.length);
  let sampled = 0;
  await runPool(
    todo,
    options.concurrency,
    async ({ record, sample }) => {
      const outcome = await drawSample(model, record.prompt, settings, sampleSeed(options.seed, record.id, sample));
      const line = outcome.ok
        ? { id: record.id, sample, answer: qwenExtractAnswer(outcome.text), finish: outcome.finishReason, response: outcome.text }
        : { id: record.id, sample, error: outcome.error };
      await appendLine(samplesFile, JSON.stringify(line));
      if (outcome.ok) {
        done.set(sampleKey(record.id, sample), line);
        sampled++;
      }
      options.progress?.tick();
    },
    options.signal,
  );
  options.progress?.done();
  const labels = records.map((record) => labelOf(record, k, done));
  const judged = labels.filter((l) => l.majority_correct !== null);
  return {
    labels,
    summary: {
      prompts: records.length,
      k,
      sampled,
      resumed,
      failed: labels.reduce((n, l) => n + l.failed_samples, 0),
      skippedLines: skipped,
      labelled: labels.filter((l) => l.majority_label !== null).length,
      majorityAccuracy: judged.length ? judged.filter((l) => l.majority_correct).length / judged.length : null,
      incorrect: labels.filter((l) => l.incorrect_label !== null).length,
    },
  };
}

function labelOf(record: PromptRecord, k: number, done: Map<string, Record<string, unknown>>): MajorityLabel {
  const answers: string[] = [];
  let failed = 0;
  for (let i = 0; i < k; i++) {
    const line = done.get(sampleKey(record.id, i));
    if (line) answers.push(typeof line.answer === 'string' ? line.answer : '');
    else failed++;
  }
  const vote = majorityVote(answers);
  const correct = vote.label !== null && record.answer !== undefined ? gradePrm800k(vote.label, record.answer).equal : null;
  return {
    id: record.id,
    prompt: record.prompt,
    ...(record.answer !== undefined ? { answer: record.answer } : {}),
    majority_label: vote.label,
    majority_count: vote.count,
    votes: vote.votes,
    k,
    failed_samples: failed,
    majority_correct: correct,
    incorrect_label: correct === false ? vote.label : null,
  };
}

/** Writes the labelled dataset (every record with its labels) atomically. */
export async function writeLabelledData(file: string, records: PromptRecord[], labels: MajorityLabel[]): Promise<void> {
  const lines = labels.map((label, i) => JSON.stringify({ ...records[i]!.fields, ...label }));
  await writeFileAtomic(file, lines.length ? `${lines.join('\n')}\n` : '');
}

/**
 * The incorrect-label training set: only prompts whose majority answer is wrong, with that wrong
 * answer as `label` (the paper's `relabel_data_based_on_mv_labels.py`).
 */
export function incorrectLabelSet(labels: MajorityLabel[]): { id: string; prompt: string; label: string; answer?: string }[] {
  return labels
    .filter((l): l is MajorityLabel & { incorrect_label: string } => l.incorrect_label !== null)
    .map((l) => ({ id: l.id, prompt: l.prompt, label: l.incorrect_label, ...(l.answer !== undefined ? { answer: l.answer } : {}) }));
}
