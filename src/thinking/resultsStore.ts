import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { appendLine, writeFileAtomic } from '../core/atomic.js';
import { readAllRecords, readJsonFile } from '../core/data/index.js';
import { LmscopeError } from '../core/errors.js';
import type { SampleRecord } from './evaluate.js';

/** An evaluation's output folder: append-only samples, the run's settings, and the report. */
export interface ResultsStore {
  dir: string;
  /** Records already in samples.jsonl (a rerun skips their keys). */
  records: SampleRecord[];
  done: Set<string>;
  append(record: SampleRecord): Promise<void>;
  writeFile(name: string, content: string): Promise<void>;
}

export const SAMPLES_FILE = 'samples.jsonl';
export const RUN_FILE = 'run.json';

/**
 * Opens (or starts) a results folder. `fingerprint` holds the settings every sample depends on
 * (model, template, decoding); a folder written with other settings is refused, so results of
 * different runs never mix. A torn last line (a crash mid-write) is skipped and redone.
 */
export async function openResultsStore(dir: string, fingerprint: Record<string, unknown>): Promise<ResultsStore> {
  const runFile = path.join(dir, RUN_FILE);
  if (existsSync(runFile)) {
    const previous = await readJsonFile<Record<string, unknown>>(runFile);
    for (const [field, value] of Object.entries(fingerprint)) {
      if (JSON.stringify(previous[field]) !== JSON.stringify(value)) {
        throw new LmscopeError('results_mismatch', `${dir} holds results of a run with a different ${field} (${JSON.stringify(previous[field])}, now ${JSON.stringify(value)}); use another --out folder or the same settings`, { where: { file: runFile, field } });
      }
    }
  } else {
    await writeFileAtomic(runFile, `${JSON.stringify(fingerprint, null, 2)}\n`);
  }
  const samplesFile = path.join(dir, SAMPLES_FILE);
  const records: SampleRecord[] = [];
  if (existsSync(samplesFile)) {
    await endWithNewline(samplesFile);
    for (const r of await readAllRecords(samplesFile, { skipBad: true })) {
      if (typeof r.value.key === 'string') records.push(r.value as unknown as SampleRecord);
    }
  }
  const done = new Set(records.map((r) => r.key));
  return {
    dir,
    records,
    done,
    async append(record) {
      await appendLine(samplesFile, JSON.stringify(record));
      records.push(record);
      done.add(record.key);
    },
    writeFile: (name, content) => writeFileAtomic(path.join(dir, name), content),
  };
}

/** A torn last line gets its newline, so the next record starts on a line of its own. */
async function endWithNewline(file: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] === 0x0a) return;
  } finally {
    await handle.close();
  }
  await fs.appendFile(file, '\n');
}
