import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { binomialCdf, binomialSurvival, bootstrap, clopperPearson, createPythonRandom, mean, normalCdf, normalQuantile, pearson, quantile, rank, spearman, wilson } from '../../src/core/stats/index.js';

describe('Clopper-Pearson interval', () => {
  test('each bound leaves exactly alpha/2 in its tail', () => {
    for (const [k, n] of [[1996, 4000], [6, 18], [1, 5], [462, 1091], [39, 57], [9999, 20000]] as const) {
      for (const alpha of [0.01, 0.05, 0.2]) {
        const [lo, hi] = clopperPearson(k, n, alpha);
        assert.ok(0 < lo && lo < k / n && k / n < hi && hi < 1, `${k}/${n}: ${lo} ${hi}`);
        assert.ok(Math.abs(binomialSurvival(k, n, lo) - alpha / 2) < 1e-14, `lower tail at ${k}/${n}`);
        assert.ok(Math.abs(binomialCdf(k, n, hi) - alpha / 2) < 1e-14, `upper tail at ${k}/${n}`);
      }
    }
  });

  test('endpoints follow the statsmodels convention at 0 and n successes', () => {
    const [lo0, hi0] = clopperPearson(0, 10, 0.05);
    assert.equal(lo0, 0);
    assert.ok(Math.abs(hi0 - (1 - 0.025 ** (1 / 10))) < 1e-15);
    const [loN, hiN] = clopperPearson(10, 10, 0.05);
    assert.equal(hiN, 1);
    assert.ok(Math.abs(loN - 0.025 ** (1 / 10)) < 1e-15);
  });

  test('a wider level gives a wider interval, and bad counts are input errors', () => {
    const [lo95, hi95] = clopperPearson(30, 100, 0.05);
    const [lo99, hi99] = clopperPearson(30, 100, 0.01);
    assert.ok(lo99 < lo95 && hi99 > hi95);
    assert.throws(() => clopperPearson(11, 10), (e) => LmscopeError.isInstance(e) && e.code === 'bad_input');
    assert.throws(() => clopperPearson(1, 0), (e) => LmscopeError.isInstance(e));
    assert.throws(() => clopperPearson(1, 10, 1.5), (e) => LmscopeError.isInstance(e));
  });
});

describe('normal distribution and Wilson interval', () => {
  test('quantile inverts the CDF and matches the familiar z values', () => {
    assert.ok(Math.abs(normalQuantile(0.975) - 1.959963984540054) < 1e-14);
    assert.ok(Math.abs(normalQuantile(0.995) - 2.5758293035489004) < 1e-14);
    for (const p of [1e-12, 1e-5, 0.01, 0.3, 0.5, 0.9, 0.999999]) assert.ok(Math.abs(normalCdf(normalQuantile(p)) - p) < 1e-13 * Math.max(1, p / 1e-3), `p=${p}`);
    assert.equal(normalQuantile(0.5), 0);
  });

  test('Wilson interval agrees with its closed form and stays inside [0, 1]', () => {
    const [lo, hi] = wilson(8, 10, 0.05);
    assert.ok(Math.abs(lo - 0.49016247153664183) < 1e-12 && Math.abs(hi - 0.9433178485456247) < 1e-12);
    const [lo0, hi0] = wilson(0, 20, 0.05);
    assert.equal(lo0, 0);
    assert.ok(hi0 > 0 && hi0 < 0.2);
  });
});

describe('bootstrap and correlation', () => {
  test('bootstrap is reproducible per seed and brackets the mean', () => {
    const sample = Array.from({ length: 200 }, (_, i) => (i % 10 < 3 ? 1 : 0));
    const a = bootstrap(sample, (xs) => mean(xs), { resamples: 500, seed: 3 });
    const b = bootstrap(sample, (xs) => mean(xs), { resamples: 500, seed: 3 });
    const c = bootstrap(sample, (xs) => mean(xs), { resamples: 500, seed: 4 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.interval, c.interval);
    assert.equal(a.estimate, 0.3);
    assert.ok(a.interval[0] < 0.3 && a.interval[1] > 0.3 && a.interval[1] - a.interval[0] < 0.2);
    assert.ok(Math.abs(a.standardError - Math.sqrt(0.3 * 0.7 / 200)) < 0.01);
    assert.throws(() => bootstrap([], mean), (e) => LmscopeError.isInstance(e));
  });

  test('quantile interpolates linearly', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([5], 0.9), 5);
  });

  test('Pearson and Spearman correlations', () => {
    assert.ok(Math.abs(pearson([1, 2, 3, 4], [2, 4, 6, 8]) - 1) < 1e-15);
    assert.ok(Math.abs(pearson([1, 2, 3], [3, 2, 1]) + 1) < 1e-15);
    assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
    assert.deepEqual(rank([10, 20, 20, 5]), [2, 3.5, 3.5, 1]);
    assert.ok(Math.abs(spearman([1, 2, 3, 4], [1, 4, 9, 100]) - 1) < 1e-15);
    assert.throws(() => pearson([1, 2], [1]), (e) => LmscopeError.isInstance(e));
  });
});

describe('Python-compatible random', () => {
  // Reference values printed by CPython 3 (`random.seed(s)` then the same calls).
  test('random() after seed(42) matches CPython', () => {
    const rng = createPythonRandom(42);
    assert.deepEqual([rng.random(), rng.random(), rng.random()], [0.6394267984578837, 0.025010755222666936, 0.27502931836911926]);
  });

  test('shuffle after seed(12345) matches CPython', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    assert.deepEqual(createPythonRandom(12345).shuffle(items), [16, 18, 3, 8, 19, 10, 7, 14, 12, 1, 5, 2, 15, 17, 4, 6, 11, 9, 0, 13]);
  });
});
