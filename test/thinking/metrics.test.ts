import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { control, coverageAtN, majorityAtN, majorityIndex, methodMetrics, performance, powersOfTwoUpTo, scaling, type CurvePoint } from '../../src/thinking/metrics.js';

const point = (thinkingTokens: number, accuracy: number, aMax: number | null = null, aMin: number | null = null): CurvePoint => ({ label: String(thinkingTokens), thinkingTokens, accuracy, aMin, aMax });

const close = (actual: number | null, expected: number): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);
};

describe('control, scaling, performance', () => {
  const curve = [point(1000, 20, 1024), point(2000, 30, 2048), point(4000, 35, 4096)];

  it('match hand-computed values on a rising curve', () => {
    // Slopes: 10/1000, 15/3000, 5/2000 -> sum 0.0175 over C(3,2) = 3 pairs.
    close(scaling(curve), 0.0175 / 3);
    // In doublings: 10/1, 15/2, 5/1 -> 22.5 / 3.
    close(scaling(curve, 'log2'), 7.5);
    assert.equal(control(curve), 1);
    assert.equal(performance(curve), 35);
    assert.deepEqual(methodMetrics('bf', curve), { method: 'bf', control: 1, scaling: scaling(curve), scalingPerDoubling: scaling(curve, 'log2'), performance: 35, settings: 3 });
  });

  it('counts settings outside their limits', () => {
    const over = [point(1000, 20, 1024), point(2500, 30, 2048), point(4000, 35, 4096, 3000), point(2000, 40, 4096, 3000)];
    assert.equal(control(over), 2 / 4);
    assert.equal(control([point(100, 1), point(200, 2)]), null, 'no limits: no control to measure');
  });

  it('is negative for inverse scaling and ignores equal-compute pairs in the sum only', () => {
    close(scaling([point(1000, 40), point(3000, 20)]), -0.01);
    // Pairs: (100,100) excluded; 30/100 and 20/100 -> 0.5 over 3 pairs.
    close(scaling([point(100, 10), point(100, 20), point(200, 40)]), 0.5 / 3);
    assert.equal(scaling([point(100, 10)]), null);
    assert.equal(scaling([point(0, 10), point(100, 20)], 'log2'), null);
  });
});

describe('majority voting and coverage', () => {
  const samples = [
    { answer: '5', correct: false },
    { answer: '7', correct: true },
    { answer: '7', correct: true },
    { answer: '5', correct: false },
    { answer: null, correct: false },
    { answer: '7', correct: true },
  ];

  it('takes the most common answer, the first seen on ties', () => {
    assert.equal(majorityIndex(samples.slice(0, 4)), 0);
    assert.equal(majorityIndex(samples), 1);
    assert.equal(majorityIndex([{ answer: null, correct: false }]), -1);
    // With an equivalence that reads "1/2" as 0.5, the two spellings form one group of two.
    const value = (s: string): number => (s.includes('/') ? Number(s.split('/')[0]) / Number(s.split('/')[1]) : Number(s));
    const votes = [{ answer: '3', correct: false }, { answer: '1/2', correct: true }, { answer: '0.5', correct: true }];
    assert.equal(majorityIndex(votes), 0, 'as plain strings, three singletons: the first wins');
    assert.equal(majorityIndex(votes, (a, b) => value(a) === value(b)), 1);
  });

  it('computes maj@n and cov@n on the first n samples', () => {
    assert.deepEqual([1, 2, 4, 6].map((n) => majorityAtN(samples, n)), [0, 0, 0, 1]);
    assert.deepEqual([1, 2, 4, 6].map((n) => coverageAtN(samples, n)), [0, 1, 1, 1]);
    assert.deepEqual(powersOfTwoUpTo(6), [1, 2, 4, 6]);
    assert.deepEqual(powersOfTwoUpTo(8), [1, 2, 4, 8]);
  });
});
