import { badInput } from '../core/errors.js';
import { createPythonRandom } from '../core/stats/index.js';
import type { LanguageModel } from '../lm/types.js';
import { cacheKey, mapLimit, type AnswerCache } from './cache.js';
import { descriptionMessages, type PromptDomain } from './prompts.js';
import { parseTree, treeToJson, type TreeJson, type TreeNodeJson } from './tree.js';

/** Turns the descriptions of a node's children into the node's description. */
export type Summarize = (childDescriptions: readonly string[]) => Promise<string>;

export interface LmSummarizerOptions {
  domain: PromptDomain;
  cache?: AnswerCache;
  /** Seed of the shuffle of the children (default 42; Python-compatible, as released). */
  seed?: number;
  maxTokens?: number;
  signal?: AbortSignal;
}

/**
 * Stage 4 through an LM: shuffles the children's descriptions (Python's `random.shuffle` after
 * `seed(42)`, as released), lists them as "### Skill #i", and asks for one gerund phrase covering
 * their union (temperature 0, seed 0). Answers are cached by model and prompt.
 */
export function createLmSummarizer(lm: LanguageModel, options: LmSummarizerOptions): Summarize {
  return async (childDescriptions) => {
    const shuffled = createPythonRandom(options.seed ?? 42).shuffle([...childDescriptions]);
    const key = cacheKey(['evaltree-description', lm.modelId, options.domain, shuffled]);
    const hit = options.cache?.get(key);
    if (hit !== undefined) return hit;
    const answer = await lm.chat({ messages: descriptionMessages(options.domain, shuffled), temperature: 0, seed: 0, maxTokens: options.maxTokens ?? 1024, signal: options.signal });
    const description = answer.text.trim();
    await options.cache?.set(key, description, { model: lm.modelId, children: shuffled.length });
    return description;
  };
}

export interface DescribeOptions {
  /** Nodes described at once within a level (default 4). */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Describes a clustered tree bottom-up: a leaf's description is its instance's annotation; an
 * internal node's is `summarize` of its children's. Nodes of one depth run together, deepest first.
 *
 * @returns the tree in the released `{description, subtrees}` shape
 */
export async function describeTree(clusters: TreeNodeJson, annotations: readonly string[], summarize: Summarize, options: DescribeOptions = {}): Promise<TreeJson> {
  const tree = parseTree(clusters);
  for (const node of tree.nodes) {
    if (node.kind !== 'leaf') continue;
    const annotation = annotations[node.instance];
    if (typeof annotation !== 'string') {
      throw badInput(`no annotation for instance ${node.instance} (have ${annotations.length})`, { item: `instance ${node.instance}` }, 'size_mismatch');
    }
    node.description = annotation;
  }
  const internal = tree.nodes.filter((n) => n.kind !== 'leaf');
  const depths = [...new Set(internal.map((n) => n.depth))].sort((a, b) => b - a);
  let done = 0;
  for (const depth of depths) {
    const level = internal.filter((n) => n.depth === depth);
    await mapLimit(level, options.concurrency ?? 4, async (node) => {
      node.description = await summarize(node.children.map((c) => tree.nodes[c]!.description));
      options.onProgress?.(++done, internal.length);
    });
  }
  return treeToJson(tree);
}
