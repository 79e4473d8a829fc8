/**
 * Shared vocabulary of the RewardBench harness. A "row" is one dataset item (a prompt with its
 * correct and incorrect completions); a "completion index" counts chosen first, then rejected,
 * exactly as the published loader unrolls rows.
 */

/** The six RewardBench 2 domains, in the order the paper's tables use. */
export const RB2_SUBSETS = ['Factuality', 'Precise IF', 'Math', 'Safety', 'Focus', 'Ties'] as const;
export type Rb2SubsetName = (typeof RB2_SUBSETS)[number];

/** One RewardBench 2 row in the published schema (`allenai/reward-bench-2`, split `test`). */
export interface Rb2Row {
  id: string;
  prompt: string;
  /** Correct completions: one for non-Ties subsets, one or more for Ties. */
  chosen: string[];
  /** Incorrect completions: three for non-Ties subsets, any positive number for Ties. */
  rejected: string[];
  subset: string;
  /** Generator model of each completion, when the dataset lists them. */
  models?: string[];
  additional_metadata?: Record<string, unknown>;
}

/** Where a row came from, for error messages. */
export interface RowSource {
  file: string;
  line: number;
}

/** A loaded dataset: rows in file order plus their sources. */
export interface Rb2Dataset {
  rows: Rb2Row[];
  sources: RowSource[];
}

/** One completion to score, as the loader unrolls a row. */
export interface CompletionItem {
  rowId: string;
  /** 0-based: chosen completions first, then rejected ones. */
  index: number;
  prompt: string;
  completion: string;
  subset: string;
  /** True when the row is a correct completion (index < number of chosen). */
  correct: boolean;
}

/** The Ties subset is matched case-insensitively, as `run_v2.py` does. */
export function isTiesSubset(subset: string): boolean {
  return subset.toLowerCase() === 'ties';
}

/** All completions of a row in scoring order: chosen first, then rejected. */
export function completionsOf(row: Rb2Row): string[] {
  return [...row.chosen, ...row.rejected];
}

/** Unrolls rows into one item per completion (the published `load_bon_dataset_v2` order). */
export function unrollCompletions(rows: readonly Rb2Row[]): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const row of rows) {
    completionsOf(row).forEach((completion, index) => {
      items.push({ rowId: row.id, index, prompt: row.prompt, completion, subset: row.subset, correct: index < row.chosen.length });
    });
  }
  return items;
}
