import { api, downloadJson, h, renderNav, showError } from './common.js';

/** The shapes of /api/rewardbench answers this page reads (see src/rewardbench). */
interface SubsetResult { score: number | null; rows: number }
interface Report { model: string | null; overall: number | null; subsets: Record<string, SubsetResult>; coverage: { rows: number; scored: number; missing: number }; warnings: string[] }
interface ComparisonRow { model: string; kind: 'run' | 'published'; judge: boolean; average: number | null; subsets: Record<string, number | null> }
interface Completion { text: string; correct: boolean; score: number | null; top: boolean }
interface Instance { id: string; subset: string; prompt: string; completions: Completion[]; result: number | null; accurate: boolean | null }
interface InstancePage { total: number; offset: number; items: Instance[]; subsets: string[] }

const SUBSETS = ['Factuality', 'Precise IF', 'Math', 'Safety', 'Focus', 'Ties'];
const PAGE_SIZE = 10;
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const value = (id: string): string => $<HTMLInputElement>(id).value.trim();

let report: Report | undefined;
let offset = 0;

const percent = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : (x * 100).toFixed(1));
const cell = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : x.toFixed(1));

function setStatus(text: string): void {
  $('status').textContent = text;
}

/** Scores the files, then fills the summary, the comparison, the plot and the first page of instances. */
async function scoreRun(): Promise<void> {
  $('error').replaceChildren();
  const data = value('data');
  const scores = value('scores');
  if (!data || !scores) return showError($('error'), new Error('Give the dataset file and the scores file (paths on the server).'));
  setStatus('Scoring…');
  try {
    report = await api<Report>('/api/rewardbench/score', { data, scores, name: value('name') || undefined, rule: value('rule'), allowMissing: $<HTMLInputElement>('allow-missing').checked });
    renderSummary(report);
    const runs = value('runs').split('\n').map((s) => s.trim()).filter(Boolean);
    const comparison = await api<{ rows: ComparisonRow[]; svg: string }>('/api/rewardbench/report', { reports: [report], results: runs });
    renderComparison(comparison.rows);
    renderPlot(comparison.svg);
    $('results').hidden = false;
    offset = 0;
    await loadInstances(true);
    setStatus(`Scored ${report.coverage.scored} of ${report.coverage.rows} rows.`);
  } catch (error) {
    setStatus('');
    showError($('error'), error);
  }
}

function renderSummary(r: Report): void {
  $('overall').textContent = r.overall === null ? 'overall: –' : `overall ${percent(r.overall)}`;
  $('coverage').textContent = `${r.coverage.scored}/${r.coverage.rows} rows scored${r.model ? ` · ${r.model}` : ''}`;
  $('subset-rows').replaceChildren(
    ...Object.entries(r.subsets).map(([name, s]) => h('tr', { 'data-subset': name }, h('td', {}, name), h('td', { class: 'num' }, s.rows), h('td', { class: 'num' }, percent(s.score)))),
  );
  $('warnings').replaceChildren(...r.warnings.map((w) => h('li', {}, w)));
}

function renderComparison(rows: ComparisonRow[]): void {
  $('comparison-head').replaceChildren(h('tr', {}, h('th', {}, 'Model'), h('th', { class: 'num' }, 'Avg'), ...SUBSETS.map((s) => h('th', { class: 'num' }, s))));
  $('comparison-rows').replaceChildren(
    ...rows.map((row) => h('tr', { class: row.kind === 'run' ? 'run' : undefined }, h('td', {}, `${row.model}${row.judge ? '*' : ''}`), h('td', { class: 'num' }, cell(row.average)), ...SUBSETS.map((s) => h('td', { class: 'num' }, cell(row.subsets[s]))))),
  );
}

/** The server draws the SVG (escaped); parse it as SVG rather than HTML so nothing else runs. */
function renderPlot(svg: string): void {
  const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  $('plot').replaceChildren(document.importNode(parsed, true));
}

async function loadInstances(fillSubsets = false): Promise<void> {
  const page = await api<InstancePage>('/api/rewardbench/instances', {
    data: value('data'),
    scores: value('scores'),
    rule: value('rule'),
    subset: value('subset') || undefined,
    filter: value('filter'),
    search: value('search') || undefined,
    offset,
    limit: PAGE_SIZE,
  });
  if (fillSubsets) $('subset').replaceChildren(h('option', { value: '' }, 'all'), ...page.subsets.map((s) => h('option', { value: s }, s)));
  $('browser').hidden = false;
  $('page-info').textContent = page.total === 0 ? 'no instances' : `${page.offset + 1}–${page.offset + page.items.length} of ${page.total}`;
  $<HTMLButtonElement>('prev').disabled = page.offset === 0;
  $<HTMLButtonElement>('next').disabled = page.offset + page.items.length >= page.total;
  $('instances').replaceChildren(...page.items.map(renderInstance));
}

function resultBadge(item: Instance): HTMLElement {
  if (item.result === null) {
    const text = item.accurate === null ? 'no scores' : item.accurate ? 'all correct above incorrect' : 'an incorrect one ranks high';
    return h('span', { class: `badge ${item.accurate === null ? '' : item.accurate ? 'result-right' : 'result-wrong'}`, 'data-testid': 'result' }, text);
  }
  const kind = item.result === 1 ? 'result-right' : item.result === 0 ? 'result-wrong' : 'result-partial';
  return h('span', { class: `badge ${kind}`, 'data-testid': 'result' }, `result ${Number(item.result.toFixed(3))}`);
}

function renderInstance(item: Instance): HTMLElement {
  return h(
    'article',
    { class: 'card instance', 'data-id': item.id },
    h('header', {}, h('strong', {}, item.id), h('span', { class: 'badge' }, item.subset), resultBadge(item)),
    h('pre', { class: 'prompt' }, item.prompt),
    ...item.completions.map((c, i) =>
      h(
        'div',
        { class: `completion${c.correct ? ' correct' : ''}${c.top ? ' top' : ''}`, 'data-testid': 'completion' },
        h('div', { class: 'meta' }, h('span', {}, `#${i + 1}`), h('span', {}, c.correct ? 'correct' : 'incorrect'), h('span', { class: 'score' }, c.score === null ? 'no score' : `score ${c.score}`), c.top ? h('span', {}, 'highest') : null),
        h('pre', {}, c.text),
      ),
    ),
  );
}

function reload(): void {
  offset = 0;
  loadInstances().catch((error) => showError($('error'), error));
}

renderNav('/rewardbench.html');
$('score').addEventListener('click', () => void scoreRun());
$('download').addEventListener('click', () => report && downloadJson(`rewardbench-${report.model ?? 'report'}.json`, report));
$('subset').addEventListener('change', reload);
$('filter').addEventListener('change', reload);
$('search').addEventListener('change', reload);
$('prev').addEventListener('click', () => {
  offset = Math.max(0, offset - PAGE_SIZE);
  loadInstances().catch((error) => showError($('error'), error));
});
$('next').addEventListener('click', () => {
  offset += PAGE_SIZE;
  loadInstances().catch((error) => showError($('error'), error));
});
const params = new URLSearchParams(location.search);
for (const field of ['data', 'scores', 'name']) if (params.get(field)) $<HTMLInputElement>(field).value = params.get(field) as string;
if (params.get('data') && params.get('scores')) void scoreRun();
