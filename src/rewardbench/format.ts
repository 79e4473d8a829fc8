import type { CorrelationReport, CorrelationResult } from './correlate.js';
import type { ComparisonRow } from './leaderboard.js';
import type { Rb1Report } from './rb1.js';
import { RB2_SUBSETS } from './types.js';

/**
 * Plain-text tables for the terminal. Runs are marked ">", LLM judges "*" as in the paper.
 *
 * @example console.log(formatComparisonTable(compareWithPublished([reportToRow(report)])))
 */
export function formatComparisonTable(rows: readonly ComparisonRow[]): string {
  const subsets: string[] = [...RB2_SUBSETS];
  for (const row of rows) for (const name of Object.keys(row.subsets)) if (!subsets.includes(name)) subsets.push(name);
  const header = ['', 'Model', 'Avg', ...subsets];
  const body = rows.map((row) => [row.kind === 'run' ? '>' : '', `${row.model}${row.judge ? '*' : ''}`, num(row.average), ...subsets.map((s) => num(row.subsets[s] ?? null))]);
  return renderTable(header, body);
}

/** RewardBench 1 sections and subsets in percent. */
export function formatRb1Report(report: Rb1Report): string {
  const sections = Object.entries(report.sections).map(([name, s]) => ['section', name, num(s.score === null ? null : s.score * 100), '']);
  const subsets = Object.entries(report.subsets).map(([name, s]) => ['subset', name, num(s.accuracy * 100), String(s.rows)]);
  return `${renderTable(['', 'Name', 'Score', 'Rows'], [['', 'Overall', num(report.overall === null ? null : report.overall * 100), String(report.coverage.scored)], ...sections, ...subsets])}`;
}

/** Correlations with their bootstrap intervals and the paper's numbers beside them. */
export function formatCorrelation(report: CorrelationReport): string {
  const line = (name: string, c: CorrelationResult, paper?: number): string[] => [
    name,
    c.r === null ? '-' : c.r.toFixed(3),
    c.interval && c.interval.low !== null && c.interval.high !== null ? `[${c.interval.low.toFixed(3)}, ${c.interval.high.toFixed(3)}]` : '-',
    String(c.n),
    paper === undefined ? '' : paper.toFixed(2),
  ];
  const rows = [line('RB2 average vs BoN average', report.overall, report.paper.overall)];
  for (const [name, c] of Object.entries(report.bySubset)) rows.push(line(`${name} vs BoN average`, c, report.paper.bySubset[name]));
  for (const [name, c] of Object.entries(report.byTask)) rows.push(line(`RB2 average vs ${name}`, c));
  return renderTable(['Pair', 'Pearson r', '95% CI', 'n', 'Paper'], rows);
}

function num(value: number | null): string {
  return value === null ? '-' : value.toFixed(1);
}

function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => (i <= 1 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}
