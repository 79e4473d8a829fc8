import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assessLowPerformance,
  buildClusterTree,
  computeNodeStats,
  countWeaknesses,
  extractNodes,
  extractProfile,
  generateSyntheticResults,
  minimumFromSize,
  nodeInstances,
  parseResults,
  parseTree,
  scoreAgainstTruth,
  sweepThreshold,
  type Associations,
} from '../../src/evaltree/index.js';
import { hierarchicalBlobs, membersOf } from './syntheticEmbeddings.js';

/** A tree built by hand: root -> A (25 = A1 20 + A2 5) and B (30 flat leaves). */
function handTree() {
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  return parseTree({
    description: 'root',
    subtrees: {
      '0': { description: 'A', subtrees: { '0': { description: 'A1', subtrees: range(0, 20) }, '1': { description: 'A2', subtrees: range(20, 5) } } },
      '1': { description: 'B', subtrees: range(25, 30) },
    },
  });
}
const ids = (tree: ReturnType<typeof handTree>, names: string[]) => names.map((n) => tree.nodes.findIndex((x) => x.description === n));
const bits = (pattern: [number, number][]) => pattern.flatMap(([ones, zeros]) => [...Array(ones).fill(1), ...Array(zeros).fill(0)]);

describe('profile extraction rules', () => {
  const tree = handTree();

  test('a weak node whose large children are all weak is extracted whole', () => {
    // A1 0/20, A2 0/5, B 30/30.
    const stats = computeNodeStats(tree, parseResults(bits([[0, 25], [30, 0]])), { alphas: [0.05] });
    assert.deepEqual(extractNodes(tree, stats, { tau: 0.4 }), ids(tree, ['A']));
    assert.deepEqual(extractProfile(tree, stats, { tau: 0.4 }), [{ capability: 'A', instances: Array.from({ length: 25 }, (_, i) => i) }]);
  });

  test('a weak node with a strong child of >= 20 instances is passed over for its weak children', () => {
    // A1 20/20 strong, A2 0/5 weak, B 0/30 weak; A overall 20/25 strong.
    let stats = computeNodeStats(tree, parseResults(bits([[20, 0], [0, 5], [0, 30]])), { alphas: [0.05] });
    assert.deepEqual(extractNodes(tree, stats, { tau: 0.6 }), ids(tree, ['A2', 'B']));
    // Only direct children are checked: A1 (8/20) is not below 0.6, yet the root is extracted.
    stats = computeNodeStats(tree, parseResults(bits([[8, 12], [0, 5], [0, 30]])), { alphas: [0.05] });
    assert.ok(stats[ids(tree, ['A1'])[0]!]!.intervals!['0.05']![1] > 0.6);
    assert.deepEqual(extractNodes(tree, stats, { tau: 0.6 }), ids(tree, ['root']));
    // With B strong, the search descends into A, is blocked by A1, and ends at A2.
    stats = computeNodeStats(tree, parseResults(bits([[8, 12], [0, 5], [30, 0]])), { alphas: [0.05] });
    assert.ok(stats[ids(tree, ['A'])[0]!]!.intervals!['0.05']![1] < 0.6);
    assert.deepEqual(extractNodes(tree, stats, { tau: 0.6 }), ids(tree, ['A2']));
    // A small strong child (A2, 5 instances) does not block its parent, unless the size limit drops to 5.
    stats = computeNodeStats(tree, parseResults(bits([[0, 20], [5, 0], [30, 0]])), { alphas: [0.05] });
    assert.deepEqual(extractNodes(tree, stats, { tau: 0.6 }), ids(tree, ['A']));
    assert.deepEqual(extractNodes(tree, stats, { tau: 0.6, minChildSize: 5 }), ids(tree, ['A1']));
  });

  test('nodes under 5 instances have no interval and are never extracted; strengths flip the test', () => {
    const small = parseTree({ description: 'r', subtrees: { '0': { description: 'x', subtrees: [0, 1, 2, 3] }, '1': { description: 'y', subtrees: [4, 5, 6, 7] } } });
    const stats = computeNodeStats(small, parseResults([0, 0, 0, 0, 1, 1, 1, 1]));
    assert.equal(stats[1]!.intervals, null);
    assert.ok(stats[0]!.intervals!['0.05']![1] > 0.8);
    assert.deepEqual(extractNodes(small, stats, { tau: 0.8 }), []);
    assert.deepEqual(extractNodes(small, stats, { tau: 0.9 }), [0]);
    const strong = computeNodeStats(tree, parseResults(bits([[0, 25], [30, 0]])), { alphas: [0.05] });
    assert.deepEqual(extractNodes(tree, strong, { tau: 0.6, direction: 'higher' }), ids(tree, ['B']));
  });

  test('the sweep starts past the root and its large children and ends at the empty profile', () => {
    const stats = computeNodeStats(tree, parseResults(bits([[2, 18], [0, 5], [0, 30]])), { alphas: [0.05] });
    const sweep = sweepThreshold(tree, stats, { step: 0.001 });
    const upper = (id: number) => stats[id]!.intervals!['0.05']![1];
    assert.ok(Math.abs(sweep.start - (Math.max(upper(0), upper(1), upper(ids(tree, ['B'])[0]!)) + 0.001)) < 1e-12);
    assert.deepEqual(sweep.profiles[0]!.capabilities, ['root']);
    const last = sweep.profiles[sweep.profiles.length - 1]!;
    assert.ok(extractNodes(tree, stats, { tau: last.tauLast - 0.001 }).length === 0);
    for (const p of sweep.profiles) assert.deepEqual(extractNodes(tree, stats, { tau: p.tauFirst }), p.nodes);
  });
});

describe('synthetic ground truth with known embeddings', () => {
  const blobs = hierarchicalBlobs({ groups: 2, subgroups: 3, perSubgroup: 100, seed: 1 });
  const tree = parseTree(buildClusterTree(blobs.rows, blobs.rows.map((_, i) => i)).tree);
  const weakSubgroups = [1, 4];
  // Association labels of the two ground-truth weaknesses, in the released cache format.
  const associations: Associations = Object.fromEntries(weakSubgroups.map((s) => [`weakness ${s}`, blobs.subgroup.map((x) => (x === s ? 'YES' : 'NO'))]));
  const truthSets = weakSubgroups.map((s) => new Set(membersOf(blobs.subgroup, s)));

  test('the generator gives each weakness its decay', () => {
    const counts = countWeaknesses(Object.values(associations));
    const results = generateSyntheticResults(counts, { decay: 0.2, seed: 0 }) as number[];
    const rate = (members: number[]) => members.reduce((s, i) => s + results[i]!, 0) / members.length;
    assert.ok(Math.abs(rate(membersOf(blobs.subgroup, 1)) - 0.14) < 0.1);
    assert.ok(Math.abs(rate(membersOf(blobs.subgroup, 0)) - 0.7) < 0.15);
  });

  test('the profile at tau 0.4 is exactly the weak subgroups, for every seed tried', () => {
    for (const seed of [0, 1, 2]) {
      const results = parseResults(generateSyntheticResults(countWeaknesses(Object.values(associations)), { decay: 0.2, seed }));
      const profile = extractProfile(tree, computeNodeStats(tree, results, { alphas: [0.05] }), { alpha: 0.05, tau: 0.4 });
      const found = profile.map((p) => new Set(p.instances));
      assert.deepEqual(scoreAgainstTruth(found, truthSets), { precision: 1, recall: 1, f1: 1 }, `seed ${seed}`);
    }
  });

  test('precision and recall drop for a profile that is too broad or too narrow', () => {
    const group0 = new Set(membersOf(blobs.group, 0));
    const broad = scoreAgainstTruth([group0], truthSets);
    assert.ok(Math.abs(broad.precision - 1 / 3) < 1e-12 && broad.recall === 0.5);
    const narrow = scoreAgainstTruth([new Set(membersOf(blobs.subgroup, 1).slice(0, 50))], truthSets);
    assert.ok(narrow.precision === 1 && Math.abs(narrow.recall - 0.25) < 1e-12);
    assert.deepEqual(scoreAgainstTruth([], truthSets), { precision: 0, recall: 0, f1: 0 });
  });

  test('low-performance identification ranks the true weaknesses below other profiles', () => {
    const results = parseResults(generateSyntheticResults(countWeaknesses(Object.values(associations)), { decay: 0.2, seed: 0 }));
    const all = blobs.rows.map((_, i) => i);
    const labelled: Associations = { ...associations, 'strong 0': blobs.subgroup.map((x) => (x === 0 ? 'YES' : 'NO')), 'strong 2': blobs.subgroup.map((x) => (x === 2 ? 'YES' : 'NO')) };
    const low = assessLowPerformance([['weakness 1'], ['strong 0'], ['weakness 1', 'weakness 4'], ['strong 0', 'strong 2']], labelled, results, all);
    assert.equal(low.points.length, 4);
    assert.ok(low.points[0]!.meanPerformance < 0.3 && low.points[1]!.meanPerformance > 0.5);
    assert.deepEqual(low.bySize.map((p) => p.size), [1, 2]);
    assert.equal(low.bySize[0]!.value, low.points[0]!.meanPerformance);
    assert.equal(low.points[2]!.unionSize, 200);
    const atLeast = minimumFromSize([{ size: 1, value: 0.5 }, { size: 2, value: 0.2 }, { size: 3, value: 0.4 }]);
    assert.deepEqual(atLeast.map((p) => p.value), [0.2, 0.2, 0.4]);
  });
});

describe('synthetic results generator', () => {
  // Reference values printed by CPython: random.seed(0); random.choices([1, 0], weights=[p, 1 - p])
  // per instance with p = 0.7 * 0.2 ** m, as the released generator does.
  test('replays the released Python generator draw for draw', () => {
    const counts = [0, 1, 2, 0, 3, 1, 0, 0, 2, 1, 0, 4, 0, 1, 0, 0, 2, 0, 1, 0];
    assert.deepEqual(generateSyntheticResults(counts, { decay: 0.2, seed: 0 }), [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0]);
    assert.deepEqual(generateSyntheticResults(counts.slice(0, 8), { decay: 0.5, seed: 0, kind: 'win-rate' }), [[2, 2], [2, 1], [2, 2], [2, 1], [2, 2], [2, 2], [1, 2], [1, 1]]);
  });

  test('counts weaknesses per instance and rejects mismatched labels', () => {
    assert.deepEqual(countWeaknesses([['YES', 'NO', null], ['YES', 'YES', 'NO']]), [2, 1, 0]);
    assert.throws(() => countWeaknesses([['YES'], ['YES', 'NO']]));
    assert.throws(() => generateSyntheticResults([0], { decay: 2 }));
  });
});

test('profile instances come in tree order, as the released files list them', () => {
  const tree = parseTree({ description: 'r', subtrees: { '0': { description: 'w', subtrees: [9, 3, 7, 1, 5] }, '1': { description: 's', subtrees: [0, 2, 4, 6, 8] } } });
  const stats = computeNodeStats(tree, parseResults([1, 0, 1, 0, 1, 0, 1, 0, 1, 0]));
  assert.deepEqual(nodeInstances(tree, 1), [9, 3, 7, 1, 5]);
  assert.deepEqual(extractProfile(tree, stats, { tau: 0.6 }), [{ capability: 'w', instances: [9, 3, 7, 1, 5] }]);
});
