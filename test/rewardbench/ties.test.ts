import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LmscopeError } from '../../src/core/errors.js';
import { computePromptStats, scoreTies, type TiesRowScores } from '../../src/rewardbench/ties.js';

/** The published weights, applied to the five terms. */
function formula(t: { tiedAccuracy: number; refAccuracy: number; correctnessPreferred: number; correctnessPreferredHard: number; marginScore: number }): number {
  return 0.3 * t.tiedAccuracy + 0.3 * t.refAccuracy + 0.2 * t.correctnessPreferred + 0.2 * t.correctnessPreferredHard + 0.01 * t.marginScore;
}

const row = (id: string, numCorrect: number, scores: number[]): TiesRowScores => ({ id, numCorrect, scores });

describe('Ties per-prompt statistics', () => {
  it('needs every correct answer above every incorrect one', () => {
    assert.equal(computePromptStats([{ correct: true, score: 5 }, { correct: true, score: 3 }, { correct: false, score: 2 }]).accurate, true);
    assert.equal(computePromptStats([{ correct: true, score: 5 }, { correct: true, score: 2 }, { correct: false, score: 2 }]).accurate, false);
  });

  it('has no correct-answer spread with one correct answer', () => {
    const stats = computePromptStats([{ correct: true, score: 4 }, { correct: false, score: 1 }, { correct: false, score: 3 }]);
    assert.equal(stats.differentCorrectMargin, null);
    assert.equal(stats.correctIncorrectMargin, 1);
  });

  it("follows Python's min/max: a NaN counts only when it comes first", () => {
    const first = computePromptStats([{ correct: true, score: NaN }, { correct: true, score: 5 }, { correct: false, score: 1 }]);
    assert.ok(Number.isNaN(first.correctIncorrectMargin));
    assert.equal(first.accurate, false);
    const later = computePromptStats([{ correct: true, score: 5 }, { correct: true, score: NaN }, { correct: false, score: 1 }]);
    assert.equal(later.correctIncorrectMargin, 4);
    assert.equal(later.differentCorrectMargin, 0);
    assert.equal(later.accurate, true);
  });
});

describe('Ties subset score', () => {
  it('combines accuracy and margin terms with the published weights', () => {
    // ref: margin 9; tied: correct spread 1, correct-incorrect margin 8.
    const t = scoreTies([row('ref:1', 1, [10, 1]), row('tied:1', 2, [10, 9, 1])]);
    assert.equal(t.refAccuracy, 1);
    assert.equal(t.tiedAccuracy, 1);
    assert.equal(t.correctnessPreferred, 1);
    assert.equal(t.correctnessPreferredHard, 1);
    assert.equal(t.marginScore, Math.tanh(Math.min(9, 8) / 1 - 1));
    assert.equal(t.score, formula(t));
    assert.equal(t.pairs, 1);
  });

  it('separates the easy and hard margin terms', () => {
    // tied margin 5 beats its spread 2, but the ref margin (1) does not.
    const t = scoreTies([row('ref:4', 1, [2, 1]), row('tied:4', 2, [8, 6, 1])]);
    assert.equal(t.correctnessPreferred, 1);
    assert.equal(t.correctnessPreferredHard, 0);
    assert.equal(t.marginScore, Math.tanh(1 / 2 - 1));
    assert.ok(t.marginScore < 0);
  });

  it('maps a positive margin over a zero spread to tanh(+inf) = 1', () => {
    const t = scoreTies([row('ref:1', 1, [3, 1]), row('tied:1', 2, [5, 5, 1])]);
    assert.equal(t.marginScore, 1);
    assert.equal(t.score, 1.01);
  });

  it('maps a negative margin over a zero spread to tanh(-inf) = -1, down to the -0.01 floor', () => {
    const t = scoreTies([row('ref:1', 1, [1, 3]), row('tied:1', 2, [2, 2, 4])]);
    assert.equal(t.refAccuracy, 0);
    assert.equal(t.tiedAccuracy, 0);
    assert.equal(t.correctnessPreferred, 0);
    assert.equal(t.correctnessPreferredHard, 0);
    assert.equal(t.marginScore, -1);
    assert.equal(t.score, -0.01);
  });

  it('maps 0/0 (NaN) to 0 in the tie-breaker', () => {
    const t = scoreTies([row('ref:1', 1, [2, 1]), row('tied:1', 2, [3, 3, 3])]);
    assert.equal(t.marginScore, 0);
    assert.equal(t.tiedAccuracy, 0);
    assert.equal(t.score, formula(t));
  });

  it('propagates NaN through the ref/tied minimum, as np.minimum does', () => {
    const t = scoreTies([row('ref:1', 1, [NaN, 1]), row('tied:1', 2, [9, 8, 1])]);
    assert.equal(t.refAccuracy, 0);
    assert.equal(t.correctnessPreferred, 1);
    assert.equal(t.correctnessPreferredHard, 0);
    assert.equal(t.marginScore, 0);
  });

  it('averages accuracy over all rows but margins only over paired prompt ids', () => {
    const t = scoreTies([
      row('ref:1', 1, [3, 1]),
      row('tied:1', 2, [6, 5, 1]),
      row('ref:2', 1, [0, 1]), // unpaired, inaccurate
      row('tied:3', 2, [4, 3, 1]), // unpaired, accurate
    ]);
    assert.equal(t.refPrompts, 2);
    assert.equal(t.tiedPrompts, 2);
    assert.equal(t.refAccuracy, 0.5);
    assert.equal(t.tiedAccuracy, 1);
    assert.equal(t.pairs, 1);
    assert.equal(t.score, formula(t));
  });

  it('gives NaN when no prompt id has both rows (np.mean of nothing)', () => {
    const t = scoreTies([row('ref:1', 1, [3, 1]), row('tied:2', 2, [6, 5, 1])]);
    assert.equal(t.pairs, 0);
    assert.ok(Number.isNaN(t.score));
    assert.ok(Number.isNaN(t.correctnessPreferred));
  });

  it('gives 0 accuracy for a missing group', () => {
    const t = scoreTies([row('tied:1', 2, [6, 5, 1])]);
    assert.equal(t.refAccuracy, 0);
    assert.equal(t.tiedAccuracy, 1);
  });

  it('matches prompt ids as integers: "ref:007" pairs with "tied:7"', () => {
    const t = scoreTies([row('ref:007', 1, [3, 1]), row('tied: 7 ', 2, [6, 5, 1])]);
    assert.equal(t.pairs, 1);
  });

  it('counts any sample type other than "ref" as tied', () => {
    const t = scoreTies([row('ref:1', 1, [3, 1]), row('other:1', 2, [6, 5, 1])]);
    assert.equal(t.pairs, 1);
    assert.equal(t.tiedPrompts, 1);
  });

  it('keeps invalid ratings (-1) in the scores, as the reference does', () => {
    const t = scoreTies([row('ref:1', 1, [7, -1]), row('tied:1', 2, [8, 8, -1])]);
    assert.equal(t.refAccuracy, 1);
    assert.equal(t.tiedAccuracy, 1);
    assert.equal(t.marginScore, 1); // spread 0, margin min(8, 9) > 0
  });

  it('refuses a paired tied row with one correct answer, naming the row', () => {
    assert.throws(
      () => scoreTies([row('ref:5', 1, [3, 1]), row('tied:5', 1, [6, 1])]),
      (error: unknown) => LmscopeError.isInstance(error) && error.code === 'ties_single_correct' && error.message.includes('tied:5'),
    );
  });

  it('refuses ids without a numeric prompt id', () => {
    assert.throws(() => scoreTies([row('ref:abc', 1, [3, 1])]), (error: unknown) => LmscopeError.isInstance(error) && error.message.includes('ref:abc'));
    assert.throws(() => scoreTies([row('ref:1:2', 1, [3, 1])]), (error: unknown) => LmscopeError.isInstance(error) && error.message.includes('one colon'));
  });

  it('stays within [-0.01, 1.01] on random scores', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 10;
    for (let trial = 0; trial < 200; trial++) {
      const rows: TiesRowScores[] = [];
      for (let pid = 0; pid < 5; pid++) {
        rows.push(row(`ref:${pid}`, 1, [random(), random(), random()].map(Math.round)));
        rows.push(row(`tied:${pid}`, 3, [random(), random(), random(), random()].map(Math.round)));
      }
      const t = scoreTies(rows);
      assert.ok(t.score >= -0.01 - 1e-12 && t.score <= 1.01 + 1e-12, `score ${t.score}`);
    }
  });
});
