import { badInput } from '../core/errors.js';
import type { ThinkRequest } from './budgetForcing.js';
import { BUILTIN_TEMPLATES, resolveTemplate, type ThinkingTemplate } from './templates.js';

/** The fields of a think request as JSON (HTTP body, or CLI options under the same names). */
export type ThinkInput = Record<string, unknown>;

/**
 * Checks a JSON think request and turns it into library arguments; every error names its field.
 * `template` is a built-in name, `custom`, or an object of template fields.
 * @example parseThinkInput({ question: '1+1?', maxThinking: 256, wait: 1 })
 */
export function parseThinkInput(input: ThinkInput): Omit<ThinkRequest, 'onText' | 'signal'> {
  const question = input.question ?? input.prompt;
  if (typeof question !== 'string' || question.trim() === '') throw badInput('question must be a non-empty string', { field: 'question' });
  const maxThinking = input.maxThinking === 'auto' ? 'auto' : intField(input, 'maxThinking', 1);
  if (maxThinking === undefined) throw badInput('maxThinking is required: a token count or "auto"', { field: 'maxThinking' });
  return {
    question,
    template: parseTemplateInput(input),
    maxThinking,
    minThinking: intField(input, 'minThinking', 0),
    wait: intField(input, 'wait', 0),
    extension: stringField(input, 'extension'),
    maxAnswerTokens: intField(input, 'maxAnswerTokens', 1),
    maxGenTokens: intField(input, 'maxGenTokens', 1),
    temperature: numberField(input, 'temperature', 0, 10),
    topP: numberField(input, 'topP', 0, 1),
    seed: intField(input, 'seed', 0),
  };
}

/** The template of a request: `template` (name or object) plus any top-level template fields. */
export function parseTemplateInput(input: ThinkInput): ThinkingTemplate {
  const given = input.template;
  const isObject = typeof given === 'object' && given !== null && !Array.isArray(given);
  if (given !== undefined && typeof given !== 'string' && !isObject) throw badInput('template must be a name (s1, think-tags, r1, custom) or an object of template fields', { field: 'template' });
  const fromObject = isObject ? (given as Record<string, unknown>) : {};
  const pick = (field: string): unknown => input[field] ?? fromObject[field];
  // An object is a custom form unless it names a built-in template to start from.
  const name = typeof given === 'string' ? given : isObject ? (typeof fromObject.name === 'string' && fromObject.name in BUILTIN_TEMPLATES ? fromObject.name : 'custom') : undefined;
  return resolveTemplate(name, {
    promptFormat: stringValue(pick('promptFormat'), 'promptFormat'),
    thinkStart: stringValue(pick('thinkStart'), 'thinkStart'),
    thinkEnd: stringValue(pick('thinkEnd'), 'thinkEnd'),
    thinkStop: stringList(pick('thinkStop'), 'thinkStop'),
    forcedAnswerPrefix: stringValue(pick('forcedAnswerPrefix'), 'forcedAnswerPrefix'),
    answerStop: stringList(pick('answerStop'), 'answerStop'),
  });
}

/** A whole number field at or above `min`, or undefined when absent. */
export function intField(input: ThinkInput, field: string, min: number): number | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw badInput(`${field} must be a whole number ≥ ${min}, got ${JSON.stringify(v)}`, { field });
  return v;
}

/** A list of whole numbers (JSON array or "1,2,3"), or undefined when absent. */
export function intListField(input: ThinkInput, field: string, min: number): number[] | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  const list = typeof v === 'string' ? v.split(',').filter((s) => s.trim() !== '').map(Number) : v;
  if (!Array.isArray(list) || list.length === 0 || list.some((n) => typeof n !== 'number' || !Number.isInteger(n) || n < min)) {
    throw badInput(`${field} must be a list of whole numbers ≥ ${min} (e.g. 512,1024), got ${JSON.stringify(v)}`, { field });
  }
  return list as number[];
}

function numberField(input: ThinkInput, field: string, min: number, max: number): number | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw badInput(`${field} must be a number in [${min}, ${max}], got ${JSON.stringify(v)}`, { field });
  return v;
}

function stringField(input: ThinkInput, field: string): string | undefined {
  return stringValue(input[field], field);
}

function stringValue(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badInput(`${field} must be a string`, { field });
  return v;
}

function stringList(v: unknown, field: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.some((s) => typeof s !== 'string')) throw badInput(`${field} must be a string or a list of strings`, { field });
  return list as string[];
}
