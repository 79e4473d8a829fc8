import { badInput, type ErrorLocation } from '../core/errors.js';

/**
 * A capability tree as the released files store it: `{description, subtrees}` where `subtrees` is
 * an object keyed by cluster id (a K-Means split), a list (a "flat" node whose children are all
 * leaves), or an instance index (a leaf). Children may also be bare instance indices.
 */
export interface TreeJson {
  description?: string | null;
  subtrees: number | TreeNodeJson[] | Record<string, TreeNodeJson>;
}
export type TreeNodeJson = TreeJson | number;

export type NodeKind = 'clusters' | 'flat' | 'leaf';

/** One node of a parsed tree; ids are preorder positions, so a node's subtree is a contiguous id range. */
export interface TreeNode {
  id: number;
  /** Parent id; -1 for the root. */
  parent: number;
  /** Root = 1, as the released viewer counts. */
  depth: number;
  /** Cluster id ("0".."9") or list position under the parent; "" for the root. */
  key: string;
  kind: NodeKind;
  description: string;
  children: number[];
  /** The instance index of a leaf; -1 for internal nodes. */
  instance: number;
  /** This node's instances are `tree.leaves.slice(leafStart, leafEnd)`, in traversal order. */
  leafStart: number;
  leafEnd: number;
}

export interface CapabilityTree {
  nodes: TreeNode[];
  /** Instance indices of all leaves in preorder (the order the released profiles list them). */
  leaves: number[];
}

// Far deeper than any clustering produces, and well inside the call stack.
const MAX_DEPTH = 2000;

/**
 * Parses and checks a tree: every leaf an integer instance index, none repeated, no empty node.
 * `file` is only used in error locations.
 *
 * @example const tree = parseTree(await readJsonFile('tree.json'), 'tree.json')
 */
export function parseTree(value: unknown, file?: string): CapabilityTree {
  const nodes: TreeNode[] = [];
  const leaves: number[] = [];
  const seen = new Map<number, string>();
  const where = (path: string): ErrorLocation => ({ ...(file ? { file } : {}), field: path || '(root)' });

  const visit = (raw: unknown, parent: number, depth: number, key: string, path: string): number => {
    if (depth > MAX_DEPTH) throw badInput(`tree is deeper than ${MAX_DEPTH} levels`, where(path), 'bad_tree');
    const id = nodes.length;
    const node: TreeNode = { id, parent, depth, key, kind: 'leaf', description: '', children: [], instance: -1, leafStart: leaves.length, leafEnd: leaves.length };
    nodes.push(node);
    let subtrees: unknown = raw;
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const record = raw as Record<string, unknown>;
      if (!('subtrees' in record)) throw badInput('tree node has no "subtrees"; expected {"description", "subtrees"}', where(path), 'bad_tree');
      const description = record.description;
      if (description !== undefined && description !== null && typeof description !== 'string') {
        throw badInput(`"description" must be a string, got ${typeof description}`, where(path ? `${path}.description` : 'description'), 'bad_tree');
      }
      node.description = description ?? '';
      subtrees = record.subtrees;
    }
    const childPath = (k: string): string => (path ? `${path}.subtrees.${k}` : `subtrees.${k}`);
    if (typeof subtrees === 'number') {
      if (!Number.isInteger(subtrees) || subtrees < 0) throw badInput(`leaf must be a non-negative integer instance index, got ${subtrees}`, where(path), 'bad_tree');
      const previous = seen.get(subtrees);
      if (previous !== undefined) throw badInput(`instance ${subtrees} appears twice in the tree (also at ${previous || '(root)'})`, where(path), 'duplicate_instance');
      seen.set(subtrees, path);
      node.instance = subtrees;
      leaves.push(subtrees);
    } else if (Array.isArray(subtrees)) {
      if (subtrees.length === 0) throw badInput('tree node has an empty "subtrees" list', where(path), 'bad_tree');
      node.kind = 'flat';
      subtrees.forEach((child, i) => node.children.push(visit(child, id, depth + 1, String(i), childPath(String(i)))));
    } else if (typeof subtrees === 'object' && subtrees !== null) {
      const entries = Object.entries(subtrees as Record<string, unknown>);
      if (entries.length === 0) throw badInput('tree node has an empty "subtrees" object', where(path), 'bad_tree');
      node.kind = 'clusters';
      for (const [k, child] of entries) node.children.push(visit(child, id, depth + 1, k, childPath(k)));
    } else {
      throw badInput(`"subtrees" must be an object, a list or an instance index, got ${subtrees === null ? 'null' : typeof subtrees}`, where(path), 'bad_tree');
    }
    node.leafEnd = leaves.length;
    return id;
  };

  visit(value, -1, 1, '', '');
  return { nodes, leaves };
}

/** Number of instances under a node. */
export function nodeSize(node: TreeNode): number {
  return node.leafEnd - node.leafStart;
}

/** The instance indices under a node, in traversal order. */
export function nodeInstances(tree: CapabilityTree, id: number): number[] {
  const node = tree.nodes[id]!;
  return tree.leaves.slice(node.leafStart, node.leafEnd);
}

/**
 * Rebuilds the nested JSON shape, with `make` choosing each node's fields besides `subtrees`
 * (e.g. description, or size and sum_metrics).
 */
export function mapTree<T extends object>(tree: CapabilityTree, make: (node: TreeNode) => T, after?: (node: TreeNode) => object): unknown {
  const build = (id: number): unknown => {
    const node = tree.nodes[id]!;
    let subtrees: unknown;
    if (node.kind === 'leaf') subtrees = node.instance;
    else if (node.kind === 'flat') subtrees = node.children.map(build);
    else subtrees = Object.fromEntries(node.children.map((c) => [tree.nodes[c]!.key, build(c)]));
    return { ...make(node), subtrees, ...(after ? after(node) : {}) };
  };
  return build(0);
}

/** The tree in the released `{description, subtrees}` shape. */
export function treeToJson(tree: CapabilityTree): TreeJson {
  return mapTree(tree, (node) => ({ description: node.description })) as TreeJson;
}
