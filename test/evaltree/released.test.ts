import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { computeNodeStats, distinctProfiles, loadEvalInputs, profilesBySize, runProfile, runStats, runSweep, sweepThreshold, type ConfidenceTreeJson } from '../../src/evaltree/index.js';
import { mathFiles } from './dataPaths.js';

const files = mathFiles();
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** Walks two confidence-interval trees together; returns the largest interval difference. */
function compareConfidenceTrees(ours: ConfidenceTreeJson, released: ConfidenceTreeJson, where = 'root'): { nodes: number; maxDifference: number } {
  assert.equal(ours.size, released.size, `size at ${where}`);
  assert.equal(ours.sum_metrics, released.sum_metrics, `sum_metrics at ${where}`);
  assert.equal(ours.confidence_interval === null, released.confidence_interval === null, `interval presence at ${where}`);
  let maxDifference = 0;
  if (ours.confidence_interval && released.confidence_interval) {
    assert.deepEqual(Object.keys(ours.confidence_interval), Object.keys(released.confidence_interval));
    for (const alpha of Object.keys(released.confidence_interval)) {
      for (const side of [0, 1]) maxDifference = Math.max(maxDifference, Math.abs(ours.confidence_interval[alpha]![side]! - released.confidence_interval[alpha]![side]!));
    }
  }
  if (typeof released.subtrees === 'number') {
    assert.equal(ours.subtrees, released.subtrees, `leaf at ${where}`);
    return { nodes: 1, maxDifference };
  }
  assert.equal(Array.isArray(ours.subtrees), Array.isArray(released.subtrees), `kind at ${where}`);
  const oursChildren = ours.subtrees as Record<string, ConfidenceTreeJson>;
  const releasedChildren = released.subtrees as Record<string, ConfidenceTreeJson>;
  assert.deepEqual(Object.keys(oursChildren), Object.keys(releasedChildren), `children at ${where}`);
  let nodes = 1;
  for (const key of Object.keys(releasedChildren)) {
    const sub = compareConfidenceTrees(oursChildren[key]!, releasedChildren[key]!, `${where}.${key}`);
    nodes += sub.nodes;
    maxDifference = Math.max(maxDifference, sub.maxDifference);
  }
  return { nodes, maxDifference };
}

describe('released MATH results (Llama-3.1-8B-Instruct, split 4k-1k)', () => {
  test('stats reproduce the released confidence-interval tree', async () => {
    const ours = await runStats({ tree: files.tree, results: files.llama, split: files.split, alphas: [0.01, 0.05] });
    const { nodes, maxDifference } = compareConfidenceTrees(ours, readJson(files.confidenceIntervals) as ConfidenceTreeJson);
    assert.equal(nodes, 6355);
    assert.equal(ours.size, 4000);
    // The released bounds come from scipy's Beta quantiles; ours are the exact quantiles to about
    // an ulp, and the two differ only in the last digits.
    assert.ok(maxDifference < 1e-13, `largest interval difference ${maxDifference}`);
  });

  test('profile at alpha 0.05, tau 0.4 reproduces the released weakness profile exactly', async () => {
    const ours = await runProfile({ tree: files.tree, results: files.llama, split: files.split, alpha: 0.05, tau: 0.4 });
    const released = readJson(files.profile) as { capability: string; instances: number[] }[];
    assert.equal(ours.length, 9);
    assert.deepEqual(ours, released);
  });

  test('the tau sweep reproduces the released varying-threshold profile (index 0)', async () => {
    const report = await runSweep({ tree: files.tree, results: files.llama, split: files.split, alpha: 0.05 });
    assert.deepEqual(report.distinct[0], readJson(files.varyingIndex0));
    // Sizes shrink to the empty profile as tau falls; the first profile is met just past the root.
    assert.ok(report.profiles.length > 10);
    assert.ok(report.profiles.every((p, i) => i === 0 || p.tauFirst < report.profiles[i - 1]!.tauLast));
    assert.ok(report.profiles.some((p) => p.size === 9 && p.tauFirst >= 0.4 && p.tauLast <= 0.4));
  });

  test('other models give other profiles on the same tree', async () => {
    const { tree, results } = await loadEvalInputs({ tree: files.tree, results: files.gpt, split: files.split });
    const gptStats = computeNodeStats(tree, results, { alphas: [0.05] });
    const sweep = sweepThreshold(tree, gptStats, { alpha: 0.05 });
    const llamaRoot = (await runStats({ tree: files.tree, results: files.llama, split: files.split })).sum_metrics;
    assert.ok(gptStats[0]!.successes > llamaRoot, 'gpt-4o-mini solves more than Llama-3.1-8B');
    assert.ok(sweep.start > 0.6, `sweep starts above gpt-4o-mini's root bound, got ${sweep.start}`);
    const bySize = profilesBySize(sweep, 20);
    assert.ok(Object.keys(bySize).length > 0);
    assert.ok(distinctProfiles(sweep).length >= Object.keys(bySize).length);
  });
});
