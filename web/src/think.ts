import { api, h, renderNav, showError } from './common.js';

interface Template { name: string; thinkStart: string; thinkEnd: string; forcedAnswerPrefix: string }
interface Intervention { kind: 'extend' | 'force_answer'; tokenPosition: number; charOffset: number; round: number; text: string }
interface ThinkResult { thinking: string; answer: string; text: string; thinkingTokens: number; answerTokens: number; rounds: number; endedBy: 'model' | 'budget'; interventions: Intervention[]; budget: { maxThinking: number; minThinking: number | null } }
interface TextEvent { type: 'text'; phase: 'thinking' | 'intervention' | 'marker' | 'answer'; text: string }
interface Metrics { method: string; control: number | null; scaling: number | null; scalingPerDoubling: number | null; performance: number | null; settings: number }
interface Report { data: string; model: string; problems: number; complete: number; table: Metrics[]; curves: { method: string; points: { label: string; accuracy: number; thinkingTokens: number }[] }[]; parallel: { n: number; majority: number; coverage: number; thinkingTokens: number }[]; svg: string }
interface Config { templates: Record<string, Template>; methods: string[]; datasets: string[]; hasModel: boolean }

renderNav('/think.html');
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const value = (id: string): string => $<HTMLInputElement>(id).value.trim();
const optionalNumber = (id: string): number | undefined => (value(id) === '' ? undefined : Number(value(id)));
const thinkButton = $<HTMLButtonElement>('think');
const evalButton = $<HTMLButtonElement>('evaluate');
const templateSelect = $<HTMLSelectElement>('template');
let config: Config | null = null;

/** Template fields of the form: a built-in name, or the custom delimiters. */
function templateFields(): Record<string, unknown> {
  if (templateSelect.value !== 'custom') return { template: templateSelect.value };
  return { template: 'custom', thinkStart: value('think-start'), thinkEnd: value('think-end'), promptFormat: $<HTMLInputElement>('prompt-format').value };
}

async function loadConfig(): Promise<void> {
  config = await api<Config>('/api/think/templates');
  templateSelect.replaceChildren(...Object.keys(config.templates).map((n) => h('option', { value: n }, n)), h('option', { value: 'custom' }, 'custom'));
  $<HTMLSelectElement>('data').replaceChildren(...config.datasets.map((d) => h('option', { value: d }, d)));
  $('methods').replaceChildren(...config.methods.map((m) => h('label', {}, h('input', { type: 'checkbox', value: m, checked: m === 'bf' ? 'checked' : undefined, 'data-testid': `method-${m}` }), m)));
  if (!config.hasModel) {
    for (const b of [thinkButton, evalButton]) {
      b.disabled = true;
      b.title = 'Start the server with an LM backend (lmscope serve --backend ...)';
    }
    $('think-status').textContent = 'No language model on this server: start it with --backend to think and evaluate.';
  }
}

templateSelect.addEventListener('change', () => {
  $('custom').hidden = templateSelect.value !== 'custom';
});

/** Streams POST /api/think/stream, showing text as it arrives, then the annotated result. */
async function think(): Promise<void> {
  const out = $('think-result');
  const status = $('think-status');
  const box = h('div', { class: 'thought', 'data-testid': 'thought' });
  out.replaceChildren(box);
  const start = config?.templates[templateSelect.value]?.thinkStart ?? value('think-start');
  box.append(h('span', { class: 'marker' }, start));
  thinkButton.disabled = true;
  status.textContent = 'thinking…';
  try {
    const body = { ...templateFields(), question: $<HTMLTextAreaElement>('question').value, maxThinking: value('max-thinking') === 'auto' ? 'auto' : optionalNumber('max-thinking'), minThinking: optionalNumber('min-thinking'), wait: optionalNumber('wait'), extension: $<HTMLInputElement>('extension').value, maxAnswerTokens: optionalNumber('max-answer'), temperature: optionalNumber('temperature') };
    const response = await fetch('/api/think/stream', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok || !response.body) {
      const err = await response.json().catch(() => ({ error: { message: `HTTP ${response.status}` } }));
      throw new Error(err.error?.message ?? `HTTP ${response.status}`);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value: chunk, done } = await reader.read();
      if (done) break;
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line) as TextEvent | { type: 'result'; result: ThinkResult } | { type: 'error'; error: { message: string } };
        if (event.type === 'text') box.append(h('span', { class: event.phase === 'intervention' ? 'extend' : event.phase === 'marker' ? 'marker' : event.phase === 'answer' ? 'answer' : '' }, event.text));
        else if (event.type === 'error') throw new Error(event.error.message);
        else renderThought(out, start, event.result);
      }
    }
    status.textContent = '';
  } catch (error) {
    status.textContent = '';
    showError(out, error);
  } finally {
    thinkButton.disabled = !config?.hasModel;
  }
}

/** The final text with each intervention marked where it happened, plus the counts. */
function renderThought(out: HTMLElement, start: string, r: ThinkResult): void {
  const box = h('div', { class: 'thought', 'data-testid': 'thought' }, h('span', { class: 'marker' }, start));
  let at = 0;
  for (const i of r.interventions.filter((x) => x.kind === 'extend')) {
    box.append(r.thinking.slice(at, i.charOffset), h('span', { class: 'extend', title: `extension at token ${i.tokenPosition} (round ${i.round})`, 'data-testid': 'extend' }, i.text));
    at = i.charOffset + i.text.length;
  }
  box.append(r.thinking.slice(at));
  const forced = r.interventions.find((i) => i.kind === 'force_answer');
  const endBlock = r.text.slice(start.length + r.thinking.length, r.text.length - r.answer.length);
  box.append(forced ? h('span', { class: 'force', title: `budget reached at token ${forced.tokenPosition}`, 'data-testid': 'forced' }, endBlock) : h('span', { class: 'marker' }, endBlock));
  box.append(h('span', { class: 'answer' }, r.answer));
  const stats = h(
    'p',
    { class: 'stats muted', 'data-testid': 'think-stats' },
    h('span', {}, `thinking ${r.thinkingTokens} / ${r.budget.maxThinking} tokens`),
    h('span', {}, `${r.rounds} round(s)`),
    h('span', {}, `ended by ${r.endedBy}`),
    h('span', {}, `answer ${r.answerTokens} tokens`),
  );
  const rows = r.interventions.map((i) => h('tr', {}, h('td', {}, i.kind), h('td', {}, i.tokenPosition), h('td', {}, i.round), h('td', {}, JSON.stringify(i.text))));
  const table = rows.length ? h('table', { 'data-testid': 'interventions' }, h('tr', {}, h('th', {}, 'intervention'), h('th', {}, 'token'), h('th', {}, 'round'), h('th', {}, 'text')), ...rows) : h('p', { class: 'muted' }, 'No interventions: the model ended thinking within the budget.');
  out.replaceChildren(stats, box, table);
}

async function evaluate(): Promise<void> {
  const out = $('eval-result');
  const status = $('eval-status');
  const methods = [...document.querySelectorAll<HTMLInputElement>('#methods input:checked')].map((i) => i.value);
  evalButton.disabled = true;
  status.textContent = 'evaluating… (each setting runs every problem)';
  try {
    const body = { ...templateFields(), data: $<HTMLSelectElement>('data').value, limit: optionalNumber('limit'), methods, budgets: value('budgets') || undefined, waits: value('waits') || undefined, samples: optionalNumber('samples'), maxThinking: optionalNumber('max-thinking'), extension: $<HTMLInputElement>('extension').value, maxAnswerTokens: optionalNumber('max-answer') };
    renderReport(out, await api<Report>('/api/think/eval', body));
    status.textContent = '';
  } catch (error) {
    status.textContent = '';
    showError(out, error);
  } finally {
    evalButton.disabled = !config?.hasModel;
  }
}

/** Control/Scaling/Performance per method, the points, and the plot. */
function renderReport(out: HTMLElement, report: Report): void {
  const fmt = (v: number | null, digits: number, scale = 1): string => (v === null ? '–' : (v * scale).toFixed(digits));
  const head = h('tr', {}, ...['method', 'control', 'scaling /1k tok', 'scaling /doubling', 'perf. %', '|A|'].map((t) => h('th', {}, t)));
  const rows = report.table.map((m) => h('tr', {}, h('td', {}, m.method), h('td', {}, m.control === null ? '–' : `${(100 * m.control).toFixed(0)}%`), h('td', {}, fmt(m.scaling, 2, 1000)), h('td', {}, fmt(m.scalingPerDoubling, 1)), h('td', {}, fmt(m.performance, 1)), h('td', {}, m.settings)));
  const points = report.curves.map((c) => h('p', { class: 'muted' }, `${c.method}: ${c.points.map((p) => `${p.label} ${p.accuracy.toFixed(1)}% @ ${Math.round(p.thinkingTokens)} tok`).join(' · ')}`));
  const parallel = report.parallel.map((r) => h('p', { class: 'muted' }, `n=${r.n}: maj@n ${r.majority.toFixed(1)}%, cov@n ${r.coverage.toFixed(1)}%`));
  const plot = h('div', { class: 'plot', 'data-testid': 'plot' });
  const svg = new DOMParser().parseFromString(report.svg, 'image/svg+xml').documentElement;
  if (svg.nodeName === 'svg') plot.append(document.importNode(svg, true));
  out.replaceChildren(h('p', {}, `${report.data}: ${report.complete}/${report.problems} problems · ${report.model}`), h('div', { style: { overflowX: 'auto' } }, h('table', { 'data-testid': 'metrics' }, head, ...rows)), ...points, ...parallel, plot);
}

$<HTMLInputElement>('report-file').addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  try {
    renderReport($('eval-result'), JSON.parse(await file.text()) as Report);
  } catch (error) {
    showError($('eval-result'), error);
  }
});
thinkButton.addEventListener('click', () => void think());
evalButton.addEventListener('click', () => void evaluate());
loadConfig().catch((error) => showError($('think-result'), error));
