import { badInput, type ErrorLocation } from '../core/errors.js';
import type { CapabilityTree } from './tree.js';

/**
 * `accuracy`: one 0/1 per instance. `win-rate`: a pair [a, b] of judge verdicts (1 = the first model
 * preferred, 2 = the second), one per response order, so each instance counts as 2 trials.
 */
export type ResultKind = 'accuracy' | 'win-rate';

export interface ResultVector {
  kind: ResultKind;
  /** Successes per instance: 0/1 for accuracy, 0..2 for win-rate. */
  successes: Uint8Array;
  /** Trials per instance: 1 for accuracy, 2 for win-rate. */
  trialsPerInstance: 1 | 2;
}

const KIND_HINT = 'accuracy results are 0 or 1; win-rate results are [a, b] pairs with a, b in {1, 2}';

/**
 * Parses a released `results.json`: a list of 0/1 (accuracy) or of [a, b] pairs (win-rate).
 * The kind is taken from the first element; every element must agree.
 *
 * @example parseResults([1, 0, 1]) // { kind: 'accuracy', successes: [1, 0, 1], trialsPerInstance: 1 }
 */
export function parseResults(value: unknown, file?: string): ResultVector {
  const at = (i: number): ErrorLocation => ({ ...(file ? { file } : {}), item: `instance ${i}` });
  if (!Array.isArray(value)) throw badInput(`results must be a JSON list (${KIND_HINT})`, file ? { file } : undefined, 'bad_results');
  if (value.length === 0) throw badInput('results list is empty', file ? { file } : undefined, 'bad_results');
  const kind: ResultKind = Array.isArray(value[0]) ? 'win-rate' : 'accuracy';
  const successes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (kind === 'accuracy') {
      if (v === 0 || v === 1 || v === true || v === false) successes[i] = v === 1 || v === true ? 1 : 0;
      else throw badInput(`result of instance ${i} is ${JSON.stringify(v)}, not 0 or 1 (${KIND_HINT})`, at(i), 'non_binary_result');
    } else {
      const ok = Array.isArray(v) && v.length === 2 && (v[0] === 1 || v[0] === 2) && (v[1] === 1 || v[1] === 2);
      if (!ok) throw badInput(`result of instance ${i} is ${JSON.stringify(v)}, not an [a, b] pair with a, b in {1, 2} (${KIND_HINT})`, at(i), 'non_binary_result');
      successes[i] = (v[0] === 1 ? 1 : 0) + (v[1] === 1 ? 1 : 0);
    }
  }
  return { kind, successes, trialsPerInstance: kind === 'win-rate' ? 2 : 1 };
}

/** Parses a split file: a list of distinct non-negative instance indices. */
export function parseSplit(value: unknown, file?: string): number[] {
  const where = file ? { file } : undefined;
  if (!Array.isArray(value)) throw badInput('split must be a JSON list of instance indices', where, 'bad_split');
  const seen = new Set<number>();
  value.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw badInput(`split entry ${i} is ${JSON.stringify(v)}, not an instance index`, { ...where, item: `entry ${i}` }, 'bad_split');
    if (seen.has(v)) throw badInput(`instance ${v} appears twice in the split`, { ...where, item: `entry ${i}` }, 'bad_split');
    seen.add(v);
  });
  return value as number[];
}

/** Instances not in the split (the held-out part, `[exclusion]<split>`), ascending. */
export function complementOfSplit(split: readonly number[], total: number): number[] {
  const inSplit = new Set(split);
  const out: number[] = [];
  for (let i = 0; i < total; i++) if (!inSplit.has(i)) out.push(i);
  return out;
}

/**
 * Checks that tree, results and split describe the same instances: every leaf has a result, and
 * the leaves are exactly the split (or, without a split, exactly all results).
 */
export function checkCoverage(tree: CapabilityTree, results: ResultVector, split?: readonly number[], files: { tree?: string; results?: string; split?: string } = {}): void {
  const total = results.successes.length;
  let maxLeaf = -1;
  for (const leaf of tree.leaves) if (leaf > maxLeaf) maxLeaf = leaf;
  if (maxLeaf >= total) {
    throw badInput(`the tree refers to instance ${maxLeaf} but the results have only ${total} entries (instances 0..${total - 1}); are tree and results from the same benchmark?`, files.tree ? { file: files.tree } : undefined, 'size_mismatch');
  }
  if (!split) {
    if (tree.leaves.length !== total) {
      throw badInput(`the tree covers ${tree.leaves.length} instances but the results have ${total}; pass the split the tree was built on (--split)`, files.tree ? { file: files.tree } : undefined, 'size_mismatch');
    }
    return;
  }
  for (const index of split) {
    if (index >= total) throw badInput(`the split refers to instance ${index} but the results have only ${total} entries`, files.split ? { file: files.split } : undefined, 'size_mismatch');
  }
  const inTree = new Set(tree.leaves);
  const missing = split.filter((i) => !inTree.has(i));
  if (missing.length > 0) {
    throw badInput(`the tree is missing ${missing.length} instance(s) of the split, e.g. ${missing.slice(0, 5).join(', ')}; was it built on another split?`, files.tree ? { file: files.tree } : undefined, 'tree_missing_instances');
  }
  if (tree.leaves.length !== split.length) {
    const inSplit = new Set(split);
    const extra = tree.leaves.filter((i) => !inSplit.has(i));
    throw badInput(`the tree has ${extra.length} instance(s) outside the split, e.g. ${extra.slice(0, 5).join(', ')}`, files.tree ? { file: files.tree } : undefined, 'tree_outside_split');
  }
}
