import type { SweepReport } from './analysis.js';

export interface SweepPlotOptions {
  width?: number;
  height?: number;
  title?: string;
}

const escapeXml = (s: string): string => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/**
 * An SVG of a τ sweep: profile size (steps, left axis) and the pooled rate on the profile's
 * instances (line, right axis) against τ. Self-contained, no fonts or scripts.
 */
export function renderSweepSvg(report: SweepReport, options: SweepPlotOptions = {}): string {
  const width = options.width ?? 720;
  const height = options.height ?? 400;
  const margin = { left: 56, right: 56, top: 36, bottom: 44 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  // One point per end of each profile's τ range, in τ order.
  const points = report.profiles.flatMap((p) => [
    { tau: p.tauFirst, size: p.size, rate: p.rate },
    { tau: p.tauLast, size: p.size, rate: p.rate },
  ]);
  points.sort((a, b) => a.tau - b.tau);
  const taus = points.map((p) => p.tau);
  const tauMin = taus.length ? Math.min(...taus) : 0;
  const tauMax = taus.length ? Math.max(...taus, tauMin + 1e-9) : 1;
  const maxSize = Math.max(1, ...points.map((p) => p.size));
  const x = (tau: number): number => margin.left + ((tau - tauMin) / (tauMax - tauMin || 1)) * plotW;
  const ySize = (size: number): number => margin.top + plotH - (size / maxSize) * plotH;
  const yRate = (rate: number): number => margin.top + plotH - rate * plotH;
  const fmt = (v: number): string => v.toFixed(2);
  const sizePath = points.map((p, i) => `${i ? 'L' : 'M'}${fmt(x(p.tau))},${fmt(ySize(p.size))}`).join(' ');
  const ratePath = points.map((p, i) => `${i ? 'L' : 'M'}${fmt(x(p.tau))},${fmt(yRate(p.rate))}`).join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const axisText = (tx: number, ty: number, text: string, anchor = 'middle'): string => `<text x="${fmt(tx)}" y="${fmt(ty)}" text-anchor="${anchor}" font-size="11" fill="#333">${escapeXml(text)}</text>`;
  const title = options.title ?? `Weakness profiles by threshold (alpha ${report.alpha}, ${report.direction})`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    axisText(width / 2, 20, title),
    `<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    ...ticks.map((t) => axisText(x(tauMin + t * (tauMax - tauMin)), height - margin.bottom + 16, (tauMin + t * (tauMax - tauMin)).toFixed(3))),
    ...ticks.map((t) => axisText(margin.left - 6, ySize(t * maxSize) + 4, String(Math.round(t * maxSize)), 'end')),
    ...ticks.map((t) => axisText(width - margin.right + 6, yRate(t) + 4, t.toFixed(2), 'start')),
    axisText(width / 2, height - 8, 'threshold τ'),
    axisText(14, margin.top + plotH / 2, 'size'),
    axisText(width - 14, margin.top + plotH / 2, 'rate'),
    points.length ? `<path d="${sizePath}" fill="none" stroke="#1f5fa8" stroke-width="2"/>` : '',
    points.length ? `<path d="${ratePath}" fill="none" stroke="#c0392b" stroke-width="1.5" stroke-dasharray="4 3"/>` : '',
    '</svg>',
  ].join('\n');
}
