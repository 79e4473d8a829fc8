import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * RewardBench 2 rows made in code in the published schema (`allenai/reward-bench-2`), so tests
 * need no downloaded data. Completion texts carry a "quality" digit that test scorers read.
 */
export interface PublishedRow {
  id: string;
  prompt: string;
  chosen: string[];
  rejected: string[];
  num_correct: number;
  num_incorrect: number;
  total_completions: number;
  models: string[];
  subset: string;
  additional_metadata: Record<string, unknown>;
}

export function makeRow(id: string, subset: string, chosen: string[], rejected: string[], prompt = `Prompt of ${id}`): PublishedRow {
  return {
    id,
    prompt,
    chosen,
    rejected,
    num_correct: chosen.length,
    num_incorrect: rejected.length,
    total_completions: chosen.length + rejected.length,
    models: [...chosen, ...rejected].map((_, i) => `generator-${i}`),
    subset,
    additional_metadata: { category: subset.toLowerCase(), correct: 'yes', index: 1.0, instruction_id_list: [], label: 'x', method: 'natural', models: [], prompt_norm: prompt.toLowerCase(), subcategory: '', valid: 1.0 },
  };
}

/** A small dataset covering all six subsets, with two ref/tied pairs in Ties. */
export function sampleDataset(): PublishedRow[] {
  const four = (id: string, subset: string): PublishedRow => makeRow(id, subset, [`good answer for ${id} q9`], [`weak answer A for ${id} q3`, `weak answer B for ${id} q2`, `weak answer C for ${id} q1`]);
  return [
    four('fact-1', 'Factuality'),
    four('fact-2', 'Factuality'),
    four('pif-1', 'Precise IF'),
    four('math-1', 'Math'),
    four('safety-1', 'Safety'),
    four('focus-1', 'Focus'),
    makeRow('ref:1', 'Ties', ['Red q9'], ['Seven q1', 'Banana q2'], 'Name a color of the rainbow.'),
    makeRow('tied:1', 'Ties', ['Red q9', 'Blue q8', 'Green q9'], ['Seven q1', 'Banana q2', 'Paris q3'], 'Name a color of the rainbow.'),
    makeRow('ref:2', 'Ties', ['Two q9'], ['Nine q2'], 'Name a prime number below 4.'),
    makeRow('tied:2', 'Ties', ['Two q9', 'Three q7'], ['Nine q2', 'Four q1'], 'Name a prime number below 4.'),
  ];
}

/** The "quality" digit a completion text carries (q0-q9); test scorers read it. */
export function qualityOf(text: string): number {
  const m = /q(\d)/.exec(text);
  return m ? Number(m[1]) : 0;
}

export async function tempDir(prefix = 'rewardbench-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function writeJsonl(file: string, rows: readonly unknown[]): Promise<string> {
  await fs.writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

/** Writes rows as Parquet with the published column types (lists of strings, int64 counts, a struct). */
export async function writeParquet(file: string, rows: readonly PublishedRow[]): Promise<string> {
  const { parquetWriteFile } = await import('hyparquet-writer');
  const stringList = (name: string) => [
    { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  ];
  const schema = [
    { name: 'root', num_children: 10 },
    { name: 'id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'prompt', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ...stringList('chosen'),
    ...stringList('rejected'),
    { name: 'num_correct', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 'num_incorrect', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 'total_completions', type: 'INT64', repetition_type: 'OPTIONAL' },
    ...stringList('models'),
    { name: 'subset', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'additional_metadata', repetition_type: 'OPTIONAL', num_children: 3 },
    { name: 'category', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'index', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    { name: 'valid', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  ];
  parquetWriteFile({
    filename: file,
    columnData: [
      { name: 'id', data: rows.map((r) => r.id) },
      { name: 'prompt', data: rows.map((r) => r.prompt) },
      { name: 'chosen', data: rows.map((r) => r.chosen) },
      { name: 'rejected', data: rows.map((r) => r.rejected) },
      { name: 'num_correct', data: rows.map((r) => BigInt(r.num_correct)) },
      { name: 'num_incorrect', data: rows.map((r) => BigInt(r.num_incorrect)) },
      { name: 'total_completions', data: rows.map((r) => BigInt(r.total_completions)) },
      { name: 'models', data: rows.map((r) => r.models) },
      { name: 'subset', data: rows.map((r) => r.subset) },
      { name: 'additional_metadata', data: rows.map((r) => ({ category: String(r.additional_metadata.category), index: Number(r.additional_metadata.index), valid: Number(r.additional_metadata.valid) })) },
    ],
    schema: schema as never,
  });
  return file;
}
