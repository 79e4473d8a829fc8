import { badInput } from '../core/errors.js';
import { METHODS, type EvalPlanOptions, type MethodName } from './methods.js';
import { intField, intListField, parseTemplateInput, type ThinkInput } from './request.js';
import type { ThinkingTemplate } from './templates.js';

/** An evaluation request as JSON (HTTP body, or CLI options under the same names), checked. */
export interface EvalInput extends EvalPlanOptions {
  /** A data file path or a bundled set name (math500, aime24, amc23). */
  data?: string;
  /** Problems given inline instead of `data` (HTTP). */
  problems?: unknown[];
  limit?: number;
  template: ThinkingTemplate;
  seed?: number;
  concurrency?: number;
}

/**
 * Checks an evaluation request; every error names its field.
 * @example parseEvalInput({ data: 'aime24', methods: 'bf', budgets: '512,1024' })
 */
export function parseEvalInput(input: ThinkInput): EvalInput {
  const methods = parseMethods(input.methods ?? input.method);
  const data = input.data;
  if (data !== undefined && (typeof data !== 'string' || data === '')) throw badInput('data must be a file path or one of math500, aime24, amc23', { field: 'data' });
  const problems = input.problems;
  if (problems !== undefined && !Array.isArray(problems)) throw badInput('problems must be a list of {problem, answer}', { field: 'problems' });
  if (data === undefined && problems === undefined) throw badInput('give data (a file or math500, aime24, amc23) or problems', { field: 'data' });
  const waits = input.waits ?? input.wait;
  const temperature = input.temperature;
  if (temperature !== undefined && (typeof temperature !== 'number' || !(temperature >= 0))) throw badInput('temperature must be a number ≥ 0', { field: 'temperature' });
  const extension = input.extension;
  if (extension !== undefined && typeof extension !== 'string') throw badInput('extension must be a string', { field: 'extension' });
  return {
    data: data as string | undefined,
    problems: problems as unknown[] | undefined,
    limit: intField(input, 'limit', 1),
    template: parseTemplateInput(input),
    methods,
    budgets: intListField(input, 'budgets', 1),
    waits: intListField({ waits }, 'waits', 0),
    maxThinking: input.maxThinking === 'auto' ? 'auto' : intField(input, 'maxThinking', 1),
    minThinking: intField(input, 'minThinking', 0),
    extension,
    maxAnswerTokens: intField(input, 'maxAnswerTokens', 1),
    maxGenTokens: intField(input, 'maxGenTokens', 1),
    samples: intField(input, 'samples', 1),
    temperature: temperature as number | undefined,
    maxAttempts: intField(input, 'maxAttempts', 1),
    seed: intField(input, 'seed', 0),
    concurrency: intField(input, 'concurrency', 1),
  };
}

function parseMethods(value: unknown): MethodName[] {
  if (value === undefined || value === null) return ['bf'];
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
  if (!Array.isArray(list) || list.length === 0) throw badInput(`methods must list some of ${METHODS.join(', ')}`, { field: 'methods' });
  for (const m of list) if (!(METHODS as readonly unknown[]).includes(m)) throw badInput(`unknown method ${JSON.stringify(m)}: use ${METHODS.join(', ')}`, { field: 'methods' });
  return list as MethodName[];
}
