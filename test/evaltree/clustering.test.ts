import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { buildClusterTree, cosineSilhouette, kmeans, nodeInstances, normalizeRows, parseTree } from '../../src/evaltree/index.js';
import { hierarchicalBlobs, membersOf } from './syntheticEmbeddings.js';

/** Straight from the definition: mean over points of (b - a) / max(a, b) with cosine distances. */
function bruteForceSilhouette(rows: Float64Array[], labels: Int32Array): number {
  const unit = normalizeRows(rows);
  const distance = (i: number, j: number) => 1 - unit[i]!.reduce((s, v, d) => s + v * unit[j]![d]!, 0);
  const clusters = [...new Set(labels)];
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const mean = (c: number) => {
      const members = [...labels.keys()].filter((j) => labels[j] === c && j !== i);
      return members.reduce((s, j) => s + distance(i, j), 0) / members.length;
    };
    const own = labels[i]!;
    if (labels.filter((l) => l === own).length === 1) continue;
    const a = mean(own);
    const b = Math.min(...clusters.filter((c) => c !== own).map(mean));
    total += (b - a) / Math.max(a, b);
  }
  return total / rows.length;
}

describe('k-means and cosine silhouette', () => {
  const blobs = hierarchicalBlobs({ groups: 2, subgroups: 3, perSubgroup: 12, seed: 5 });

  test('silhouette through cluster sums equals the pairwise definition', () => {
    for (const k of [2, 3, 6]) {
      const { labels } = kmeans(blobs.rows, k, { seed: 42 });
      const fast = cosineSilhouette(normalizeRows(blobs.rows), labels);
      assert.ok(Math.abs(fast - bruteForceSilhouette(blobs.rows, labels)) < 1e-12, `k=${k}`);
    }
  });

  test('k-means separates well-separated groups, and is deterministic per seed', () => {
    const { labels, inertia } = kmeans(blobs.rows, 6, { seed: 42 });
    for (let s = 0; s < 6; s++) assert.equal(new Set(membersOf(blobs.subgroup, s).map((i) => labels[i])).size, 1, `subgroup ${s} in one cluster`);
    assert.equal(new Set(labels).size, 6);
    assert.deepEqual(kmeans(blobs.rows, 6, { seed: 42 }).labels, labels);
    assert.ok(kmeans(blobs.rows, 2, { seed: 42 }).inertia > inertia);
  });
});

describe('recursive clustering', () => {
  const blobs = hierarchicalBlobs({ groups: 2, subgroups: 3, perSubgroup: 20, seed: 1 });
  const all = blobs.rows.map((_, i) => i);
  const built = buildClusterTree(blobs.rows, all);
  const tree = parseTree(built.tree);

  test('recovers the known two-level structure', () => {
    const root = tree.nodes[0]!;
    assert.equal(root.kind, 'clusters');
    assert.equal(built.steps[0]!.chosenK, 2, `silhouettes ${built.steps[0]!.silhouettes.join(', ')}`);
    const groupsFound = root.children.map((c) => nodeInstances(tree, c).sort((a, b) => a - b));
    const groupsTrue = [0, 1].map((g) => membersOf(blobs.group, g));
    assert.deepEqual(new Set(groupsFound.map(String)), new Set(groupsTrue.map(String)));
    for (const child of root.children) {
      const found = tree.nodes[child]!.children.map((c) => nodeInstances(tree, c).sort((a, b) => a - b).join());
      const expected = [...new Set(nodeInstances(tree, child).map((i) => blobs.subgroup[i]!))].map((s) => membersOf(blobs.subgroup, s).join());
      assert.equal(found.length, 3);
      assert.deepEqual(new Set(found), new Set(expected));
    }
  });

  test('every instance is a leaf exactly once, and the k tried stay within 2..min(10, n-1)', () => {
    assert.deepEqual([...tree.leaves].sort((a, b) => a - b), all);
    for (const step of built.steps) {
      assert.ok(step.silhouettes.length <= Math.min(9, step.size - 2));
      if (step.chosenK > 0) assert.equal(step.silhouettes.indexOf(Math.max(...step.silhouettes)) + 2, step.chosenK);
    }
    // Pairs are flat nodes; no node has a single child.
    for (const node of tree.nodes) if (node.kind !== 'leaf') assert.ok(node.children.length >= 2);
    assert.ok(built.steps.some((s) => s.size === 2 && s.chosenK === 0));
  });

  test('only the given instances are clustered, and the same seed gives the same tree', () => {
    const subset = all.filter((i) => i % 3 !== 0);
    const a = buildClusterTree(blobs.rows, subset);
    assert.deepEqual([...parseTree(a.tree).leaves].sort((x, y) => x - y), subset);
    assert.deepEqual(buildClusterTree(blobs.rows, subset).tree, a.tree);
  });

  test('identical embeddings collapse into one flat node', () => {
    const same = Array.from({ length: 6 }, () => Float64Array.from([1, 2, 3]));
    assert.deepEqual(buildClusterTree(same, [0, 1, 2, 3, 4, 5]).tree, { subtrees: [0, 1, 2, 3, 4, 5] });
    assert.equal(buildClusterTree(same, [4]).tree, 4);
  });

  test('missing or ragged embeddings are input errors', () => {
    assert.throws(() => buildClusterTree(blobs.rows, [0, 1, 500]), (e) => LmscopeError.isInstance(e) && e.code === 'size_mismatch' && /instance 500/.test(e.message));
    const ragged = [Float64Array.from([1, 2]), Float64Array.from([1])];
    assert.throws(() => buildClusterTree(ragged, [0, 1]), (e) => LmscopeError.isInstance(e) && e.code === 'bad_embedding');
    assert.throws(() => buildClusterTree(blobs.rows, all, { maxChildren: 1 }), (e) => LmscopeError.isInstance(e));
  });
});
