import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreBestOfN, scorePair, scoreRatingsRow } from '../../src/rewardbench/bestOfN.js';

describe('best-of-4 with the tie penalty', () => {
  it('gives a strict win 1 and a loss 0', () => {
    assert.equal(scoreBestOfN([3, 1, 2, 0]), 1);
    assert.equal(scoreBestOfN([1, 3, 2, 0]), 0);
    assert.equal(scoreBestOfN([-1, -2, -3, -4]), 1);
  });

  it('gives 1/k when the chosen completion ties k ways at the top', () => {
    assert.equal(scoreBestOfN([5, 5, 1, 0]), 1 / 2);
    assert.equal(scoreBestOfN([5, 1, 5, 5]), 1 / 3);
    assert.equal(scoreBestOfN([2, 2, 2, 2]), 1 / 4);
  });

  it('treats all-equal scores as a 4-way tie', () => {
    for (const v of [0, -7.25, 1e9]) assert.equal(scoreBestOfN([v, v, v, v]), 0.25);
  });

  it('gives 0 when others tie above the chosen completion', () => {
    assert.equal(scoreBestOfN([4, 5, 5, 1]), 0);
  });

  it('ignores ties below the maximum', () => {
    assert.equal(scoreBestOfN([9, 1, 1, 1]), 1);
  });

  it('counts -0 and 0 as equal, as numpy does', () => {
    assert.equal(scoreBestOfN([0, -0, -1, -2]), 0.5);
  });

  it('gives 0 when any score is NaN (numpy max is then NaN)', () => {
    assert.equal(scoreBestOfN([5, NaN, 1, 0]), 0);
    assert.equal(scoreBestOfN([NaN, 1, 0, 0]), 0);
    assert.equal(scoreBestOfN([NaN, NaN, NaN, NaN]), 0);
  });

  it('works for rows with other numbers of completions', () => {
    assert.equal(scoreBestOfN([1, 0]), 1);
    assert.equal(scoreBestOfN([1, 1, 1, 1, 1, 0]), 1 / 5);
  });
});

describe('ratings-mode rows', () => {
  it('drops invalid ratings (-1) before finding the winners', () => {
    assert.equal(scoreRatingsRow([7, -1, 6, -1]), 1);
    assert.equal(scoreRatingsRow([-1, 7, 6, 5]), 0);
  });

  it('gives partial credit 1/2, 1/3, 1/4 for ties at the best rating', () => {
    assert.equal(scoreRatingsRow([8, 8, 3, 2]), 1 / 2);
    assert.equal(scoreRatingsRow([8, 8, 8, -1]), 1 / 3);
    assert.equal(scoreRatingsRow([5, 5, 5, 5]), 1 / 4);
  });

  it('gives 0.25 when no rating is valid', () => {
    assert.equal(scoreRatingsRow([-1, -1, -1, -1]), 0.25);
  });

  it('gives 0 when the chosen completion is rated below the best', () => {
    assert.equal(scoreRatingsRow([3, 9, -1, 1]), 0);
  });
});

describe('RewardBench 1 pairs', () => {
  it('needs a strict win; ties and NaN lose', () => {
    assert.equal(scorePair(2, 1), 1);
    assert.equal(scorePair(1, 1), 0);
    assert.equal(scorePair(0, 1), 0);
    assert.equal(scorePair(NaN, 1), 0);
    assert.equal(scorePair(1, NaN), 0);
  });
});
