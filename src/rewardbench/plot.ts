import type { ComparisonRow } from './leaderboard.js';
import { RB2_SUBSETS } from './types.js';

const PALETTE = ['#2557d6', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569', '#b45309'];

export interface PlotOptions {
  width?: number;
  height?: number;
  title?: string;
}

/**
 * A grouped bar chart of subset scores (percent) for several models, as a standalone SVG string:
 * one group per subset plus the average, one bar per model, a legend underneath.
 *
 * @example writeFileAtomic('subsets.svg', renderSubsetPlotSvg(rows))
 */
export function renderSubsetPlotSvg(rows: readonly ComparisonRow[], options: PlotOptions = {}): string {
  const width = options.width ?? 760;
  const legendRows = Math.ceil(rows.length / 2);
  const plotHeight = options.height ?? 300;
  const margin = { top: options.title ? 34 : 14, right: 12, bottom: 34 + legendRows * 18, left: 44 };
  const height = margin.top + plotHeight + margin.bottom;
  const groups = [...subsetNames(rows), 'Average'];
  const groupWidth = (width - margin.left - margin.right) / groups.length;
  const barWidth = Math.max(2, (groupWidth * 0.8) / Math.max(rows.length, 1));
  const y = (v: number): number => margin.top + plotHeight - (Math.max(0, Math.min(100, v)) / 100) * plotHeight;

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11" role="img" aria-label="${escapeXml(options.title ?? 'RewardBench 2 subset scores')}">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  if (options.title) parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="600">${escapeXml(options.title)}</text>`);
  for (let tick = 0; tick <= 100; tick += 20) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${y(tick) + 4}" text-anchor="end" fill="#5f6b7a">${tick}</text>`);
  }
  groups.forEach((group, g) => {
    const x0 = margin.left + g * groupWidth + groupWidth * 0.1;
    rows.forEach((row, m) => {
      const value = group === 'Average' ? row.average : (row.subsets[group] ?? null);
      if (value === null || value === undefined) return;
      const x = x0 + m * barWidth;
      parts.push(`<rect class="bar" x="${fmt(x)}" y="${fmt(y(value))}" width="${fmt(barWidth - 1)}" height="${fmt(y(0) - y(value))}" fill="${PALETTE[m % PALETTE.length]}"><title>${escapeXml(`${row.model} — ${group}: ${value.toFixed(1)}`)}</title></rect>`);
    });
    parts.push(`<text x="${fmt(margin.left + g * groupWidth + groupWidth / 2)}" y="${margin.top + plotHeight + 16}" text-anchor="middle">${escapeXml(group)}</text>`);
  });
  rows.forEach((row, m) => {
    const lx = margin.left + (m % 2) * ((width - margin.left) / 2);
    const ly = margin.top + plotHeight + 34 + Math.floor(m / 2) * 18;
    const label = `${row.model}${row.kind === 'published' ? ' (published)' : ''}`;
    parts.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${PALETTE[m % PALETTE.length]}"/><text x="${lx + 14}" y="${ly}">${escapeXml(label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** The six domains in paper order, then any other subsets the rows have. */
function subsetNames(rows: readonly ComparisonRow[]): string[] {
  const names: string[] = [...RB2_SUBSETS];
  for (const row of rows) for (const name of Object.keys(row.subsets)) if (!names.includes(name)) names.push(name);
  return names;
}

function fmt(n: number): string {
  return Number(n.toFixed(2)).toString();
}

/** Escapes text for SVG/XML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}
