import { badInput } from '../core/errors.js';
import type { ThinkingBudget } from './budget.js';

/**
 * The test-time scaling methods compared in s1: budget forcing (bf), token-conditional control
 * (tcc, tcc+bf), class-conditional control (ccc), rejection sampling (rs) and parallel sampling
 * with majority vote (parallel).
 */
export const METHODS = ['bf', 'tcc', 'tcc+bf', 'ccc', 'rs', 'parallel'] as const;
export type MethodName = (typeof METHODS)[number];

/** s1's class-conditional prompts (tasks/<task>/utils.py). */
export const CCC_PROMPTS = {
  short: 'Answer after a short amount of thinking. Do not spend excessive time double-checking your work.',
  long: 'Answer after a long amount of thinking. If you feel like you are finished early, spend the extra time trying to double-check your work until you are absolutely sure that you have the correct answer.',
} as const;

/** What to sweep and the shared decoding settings of an evaluation. */
export interface EvalPlanOptions {
  methods: MethodName[];
  /** Thinking budgets: bf maximum, tcc's N, rs's length limit. */
  budgets?: number[];
  /** bf: numbers of suppressed ends of thinking (K). */
  waits?: number[];
  /** Cap for settings without a budget of their own (default `auto`). */
  maxThinking?: number | 'auto';
  minThinking?: number;
  extension?: string;
  maxAnswerTokens?: number;
  maxGenTokens?: number;
  /** parallel: samples per problem (n of maj@n). */
  samples?: number;
  /** Temperature of bf/tcc/ccc (default 0, greedy); rs and parallel sample at 1. */
  temperature?: number;
  /** rs: attempts per problem before giving up (default 16). */
  maxAttempts?: number;
}

/** One point on a method's curve: how to run every problem for it. */
export interface EvalSetting {
  method: MethodName;
  label: string;
  questionSuffix: string;
  budget: ThinkingBudget;
  temperature: number;
  samples: number;
  /** Pre-specified limits for Control; `auto` budgets resolve per problem (see the sample records). */
  aMin: number | null;
  aMax: number | null;
  /** rs: keep only samples with at most this many thinking tokens. */
  rejectAbove?: number;
  maxAttempts?: number;
}

/** Expands methods × budgets × waits into the settings to run, with checked inputs. */
export function planSettings(options: EvalPlanOptions): EvalSetting[] {
  if (options.methods.length === 0) throw badInput(`name at least one method: ${METHODS.join(', ')}`, { field: 'methods' });
  for (const m of options.methods) if (!(METHODS as readonly string[]).includes(m)) throw badInput(`unknown method "${m}": use ${METHODS.join(', ')}`, { field: 'methods' });
  const budgets = options.budgets ?? [];
  for (const b of budgets) if (!Number.isInteger(b) || b < 1) throw badInput(`budgets must be positive whole numbers of tokens, got ${b}`, { field: 'budgets' });
  for (const k of options.waits ?? []) if (!Number.isInteger(k) || k < 0) throw badInput(`waits must be whole numbers (0 or more), got ${k}`, { field: 'waits' });
  const needsBudgets = options.methods.filter((m) => m === 'tcc' || m === 'tcc+bf' || m === 'rs');
  if (needsBudgets.length > 0 && budgets.length === 0) throw badInput(`${needsBudgets.join(', ')} need --budgets (the token budgets to sweep)`, { field: 'budgets' });
  const cap = options.maxThinking ?? 'auto';
  const shared = { minThinking: options.minThinking, extension: options.extension, maxAnswerTokens: options.maxAnswerTokens, maxGenTokens: options.maxGenTokens };
  const temperature = options.temperature ?? 0;
  const aMin = options.minThinking ?? null;
  const out: EvalSetting[] = [];
  for (const method of options.methods) {
    if (method === 'bf') {
      const maxes: (number | 'auto')[] = budgets.length > 0 ? budgets : [cap];
      const waits: (number | undefined)[] = options.waits && options.waits.length > 0 ? options.waits : [undefined];
      for (const max of maxes) {
        for (const wait of waits) {
          const label = [budgets.length > 0 ? `max=${max}` : '', wait !== undefined ? `wait=${wait}` : ''].filter(Boolean).join(',') || `max=${max}`;
          out.push({ method, label, questionSuffix: '', budget: { ...shared, maxThinking: max, wait }, temperature, samples: 1, aMin, aMax: typeof max === 'number' ? max : null });
        }
      }
    } else if (method === 'tcc' || method === 'tcc+bf') {
      for (const n of budgets) {
        out.push({ method, label: `N=${n}`, questionSuffix: `\n\nThink for up to ${n} tokens.`, budget: { ...shared, maxThinking: method === 'tcc+bf' ? n : cap }, temperature, samples: 1, aMin: null, aMax: n });
      }
    } else if (method === 'ccc') {
      for (const kind of ['short', 'long'] as const) {
        out.push({ method, label: kind, questionSuffix: `\n\n${CCC_PROMPTS[kind]}`, budget: { ...shared, maxThinking: cap }, temperature, samples: 1, aMin: null, aMax: null });
      }
    } else if (method === 'rs') {
      const maxAttempts = options.maxAttempts ?? 16;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw badInput('maxAttempts must be at least 1', { field: 'maxAttempts' });
      for (const n of budgets) {
        // s1 generates with max_tokens = budget + 1 so that an over-long sample is recognisable.
        out.push({ method, label: `budget=${n}`, questionSuffix: '', budget: { ...shared, maxThinking: n + 1 }, temperature: 1, samples: 1, aMin: null, aMax: n, rejectAbove: n, maxAttempts });
      }
    } else {
      const samples = options.samples ?? 8;
      if (!Number.isInteger(samples) || samples < 1) throw badInput('samples must be at least 1', { field: 'samples' });
      const wait = options.waits?.[0];
      out.push({ method, label: `n=${samples}`, questionSuffix: '', budget: { ...shared, maxThinking: cap, wait }, temperature: 1, samples, aMin: null, aMax: null });
    }
  }
  return out;
}
