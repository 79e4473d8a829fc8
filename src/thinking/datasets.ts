import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { badInput } from '../core/errors.js';
import { readAllRecords, type SourcedRecord } from '../core/data/index.js';

/** A math problem with its gold answer. */
export interface Problem {
  id: string;
  problem: string;
  answer: string;
}

/** Evaluation sets bundled in the repository under data/math/<name>.jsonl. */
export const NAMED_DATASETS = ['math500', 'aime24', 'amc23'] as const;

/** The repository root: the nearest folder above this module with lmscope's package.json. */
export function packageRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'lmscope') return dir;
      } catch {
        // Not lmscope's manifest; keep climbing.
      }
    }
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** `math500` → <repo>/data/math/math500.jsonl; anything else is a file path. */
export function resolveDataPath(data: string, root = packageRoot()): string {
  if ((NAMED_DATASETS as readonly string[]).includes(data)) return path.join(root, 'data', 'math', `${data}.jsonl`);
  return data;
}

/**
 * Reads problems from JSONL/JSON/Parquet with `problem` (or `question`) and `answer` fields; the id
 * is `unique_id`, `id`, or the line number.
 * @example await loadProblems('aime24', { limit: 5 })
 */
export async function loadProblems(data: string, options: { limit?: number; root?: string } = {}): Promise<Problem[]> {
  const file = resolveDataPath(data, options.root);
  if (!existsSync(file)) {
    const hint = (NAMED_DATASETS as readonly string[]).includes(data) ? ` (the bundled ${data} set is missing from data/math/)` : `; give a JSONL file with "problem" and "answer" or one of ${NAMED_DATASETS.join(', ')}`;
    throw badInput(`no data at ${file}${hint}`, { file, field: 'data' }, 'file_not_found');
  }
  const records = await readAllRecords(file);
  const problems = records.map(toProblem);
  const ids = new Set<string>();
  for (const [i, p] of problems.entries()) {
    if (ids.has(p.id)) throw badInput(`duplicate problem id "${p.id}"`, { file, line: records[i]!.line, field: 'id' });
    ids.add(p.id);
  }
  return options.limit === undefined ? problems : problems.slice(0, options.limit);
}

/** Problems given inline (HTTP bodies), checked like file rows. */
export function problemsFromValues(values: unknown[]): Problem[] {
  return values.map((value, i) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(`problems[${i}] must be an object with problem and answer`, { field: 'problems', item: `problems[${i}]` });
    return toProblem({ value: value as Record<string, unknown>, file: 'request', line: i + 1 });
  });
}

function toProblem(record: SourcedRecord): Problem {
  const { value, file, line } = record;
  const text = value.problem ?? value.question;
  if (typeof text !== 'string' || text.trim() === '') throw badInput('each row needs a "problem" (or "question") string', { file, line, field: 'problem' });
  const answer = value.answer;
  if (typeof answer !== 'string' && typeof answer !== 'number') throw badInput('each row needs an "answer" (string or number)', { file, line, field: 'answer' });
  const rawId = value.unique_id ?? value.id;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `line-${line}`;
  return { id, problem: text, answer: String(answer) };
}
