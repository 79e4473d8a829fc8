import { readJsonFile } from '../core/data/index.js';
import { badInput } from '../core/errors.js';
import { checkCoverage, parseResults, parseSplit, type ResultVector } from './results.js';
import { parseTree, type CapabilityTree } from './tree.js';

/** A JSON input given either as a file path or inline (HTTP bodies may carry small trees inline). */
export type JsonSource = string | unknown;

/** Reads a path, or passes inline JSON through; `file` is set when it came from disk. */
export async function readSource(source: JsonSource, field: string): Promise<{ value: unknown; file?: string }> {
  if (source === undefined || source === null) throw badInput(`"${field}" is required (a file path or inline JSON)`, { field }, 'missing_input');
  if (typeof source === 'string') return { value: await readJsonFile(source), file: source };
  return { value: source };
}

export interface EvalSources {
  tree: JsonSource;
  results: JsonSource;
  split?: JsonSource;
}

export interface EvalInputs {
  tree: CapabilityTree;
  results: ResultVector;
  split?: number[];
}

/** Loads and parses a tree. */
export async function loadTree(source: JsonSource): Promise<CapabilityTree> {
  const { value, file } = await readSource(source, 'tree');
  return parseTree(value, file);
}

/** Loads and parses a results vector. */
export async function loadResults(source: JsonSource, field = 'results'): Promise<ResultVector> {
  const { value, file } = await readSource(source, field);
  return parseResults(value, file);
}

/** Loads and parses a split. */
export async function loadSplit(source: JsonSource): Promise<number[]> {
  const { value, file } = await readSource(source, 'split');
  return parseSplit(value, file);
}

/** Loads tree, results and split, and checks they describe the same instances. */
export async function loadEvalInputs(sources: EvalSources): Promise<EvalInputs> {
  const [tree, results, split] = await Promise.all([loadTree(sources.tree), loadResults(sources.results), sources.split === undefined || sources.split === null ? undefined : loadSplit(sources.split)]);
  const files = { tree: typeof sources.tree === 'string' ? sources.tree : undefined, results: typeof sources.results === 'string' ? sources.results : undefined, split: typeof sources.split === 'string' ? sources.split : undefined };
  checkCoverage(tree, results, split, files);
  return { tree, results, split };
}
