import { badInput } from '../core/errors.js';
import { readRecords } from '../core/data/index.js';
import type { PromptLabels, RewardItem } from './types.js';

const PROMPT_FIELDS = ['prompt', 'problem', 'question'] as const;
const ID_FIELDS = ['id', 'unique_id', 'prompt_id'] as const;

function firstString(value: Record<string, unknown>, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const v = value[field];
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

/** Reads one labelled record: prompt (or problem/question), answer, majority_label, incorrect_label, id. */
export function toPromptLabels(value: Record<string, unknown>, where: { file?: string; line?: number } = {}): PromptLabels {
  const prompt = firstString(value, PROMPT_FIELDS);
  if (prompt === undefined) throw badInput('the record has no "prompt" (or "problem"/"question") text', { ...where, field: 'prompt' });
  const opt = (field: string): string | null | undefined => {
    const v = value[field];
    return v === undefined ? undefined : v === null ? null : String(v);
  };
  return {
    prompt,
    id: firstString(value, ID_FIELDS),
    answer: opt('answer') ?? opt('label') ?? undefined,
    majorityLabel: opt('majority_label'),
    incorrectLabel: opt('incorrect_label'),
  };
}

/** A lookup from items to their labels, by prompt id first, then by prompt text. */
export interface LabelIndex {
  size: number;
  lookup(item: RewardItem): PromptLabels | undefined;
  /** The first record: the example of one-shot RL. */
  first?: PromptLabels;
}

/** Loads a labelled data file (JSONL, JSON array or Parquet) for the rewards that need labels. */
export async function loadLabelIndex(file: string): Promise<LabelIndex> {
  const byId = new Map<string, PromptLabels>();
  const byPrompt = new Map<string, PromptLabels>();
  let first: PromptLabels | undefined;
  for await (const record of readRecords(file)) {
    const labels = toPromptLabels(record.value, { file: record.file, line: record.line });
    first ??= labels;
    if (labels.id !== undefined) byId.set(labels.id, labels);
    byPrompt.set(labels.prompt, labels);
  }
  if (!first) throw badInput(`${file} holds no records`, { file });
  return {
    size: byPrompt.size,
    first,
    lookup: (item) => (item.promptId !== undefined ? byId.get(item.promptId) : undefined) ?? byPrompt.get(item.prompt) ?? byPrompt.get(item.prompt.trim()),
  };
}
