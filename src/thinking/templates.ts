import { badInput } from '../core/errors.js';

/**
 * How a reasoning model marks its thinking, as data: where thinking opens and closes, what ends it
 * when the model writes it, what is forced after a budget cut, and what ends the answer.
 */
export interface ThinkingTemplate {
  name: string;
  /** The prompt up to the assistant's turn; `{question}` is replaced by the question. */
  promptFormat: string;
  /** Opens thinking; appended to the prompt (s1 appends it with no newline: the model writes it). */
  thinkStart: string;
  /** Closes thinking and opens the answer. */
  thinkEnd: string;
  /** Strings that end thinking when the model writes them (s1: any new section start). */
  thinkStop: string[];
  /** Appended after `thinkEnd` when the budget forced the end (s1: "\nFinal Answer:"). */
  forcedAnswerPrefix: string;
  /** Stop strings of the answer phase (the end of the turn); the backend's EOS also ends it. */
  answerStop: string[];
}

const QWEN_SYSTEM = '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n';

/** Built-in templates: s1's Qwen2.5 form and the `<think>` form of R1-style reasoners. */
export const BUILTIN_TEMPLATES: Readonly<Record<string, ThinkingTemplate>> = {
  // s1 / s1.1 (Qwen2.5 chat format; thinking and answer are sections inside the assistant turn).
  s1: {
    name: 's1',
    promptFormat: `${QWEN_SYSTEM}<|im_start|>user\n{question}<|im_end|>\n<|im_start|>assistant\n`,
    thinkStart: '<|im_start|>think',
    thinkEnd: '<|im_start|>answer',
    thinkStop: ['<|im_start|>'],
    forcedAnswerPrefix: '\nFinal Answer:',
    answerStop: ['<|im_end|>'],
  },
  // Qwen3 / OLMo-style reasoners: ChatML turn, thinking inside <think>...</think>.
  'think-tags': {
    name: 'think-tags',
    promptFormat: '<|im_start|>user\n{question}<|im_end|>\n<|im_start|>assistant\n',
    thinkStart: '<think>\n',
    thinkEnd: '</think>',
    thinkStop: ['</think>'],
    forcedAnswerPrefix: '\n\nFinal Answer:',
    answerStop: ['<|im_end|>'],
  },
  // DeepSeek-R1 (and its distills): the template opens <think> right after the assistant tag.
  r1: {
    name: 'r1',
    promptFormat: '<｜begin▁of▁sentence｜><｜User｜>{question}<｜Assistant｜>',
    thinkStart: '<think>\n',
    thinkEnd: '</think>',
    thinkStop: ['</think>'],
    forcedAnswerPrefix: '\n\nFinal Answer:',
    answerStop: ['<｜end▁of▁sentence｜>'],
  },
};

/** Names accepted by `resolveTemplate`. */
export const TEMPLATE_NAMES = Object.keys(BUILTIN_TEMPLATES);

/**
 * A built-in template by name, optionally with fields overridden (a custom form):
 * `resolveTemplate('think-tags', { promptFormat: '{question}' })`.
 * A custom template without a base starts from `think-tags` and must name its delimiters.
 */
export function resolveTemplate(name: string | undefined, overrides: Partial<ThinkingTemplate> = {}): ThinkingTemplate {
  const baseName = name ?? 's1';
  const custom = baseName === 'custom';
  const base = custom ? BUILTIN_TEMPLATES['think-tags']! : BUILTIN_TEMPLATES[baseName];
  if (!base) throw badInput(`unknown thinking template "${baseName}": use one of ${[...TEMPLATE_NAMES, 'custom'].join(', ')}`, { field: 'template' });
  if (custom && (overrides.thinkEnd === undefined || overrides.thinkStart === undefined)) {
    throw badInput('a custom template needs thinkStart and thinkEnd (e.g. --think-start "<think>" --think-end "</think>")', { field: 'template' });
  }
  const template: ThinkingTemplate = { ...base, ...dropUndefined(overrides), name: custom ? 'custom' : base.name };
  // A custom end marker is also what the model writes to end thinking, unless told otherwise.
  if (overrides.thinkEnd !== undefined && overrides.thinkStop === undefined) template.thinkStop = [template.thinkEnd];
  validateTemplate(template);
  return template;
}

/** Checks the fields a person can get wrong in a custom template. */
export function validateTemplate(template: ThinkingTemplate): void {
  if (!template.promptFormat.includes('{question}')) throw badInput('promptFormat must contain {question}', { field: 'promptFormat' });
  if (template.thinkEnd === '') throw badInput('thinkEnd must not be empty', { field: 'thinkEnd' });
  if (template.thinkStop.length === 0 || template.thinkStop.some((s) => s === '')) throw badInput('thinkStop needs at least one non-empty string', { field: 'thinkStop' });
  if (template.answerStop.some((s) => s === '')) throw badInput('answerStop strings must not be empty', { field: 'answerStop' });
}

/** The prompt for a question: the template's turn wrapper around it. */
export function formatPrompt(template: ThinkingTemplate, question: string): string {
  return template.promptFormat.split('{question}').join(question);
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
