import type { MethodCurve } from './summary.js';

const COLORS = ['#2557d6', '#d6432f', '#1f9d55', '#9b51e0', '#e08a00', '#00838f', '#6b7280'];
const W = 640;
const H = 400;
const M = { left: 56, right: 150, top: 28, bottom: 48 };

/**
 * The scaling plot: accuracy (%) against average thinking tokens (log2 axis), one line per method,
 * as a standalone SVG string written by hand (no plotting library).
 * @example writeFileAtomic('scaling.svg', renderScalingSvg(summary.curves, 'math500'))
 */
export function renderScalingSvg(curves: readonly MethodCurve[], title = 'Test-time scaling'): string {
  const points = curves.flatMap((c) => c.points);
  const xs = points.map((p) => Math.max(p.thinkingTokens, 1));
  // The axis spans the data in whole doublings (at least two), or 256..1k with no data yet.
  const lo = xs.length > 0 ? Math.floor(Math.log2(Math.min(...xs))) : 8;
  const hi = Math.max(xs.length > 0 ? Math.ceil(Math.log2(Math.max(...xs))) : 10, lo + 2);
  const yMax = Math.min(100, Math.max(10, Math.ceil(Math.max(0, ...points.map((p) => p.accuracy)) / 10) * 10));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const sx = (tokens: number): number => M.left + ((Math.log2(Math.max(tokens, 1)) - lo) / (hi - lo)) * plotW;
  const sy = (acc: number): number => M.top + plotH - (acc / yMax) * plotH;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${M.left}" y="18" font-size="14" font-weight="600">${escapeXml(title)}</text>`);
  const xStep = Math.max(1, Math.ceil((hi - lo) / 8));
  for (let e = lo; e <= hi; e += xStep) {
    const x = sx(2 ** e).toFixed(1);
    out.push(`<line x1="${x}" y1="${M.top}" x2="${x}" y2="${M.top + plotH}" stroke="#eef0f3"/>`);
    out.push(`<text x="${x}" y="${M.top + plotH + 16}" text-anchor="middle" fill="#5f6b7a">${formatTokens(2 ** e)}</text>`);
  }
  for (let v = 0; v <= yMax; v += yMax / 5) {
    const y = sy(v).toFixed(1);
    out.push(`<line x1="${M.left}" y1="${y}" x2="${M.left + plotW}" y2="${y}" stroke="#eef0f3"/>`);
    out.push(`<text x="${M.left - 6}" y="${y}" dy="4" text-anchor="end" fill="#5f6b7a">${Number(v.toFixed(1))}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#9aa4b2"/>`);
  out.push(`<text x="${M.left + plotW / 2}" y="${H - 10}" text-anchor="middle">Average thinking tokens (log scale)</text>`);
  out.push(`<text transform="translate(16 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">Accuracy (%)</text>`);
  curves.forEach((curve, i) => {
    const color = COLORS[i % COLORS.length]!;
    const sorted = [...curve.points].sort((a, b) => a.thinkingTokens - b.thinkingTokens);
    const path = sorted.map((p, j) => `${j === 0 ? 'M' : 'L'}${sx(p.thinkingTokens).toFixed(1)},${sy(p.accuracy).toFixed(1)}`).join(' ');
    out.push(`<g class="curve" data-method="${escapeXml(curve.method)}">`);
    if (sorted.length > 1) out.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const p of sorted) {
      out.push(`<circle cx="${sx(p.thinkingTokens).toFixed(1)}" cy="${sy(p.accuracy).toFixed(1)}" r="4" fill="${color}"><title>${escapeXml(`${curve.method} ${p.label}: ${p.accuracy.toFixed(1)}% at ${Math.round(p.thinkingTokens)} tokens`)}</title></circle>`);
    }
    out.push('</g>');
    const ly = M.top + 10 + i * 20;
    out.push(`<line x1="${W - M.right + 14}" y1="${ly}" x2="${W - M.right + 34}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<text x="${W - M.right + 40}" y="${ly}" dy="4">${escapeXml(curve.method)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function formatTokens(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024}k` : String(n);
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
