import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { badInput } from '../../core/errors.js';
import { readRecords } from '../../core/data/index.js';

/** One evaluation problem, from the PRM800K / MATH-500 schema or the {prompt, answer, source, id} variant. */
export interface MathProblem {
  id: string;
  problem: string;
  answer: string;
  subject: string;
  level: string;
}

export const BUNDLED_MATH_SETS = ['math500', 'aime24', 'amc23'] as const;

/** data/math of this package: the first folder up from this module that has package.json. */
function bundledDataDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'data', 'math');
}

/** A file path, or a bundled set name (math500, aime24, amc23). */
export function resolveMathData(fileOrName: string): string {
  if ((BUNDLED_MATH_SETS as readonly string[]).includes(fileOrName)) return path.join(bundledDataDir(), `${fileOrName}.jsonl`);
  return fileOrName;
}

/**
 * Loads problems with their answers. Subject and level come from the record when present
 * (MATH-500), else from the id ("test/algebra/1.json" -> "algebra", "aime24/3" -> "aime24") and "n/a".
 * @example (await loadMathProblems('math500'))[0].subject // "Precalculus"
 */
export async function loadMathProblems(fileOrName: string, options: { limit?: number } = {}): Promise<MathProblem[]> {
  const file = resolveMathData(fileOrName);
  if (!existsSync(file)) throw badInput(`no data file ${file}: give a JSONL/JSON/Parquet file or one of ${BUNDLED_MATH_SETS.join(', ')}`, { file }, 'file_not_found');
  const problems: MathProblem[] = [];
  const ids = new Set<string>();
  for await (const { value, line } of readRecords(file)) {
    if (options.limit !== undefined && problems.length >= options.limit) break;
    const where = { file, line };
    const problem = value.problem ?? value.prompt ?? value.question;
    if (typeof problem !== 'string' || !problem.trim()) throw badInput('the record has no "problem" (or "prompt"/"question") text', { ...where, field: 'problem' });
    const answer = value.answer;
    if ((typeof answer !== 'string' && typeof answer !== 'number') || String(answer).trim() === '') throw badInput('the record has no "answer"', { ...where, field: 'answer' });
    const id = String(value.unique_id ?? value.id ?? `${path.basename(file)}#${line}`);
    if (ids.has(id)) throw badInput(`duplicate id "${id}": ids must be unique so results can resume`, { ...where, field: 'unique_id' });
    ids.add(id);
    const level = value.level;
    problems.push({
      id,
      problem,
      answer: String(answer),
      subject: typeof value.subject === 'string' ? value.subject : subjectFromId(id) ?? String(value.source ?? 'all'),
      level: level === undefined || level === null ? 'n/a' : /^\d+$/.test(String(level)) ? `Level ${level}` : String(level),
    });
  }
  if (problems.length === 0) throw badInput(`${file} holds no problems`, { file });
  return problems;
}

/** "test/precalculus/807.json" -> "precalculus" (MATH ids); "aime24/3" -> "aime24". */
function subjectFromId(id: string): string | undefined {
  const parts = id.split('/');
  if (parts.length >= 3 && (parts[0] === 'test' || parts[0] === 'train')) return parts[1];
  return parts.length >= 2 ? parts[0] : undefined;
}
