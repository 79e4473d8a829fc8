import { existsSync } from 'node:fs';
import { LmscopeError, type SerializedError } from '../core/errors.js';
import { readRecords } from '../core/data/index.js';
import type { LanguageModel } from '../lm/types.js';

/** How one response is drawn: a raw prompt (no chat template, as majority labelling does) or a chat turn. */
export interface SampleSettings {
  chat: boolean;
  system?: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  stop?: string[];
  timeoutMs?: number;
}

export type SampleOutcome = { ok: true; text: string; finishReason: string } | { ok: false; error: SerializedError };

/**
 * Draws one response. A failed call, a timeout or a reply without text is returned as an error
 * (recorded and retried on the next run), never thrown, so one bad sample does not stop a run.
 */
export async function drawSample(model: LanguageModel, prompt: string, settings: SampleSettings, seed?: number): Promise<SampleOutcome> {
  const sampling = { temperature: settings.temperature, topP: settings.topP, maxTokens: settings.maxTokens, stop: settings.stop, seed, timeoutMs: settings.timeoutMs };
  try {
    const messages = [...(settings.system ? [{ role: 'system' as const, content: settings.system }] : []), { role: 'user' as const, content: prompt }];
    const result = settings.chat ? await model.chat({ ...sampling, messages }) : await model.complete({ ...sampling, prompt });
    if (typeof result?.text !== 'string') return { ok: false, error: { code: 'bad_response', message: 'the backend returned no text' } };
    if (result.finishReason === 'error') return { ok: false, error: { code: 'backend_error', message: 'the backend reported an error for this sample' } };
    return { ok: true, text: result.text, finishReason: result.finishReason };
  } catch (error) {
    if (LmscopeError.isInstance(error)) return { ok: false, error: error.toJSON() };
    return { ok: false, error: { code: 'backend_error', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** The key of one sample in a results file. */
export const sampleKey = (id: string, sample: number): string => `${id}\u0000${sample}`;

/**
 * Reads an append-only sample log: the last successful line per (id, sample). Lines cut short by
 * an interruption are skipped and counted; failed samples are not "done", so a rerun retries them.
 */
export async function readSampleLog(file: string): Promise<{ done: Map<string, Record<string, unknown>>; skipped: number }> {
  const done = new Map<string, Record<string, unknown>>();
  let skipped = 0;
  if (!existsSync(file)) return { done, skipped };
  for await (const { value } of readRecords(file, { skipBad: true, onSkip: () => skipped++ })) {
    if (typeof value.id !== 'string' || typeof value.sample !== 'number') {
      skipped++;
      continue;
    }
    if (value.error === undefined) done.set(sampleKey(value.id, value.sample), value);
  }
  return { done, skipped };
}

/** Runs `worker` over `items` with at most `concurrency` in flight; stops starting new work once `signal` aborts. */
export async function runPool<T>(items: T[], concurrency: number, worker: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++]!;
      await worker(item);
    }
  });
  await Promise.all(lanes);
}

/** A whole-number seed per (seed, id, sample), so sampled runs replay where the backend honours seeds. */
export function sampleSeed(seed: number, id: string, sample: number): number {
  let h = 2166136261 ^ seed;
  for (const ch of `${id}#${sample}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % 2147483647;
}
