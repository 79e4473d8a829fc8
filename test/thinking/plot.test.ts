import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderScalingSvg } from '../../src/thinking/plot.js';
import type { MethodCurve } from '../../src/thinking/summary.js';

const point = (label: string, thinkingTokens: number, accuracy: number) => ({ label, thinkingTokens, accuracy, aMin: null, aMax: null, problems: 1 });

function circles(svg: string): { cx: number; cy: number }[] {
  return [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => ({ cx: Number(m[1]), cy: Number(m[2]) }));
}

describe('scaling plot', () => {
  const curves: MethodCurve[] = [
    { method: 'bf', points: [point('max=2048', 2000, 40), point('max=512', 500, 20)] },
    { method: 'a<b&c', points: [point('x', 1000, 60)] },
  ];
  const svg = renderScalingSvg(curves, 'aime24 <test>');

  it('draws one group per method and one marker per point, placed by tokens and accuracy', () => {
    assert.equal(svg.match(/<g class="curve"/g)?.length, 2);
    const [low, high, single] = circles(svg);
    // Points are drawn in order of thinking tokens: 500 then 2000.
    assert.ok(low!.cx < single!.cx && single!.cx < high!.cx, 'x grows with thinking tokens');
    assert.ok(high!.cy < low!.cy && single!.cy < high!.cy, 'y grows with accuracy (SVG y points down)');
    // A log axis: 500 → 1000 → 2000 are equal steps.
    assert.ok(Math.abs(single!.cx - low!.cx - (high!.cx - single!.cx)) < 0.2);
  });

  it('escapes text and stays a standalone document', () => {
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.ok(svg.includes('aime24 &lt;test&gt;'));
    assert.ok(svg.includes('data-method="a&lt;b&amp;c"'));
    assert.ok(!svg.includes('a<b'));
    assert.match(renderScalingSvg([], 'empty'), /<\/svg>\n$/);
  });
});
