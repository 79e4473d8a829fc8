import type { Command } from 'commander';
import { action, parseFloatOption, parseIntOption, printJson } from '../cli/run.js';
import { writeFileAtomic } from '../core/atomic.js';
import { readRecords } from '../core/data/index.js';
import { badInput } from '../core/errors.js';
import { createProgress } from '../core/progress.js';
import { addBackendOptions, createLanguageModelFromOptions, type BackendOptions } from '../lm/index.js';
import { incorrectLabelSet, labelMajority, writeLabelledData, type PromptRecord } from './majority.js';

interface LabelOptions extends BackendOptions {
  data: string;
  k: number;
  out: string;
  samplesFile?: string;
  incorrectOut?: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  chat?: boolean;
  seed: number;
  concurrency: number;
  limit?: number;
  json?: boolean;
}

/** `lmscope rewards label-majority`: k samples per prompt, most common answer, resumable. */
export function registerLabelMajority(rewards: Command): void {
  addBackendOptions(
    rewards
      .command('label-majority')
      .description('Label prompts with the majority answer of k samples from the model (offline, resumable); also the incorrect-label set')
      .requiredOption('--data <file>', 'prompts: JSONL/JSON/Parquet with prompt (or problem) and optionally answer, id')
      .option('--k <n>', 'samples per prompt', parseIntOption, 64)
      .requiredOption('--out <file>', 'labelled data (JSONL): each record with majority_label, majority_correct, incorrect_label')
      .option('--samples-file <file>', 'append-only log of every sample; a rerun continues from it (default: <out>.samples.jsonl)')
      .option('--incorrect-out <file>', 'also write the prompts whose majority answer is wrong, labelled with that answer')
      .option('--temperature <t>', 'sampling temperature', parseFloatOption, 1.0)
      .option('--top-p <p>', 'nucleus sampling', parseFloatOption, 1.0)
      .option('--max-tokens <n>', 'tokens per sample', parseIntOption, 3072)
      .option('--chat', 'apply the chat template (the paper passes the raw prompt)')
      .option('--seed <n>', 'base seed of the per-sample seeds', parseIntOption, 42)
      .option('--concurrency <n>', 'samples in flight at once', parseIntOption, 4)
      .option('--limit <n>', 'only the first N prompts', parseIntOption)
      .option('--json', 'print the summary as JSON'),
  ).action(
    action(async (o: LabelOptions) => {
      const records = await readPromptRecords(o.data, o.limit);
      const model = await createLanguageModelFromOptions(o);
      const controller = new AbortController();
      const interrupt = () => controller.abort();
      process.once('SIGINT', interrupt);
      try {
        const progress = createProgress({ label: 'label-majority', total: records.length * o.k, unit: 'samples', mode: o.json ? 'silent' : undefined });
        const { labels, summary } = await labelMajority({
          model,
          records,
          k: o.k,
          samplesFile: o.samplesFile ?? `${o.out}.samples.jsonl`,
          settings: { chat: o.chat === true, temperature: o.temperature, topP: o.topP, maxTokens: o.maxTokens, timeoutMs: o.timeoutMs },
          seed: o.seed,
          concurrency: o.concurrency,
          progress,
          signal: controller.signal,
        });
        await writeLabelledData(o.out, records, labels);
        if (o.incorrectOut) {
          const incorrect = incorrectLabelSet(labels);
          await writeFileAtomic(o.incorrectOut, incorrect.map((r) => JSON.stringify(r)).join('\n') + (incorrect.length ? '\n' : ''));
        }
        const result = { ...summary, interrupted: controller.signal.aborted, out: o.out };
        if (o.json) return printJson(result);
        process.stdout.write(
          `${summary.labelled}/${summary.prompts} prompts labelled (${summary.sampled} samples drawn, ${summary.resumed} resumed, ${summary.failed} still failing)` +
            `${summary.majorityAccuracy !== null ? `; majority correct on ${(summary.majorityAccuracy * 100).toFixed(1)}%, ${summary.incorrect} incorrect` : ''}\n`,
        );
      } finally {
        process.off('SIGINT', interrupt);
        await model.close();
      }
    }),
  );
}

async function readPromptRecords(file: string, limit?: number): Promise<PromptRecord[]> {
  const records: PromptRecord[] = [];
  for await (const { value, line } of readRecords(file)) {
    if (limit !== undefined && records.length >= limit) break;
    const prompt = value.prompt ?? value.problem ?? value.question;
    if (typeof prompt !== 'string' || !prompt) throw badInput('the record has no "prompt" (or "problem"/"question") text', { file, line, field: 'prompt' });
    const answer = value.answer ?? value.label;
    records.push({
      id: String(value.id ?? value.unique_id ?? `line-${line}`),
      prompt,
      ...(answer !== undefined && answer !== null ? { answer: String(answer) } : {}),
      fields: value,
    });
  }
  if (records.length === 0) throw badInput(`${file} holds no prompts`, { file });
  return records;
}
