import type { SerializedError } from '../core/errors.js';
import type { GraderMode } from './grader/index.js';

/** One response to score. */
export interface RewardItem {
  prompt: string;
  response: string;
  /** The label the item carries: the ground-truth answer, or a pseudo-label (majority, wrong, one-shot). */
  label?: string | null;
  /** A stable prompt id, for replayable random rewards; defaults to a hash of the prompt. */
  promptId?: string;
  /** Which sample of its prompt this response is (0-based), for replayable random rewards. */
  sampleIndex?: number;
}

/** Labels known for a prompt, from a labelled data file (`lmscope rewards label-majority`). */
export interface PromptLabels {
  id?: string;
  prompt: string;
  answer?: string;
  majorityLabel?: string | null;
  incorrectLabel?: string | null;
}

/** Settings shared by every reward function; all optional fields have the paper's defaults. */
export interface RewardContext {
  /** Seed of the random reward. */
  seed: number;
  /** Probability γ of reward 1 for the random reward (the paper uses 0.5). */
  probability: number;
  /** `prm800k` (Qwen extraction + PRM800K rules, as the paper) or `lmscope` (the general grader). */
  grader: GraderMode;
  /** `boxed` for chat models; `r1` for models prompted with <answer> tags. */
  style: 'boxed' | 'r1';
  /** Labels by prompt, when a labelled data file was given. */
  lookup?: (item: RewardItem) => PromptLabels | undefined;
  /** The single example of one-shot RL. */
  oneShot?: { prompt: string; answer: string };
}

export const DEFAULT_REWARD_CONTEXT: RewardContext = { seed: 42, probability: 0.5, grader: 'prm800k', style: 'boxed' };

/** The outcome for one item: a reward in {0, 1}, what was compared, or the error that stopped it. */
export interface RewardResult {
  reward: number;
  /** The label the response was compared with, when the reward uses one. */
  label?: string | null;
  /** The answer found in the response, when the reward looks for one. */
  extracted?: string;
  /** Set when the item could not be scored; the reward is then 0 and counted as a failure. */
  error?: SerializedError;
}

/** A reward: a pure function of (prompt, response, label, context). Throws LmscopeError on bad input. */
export interface RewardFunction {
  readonly name: string;
  readonly description: string;
  score(item: RewardItem, context: RewardContext): RewardResult;
}
