import type { Command } from 'commander';
import { action, printJson } from '../cli/run.js';
import { readJsonFile } from '../core/data/index.js';
import { badInput } from '../core/errors.js';
import { addBackendOptions, createLanguageModelFromOptions } from '../lm/index.js';
import type { LanguageModel } from '../lm/types.js';
import { thinkWithBudget, type ThinkResult } from './budgetForcing.js';
import { registerCurateCommand } from './curateCli.js';
import { registerEvalCommand } from './evalCli.js';
import { parseThinkInput, type ThinkInput } from './request.js';

/** Options of `lmscope think` as commander gives them (strings; parsed like the HTTP body). */
export interface ThinkCliOptions {
  prompt?: string;
  template?: string;
  promptFormat?: string;
  thinkStart?: string;
  thinkEnd?: string;
  thinkStop?: string[];
  forcedAnswer?: string;
  answerStop?: string[];
  maxThinking?: string;
  minThinking?: string;
  wait?: string;
  extension?: string;
  maxAnswer?: string;
  maxGenTokens?: string;
  temperature?: string;
  topP?: string;
  seed?: string;
  json?: boolean;
}

/** Adds `lmscope think` (budget forcing), `think eval` (test-time scaling) and `think curate` (s1K). */
export function register(program: Command): void {
  const think = program
    .command('think')
    .description('Budget forcing (s1): cap or extend a reasoning model\'s thinking, then force the answer')
    .option('--prompt <text>', 'the question (wrapped by the template\'s prompt format)')
    .option('--template <name|file.json>', 'thinking template: s1, think-tags, r1, custom, or a JSON file of template fields', 's1')
    .option('--prompt-format <text>', 'prompt around the question, with {question} (e.g. "{question}" for a raw prompt)')
    .option('--think-start <text>', 'string that opens thinking')
    .option('--think-end <text>', 'string that closes thinking and opens the answer')
    .option('--think-stop <text...>', 'strings that end thinking when the model writes them (default: the end marker)')
    .option('--forced-answer <text>', 'appended after the end marker when the budget forces the answer (s1: "\\nFinal Answer:")')
    .option('--answer-stop <text...>', 'strings that end the answer')
    .option('--max-thinking <n|auto>', 'maximum thinking tokens across all rounds (eval: cap for methods without a budget)', 'auto')
    .option('--min-thinking <n>', 'suppress ends of thinking before this many tokens')
    .option('--wait <k>', 'suppress the end of thinking up to K times, appending the extension (eval: a list, e.g. 0,1,2,4,6)')
    .option('--extension <text>', 'string appended in place of a suppressed end of thinking', 'Wait')
    .option('--max-answer <n>', 'maximum answer tokens', '1024')
    .option('--max-gen-tokens <n>', 'total generation limit that --max-thinking auto is computed from', '32768')
    .option('--temperature <t>', 'sampling temperature (0 = greedy)', '0')
    .option('--top-p <p>', 'nucleus sampling mass')
    .option('--seed <n>', 'sampling seed')
    .option('--json', 'print the result as JSON (the object POST /api/think returns)');
  addBackendOptions(think);
  think.action(
    action(async (options: ThinkCliOptions) => {
      const request = parseThinkInput(await thinkInputFromCli(options));
      await withModel(options, async (model) => {
        const stream = !options.json;
        if (stream) process.stdout.write(request.template.thinkStart);
        const result = await thinkWithBudget(model, { ...request, onText: stream ? (e) => process.stdout.write(e.text) : undefined });
        if (options.json) printJson(result);
        else process.stdout.write(`\n\n${describeResult(result)}\n`);
      });
    }),
  );
  registerEvalCommand(think);
  registerCurateCommand(think);
}

/** Maps CLI options onto the JSON field names that the HTTP body uses. */
export async function thinkInputFromCli(options: ThinkCliOptions): Promise<ThinkInput> {
  const num = (value: string | undefined, field: string): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw badInput(`${field} must be a number, got "${value}"`, { field });
    return n;
  };
  const isFile = options.template?.endsWith('.json');
  const template = isFile ? await readJsonFile<unknown>(options.template!) : options.template;
  return {
    question: options.prompt,
    template,
    promptFormat: options.promptFormat,
    thinkStart: options.thinkStart,
    thinkEnd: options.thinkEnd,
    thinkStop: options.thinkStop,
    forcedAnswerPrefix: options.forcedAnswer,
    answerStop: options.answerStop,
    maxThinking: options.maxThinking === 'auto' ? 'auto' : num(options.maxThinking, 'maxThinking'),
    minThinking: num(options.minThinking, 'minThinking'),
    wait: options.wait !== undefined && options.wait.includes(',') ? options.wait : num(options.wait, 'wait'),
    extension: options.extension,
    maxAnswerTokens: num(options.maxAnswer, 'maxAnswerTokens'),
    maxGenTokens: num(options.maxGenTokens, 'maxGenTokens'),
    temperature: num(options.temperature, 'temperature'),
    topP: num(options.topP, 'topP'),
    seed: num(options.seed, 'seed'),
  };
}

/** Opens the backend named by the options, runs `body`, and always closes it. */
export async function withModel<T>(options: object, body: (model: LanguageModel) => Promise<T>): Promise<T> {
  const model = await createLanguageModelFromOptions(options as Parameters<typeof createLanguageModelFromOptions>[0]);
  try {
    return await body(model);
  } finally {
    await model.close();
  }
}

/** One-paragraph summary printed after the streamed text. */
export function describeResult(result: ThinkResult): string {
  const where = result.interventions.map((i) => `${i.kind}@${i.tokenPosition}`).join(', ') || 'none';
  return [
    `thinking tokens: ${result.thinkingTokens} / ${result.budget.maxThinking}${result.budget.minThinking !== null ? ` (min ${result.budget.minThinking})` : ''}`,
    `rounds: ${result.rounds}, ended by: ${result.endedBy}, answer tokens: ${result.answerTokens}`,
    `interventions: ${where}`,
  ].join('\n');
}
