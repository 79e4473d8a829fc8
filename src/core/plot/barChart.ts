/** One bar: a label, a value, and an optional note printed after the value (e.g. "n=124"). */
export interface Bar {
  label: string;
  value: number;
  note?: string;
}

/** A panel of horizontal bars. */
export interface BarChartSpec {
  title: string;
  bars: Bar[];
  /** The value a full-width bar stands for (default: the largest value, or 1). */
  max?: number;
  /** How values print (default: as a percentage of 1, "42.0%"). */
  format?: (value: number) => string;
}

export interface BarChartLayout {
  width?: number;
  labelWidth?: number;
}

const ROW = 22;
const TITLE = 30;
const GAP = 18;

/** Escapes text for SVG/XML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Renders panels of horizontal bar charts, stacked, as one self-contained SVG document (no
 * scripts, no external fonts), readable in a browser or embedded in a report.
 * @example renderBarCharts([{ title: 'Accuracy by level', bars: [{ label: 'Level 1', value: 0.9 }] }])
 */
export function renderBarCharts(charts: BarChartSpec[], layout: BarChartLayout = {}): string {
  const width = layout.width ?? 640;
  const labelWidth = layout.labelWidth ?? 190;
  const valueWidth = 120;
  const barSpace = Math.max(60, width - labelWidth - valueWidth - 20);
  const parts: string[] = [];
  let y = 0;
  for (const chart of charts) {
    const format = chart.format ?? ((v: number) => `${(v * 100).toFixed(1)}%`);
    const max = chart.max ?? Math.max(1e-12, ...chart.bars.map((b) => b.value), chart.bars.length ? 0 : 1);
    parts.push(`<text x="10" y="${y + 20}" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`);
    y += TITLE;
    for (const bar of chart.bars) {
      const valid = Number.isFinite(bar.value);
      const w = valid ? Math.max(0, Math.min(1, bar.value / max)) * barSpace : 0;
      parts.push(
        `<text x="${labelWidth}" y="${y + 15}" font-size="12" text-anchor="end">${escapeXml(bar.label)}</text>`,
        `<rect x="${labelWidth + 8}" y="${y + 3}" width="${barSpace}" height="${ROW - 6}" fill="#eef1f5"/>`,
        `<rect x="${labelWidth + 8}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="#3b6ea8"/>`,
        `<text x="${labelWidth + 14 + barSpace}" y="${y + 15}" font-size="12">${escapeXml(valid ? format(bar.value) : 'n/a')}${bar.note ? ` ${escapeXml(bar.note)}` : ''}</text>`,
      );
      y += ROW;
    }
    y += GAP;
  }
  const height = Math.max(y, 40);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
