import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  correctPosition,
  parseRankingVerdict,
  parseRating,
  placeAnswers,
  rankingMessages,
  ratingMessages,
  RANKING_INLINE_PROMPT,
  RANKING_SYSTEM_PROMPT,
  scoreRankingVerdict,
} from '../../src/rewardbench/judgePrompts.js';

describe('ratings parser', () => {
  it('takes a trailing integer from 1 to 10', () => {
    assert.equal(parseRating('Clear and correct.\n\n9'), 9);
    assert.equal(parseRating('Solid answer. 10'), 10);
    assert.equal(parseRating('Rating: 7  \n'), 7);
    assert.equal(parseRating('Good, 8/10'), 10);
    assert.equal(parseRating('Half-way 7.5'), 5);
  });

  it('gives -1 for anything else', () => {
    for (const text of ['', 'no number here', 'Rating: 0', 'Rating: 11', 'I give it 8.', '**8**', 'score x7', 'v10', 'é7', '8 out of ten']) {
      assert.equal(parseRating(text), -1, JSON.stringify(text));
    }
  });

  it('treats digits of any script as word characters, like Python', () => {
    assert.equal(parseRating('٣7'), -1);
    assert.equal(parseRating('value:7'), 7);
  });
});

describe('ranking parser', () => {
  it('checks [[A]] to [[D]] in that order, not by position in the text', () => {
    assert.equal(parseRankingVerdict('Best is [[C]], not [[A]]'), 'A');
    assert.equal(parseRankingVerdict('Final verdict: [[D]]'), 'D');
    assert.equal(parseRankingVerdict('I pick B'), 'error');
    assert.equal(parseRankingVerdict('[[E]] [B]'), 'error');
  });

  it('scores 1 for the correct slot, 0 for another, 0.25 for no verdict', () => {
    assert.equal(scoreRankingVerdict('C', 2), 1);
    assert.equal(scoreRankingVerdict('A', 2), 0);
    assert.equal(scoreRankingVerdict('error', 2), 0.25);
  });
});

describe('judge prompts', () => {
  it('lays out four answers in slots A-D after the question', () => {
    const [system, user] = rankingMessages('What is 2+2?', ['a0', 'a1', 'a2', 'a3']);
    assert.equal(system?.role, 'system');
    assert.equal(system?.content, RANKING_SYSTEM_PROMPT);
    assert.ok(user?.content.startsWith("[User Question]\nWhat is 2+2?\n\n[The Start of Assistant A's Answer]\na0\n[The End of Assistant A's Answer]\n\n"));
    assert.ok(user?.content.endsWith("[The Start of Assistant D's Answer]\na3\n[The End of Assistant D's Answer]"));
  });

  it('puts the instructions in the user turn for the inline style', () => {
    const messages = rankingMessages('Q', ['a', 'b', 'c', 'd'], 'inline');
    assert.equal(messages.length, 1);
    assert.ok(messages[0]?.content.startsWith(RANKING_INLINE_PROMPT + '[User Question]\nQ'));
  });

  it('asks for a 1-10 rating with the Ties criterion only for Ties', () => {
    const plain = ratingMessages('Why $1?', 'Because $& costs.', false)[0]!.content;
    const ties = ratingMessages('Why $1?', 'Because $& costs.', true)[0]!.content;
    assert.ok(plain.startsWith('\n### Task Description\n'));
    assert.ok(plain.includes('depth, creativity, and level of detail'));
    assert.ok(ties.includes('need not consider depth or level of detail'));
    assert.ok(plain.endsWith('[Query]\nWhy $1?\n\n[Response]\nBecause $& costs.\n\n[Your judgement]'));
    assert.equal(plain.replace(/1- .*\n/, ''), ties.replace(/1- .*\n/, ''));
  });
});

describe('placing the correct answer', () => {
  it('swaps slot 0 with the chosen position, as the reference does', () => {
    assert.deepEqual(placeAnswers('C', ['r0', 'r1', 'r2'], 0), ['C', 'r0', 'r1', 'r2']);
    assert.deepEqual(placeAnswers('C', ['r0', 'r1', 'r2'], 2), ['r1', 'r0', 'C', 'r2']);
    assert.deepEqual(placeAnswers('C', ['r0', 'r1', 'r2'], 3), ['r2', 'r0', 'r1', 'C']);
  });

  it('draws positions deterministically and roughly uniformly', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[correctPosition(`row-${i}`, 0)]!++;
    for (const c of counts) assert.ok(c > 850 && c < 1150, `counts ${counts}`);
    assert.equal(correctPosition('x', 3), correctPosition('x', 3));
    const changed = Array.from({ length: 50 }, (_, i) => correctPosition(`r${i}`, 1) !== correctPosition(`r${i}`, 2)).filter(Boolean).length;
    assert.ok(changed > 20, 'the seed changes the positions');
  });
});
