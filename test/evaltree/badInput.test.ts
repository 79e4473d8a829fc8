import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { parseResults, parseTree, runProfile, runStats, runSweep, runView } from '../../src/evaltree/index.js';
import { mathFiles } from './dataPaths.js';

const files = mathFiles();

/** Asserts a promise rejects with an LmscopeError of `code` whose message matches. */
async function rejectsWith(promise: Promise<unknown>, code: string, message: RegExp): Promise<LmscopeError> {
  let caught: unknown;
  await promise.catch((e) => (caught = e));
  assert.ok(LmscopeError.isInstance(caught), `expected an LmscopeError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.match(caught.message, message);
  assert.equal(caught.status, 400);
  return caught;
}

const smallTree = {
  description: 'root',
  subtrees: {
    '0': { description: 'a', subtrees: [0, 1, 2] },
    '1': { description: 'b', subtrees: [{ description: 'leaf 3', subtrees: 3 }, 4, 5] },
  },
};

describe('bad input gives clear errors', () => {
  test('results shorter than the tree', async () => {
    const error = await rejectsWith(runProfile({ tree: smallTree, results: [1, 0, 1, 1] }), 'size_mismatch', /refers to instance 5 but the results have only 4/);
    assert.equal(error.where, undefined);
  });

  test('results longer than a tree built on a split, without the split', async () => {
    const e = await rejectsWith(runStats({ tree: files.tree, results: files.llama }), 'size_mismatch', /covers 4000 instances but the results have 5000; pass the split/);
    assert.equal(e.where?.file, files.tree);
  });

  test('results from another benchmark with too few entries', async () => {
    await rejectsWith(runProfile({ tree: smallTree, results: [1, 0] }), 'size_mismatch', /results have only 2 entries/);
  });

  test('non-binary accuracy results name the instance', async () => {
    const e = await rejectsWith(runProfile({ tree: smallTree, results: [1, 0, 0.5, 1, 1, 0] }), 'non_binary_result', /instance 2 is 0\.5, not 0 or 1/);
    assert.equal(e.where?.item, 'instance 2');
    await rejectsWith(runProfile({ tree: smallTree, results: [1, 0, 1, 2, 1, 0] }), 'non_binary_result', /instance 3 is 2/);
    await rejectsWith(runProfile({ tree: smallTree, results: [[1, 2], [1, 3], [2, 2], [1, 1], [2, 1], [1, 2]] }), 'non_binary_result', /instance 1 is \[1,3\]/);
    await rejectsWith(runProfile({ tree: smallTree, results: [[1, 2], 1, [2, 2], [1, 1], [2, 1], [1, 2]] }), 'non_binary_result', /instance 1/);
  });

  test('a tree missing instances of its split', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'evaltree-'));
    const released = JSON.parse(readFileSync(files.tree, 'utf8'));
    // Drop the first cluster's subtree: its instances are in the split but no longer in the tree.
    delete released.subtrees['0'];
    const pruned = path.join(dir, 'pruned.json');
    writeFileSync(pruned, JSON.stringify(released));
    await rejectsWith(runProfile({ tree: pruned, results: files.llama, split: files.split }), 'tree_missing_instances', /missing 1091 instance\(s\) of the split/);
  });

  test('a tree with instances outside its split', async () => {
    await rejectsWith(runProfile({ tree: smallTree, results: [1, 0, 1, 1, 0, 1, 1], split: [0, 1, 2, 3, 4] }), 'tree_outside_split', /1 instance\(s\) outside the split, e\.g\. 5/);
  });

  test('malformed trees', () => {
    const bad = (tree: unknown, code: string, message: RegExp) => assert.throws(() => parseTree(tree, 't.json'), (e) => LmscopeError.isInstance(e) && e.code === code && message.test(e.message) && e.where?.file === 't.json');
    bad({ description: 'x', subtrees: [0, 1, 0] }, 'duplicate_instance', /instance 0 appears twice/);
    bad({ description: 'x', subtrees: [0, -1] }, 'bad_tree', /non-negative integer/);
    bad({ description: 'x', subtrees: [] }, 'bad_tree', /empty "subtrees" list/);
    bad({ description: 'x' }, 'bad_tree', /no "subtrees"/);
    bad({ description: 3, subtrees: 1 }, 'bad_tree', /"description" must be a string/);
    bad({ subtrees: { '0': { subtrees: 'x' } } }, 'bad_tree', /"subtrees" must be an object, a list or an instance index/);
    bad('not a tree', 'bad_tree', /"subtrees" must be/);
  });

  test('missing files, bad JSON and bad parameters', async () => {
    await rejectsWith(runProfile({ tree: '/nonexistent/tree.json', results: [1] }), 'file_not_found', /cannot read/);
    const dir = mkdtempSync(path.join(tmpdir(), 'evaltree-'));
    const broken = path.join(dir, 'results.json');
    writeFileSync(broken, '[1, 0,');
    await rejectsWith(runProfile({ tree: smallTree, results: broken }), 'malformed_json', /malformed JSON/);
    await rejectsWith(runProfile({ tree: smallTree, results: [1, 0, 1, 1, 0, 1], alpha: 2 }), 'bad_input', /alpha must be in \(0, 1\)/);
    await rejectsWith(runProfile({ tree: smallTree, results: [1, 0, 1, 1, 0, 1], tau: Number.NaN }), 'bad_input', /tau must be a number/);
    await rejectsWith(runProfile({ tree: smallTree, results: [1, 0, 1, 1, 0, 1], direction: 'sideways' as 'lower' }), 'bad_input', /direction/);
    await rejectsWith(runSweep({ tree: smallTree, results: [1, 0, 1, 1, 0, 1], step: 0 }), 'bad_input', /step/);
    await rejectsWith(runProfile({ tree: smallTree, results: [] }), 'bad_results', /empty/);
    await rejectsWith(runProfile({ tree: smallTree, results: { a: 1 } }), 'bad_results', /must be a JSON list/);
    await rejectsWith(runView({ tree: smallTree, results: {} }), 'bad_input', /must map model names/);
    await rejectsWith(runView({ tree: smallTree, results: { a: [1, 0, 1, 1, 0, 1], b: [1, 0] } }), 'size_mismatch', /model "b"/);
  });

  test('win-rate results count two trials per instance', () => {
    const results = parseResults([[1, 1], [1, 2], [2, 2]]);
    assert.equal(results.kind, 'win-rate');
    assert.equal(results.trialsPerInstance, 2);
    assert.deepEqual(Array.from(results.successes), [2, 1, 0]);
  });
});
