import { api, downloadJson, h, renderNav, showError } from './common.js';

type Bucket = 'high' | 'medium' | 'low';
interface Span { id: number; charStart: number; charEnd: number; text: string; count: number; unigramLogprobSum: number; bucket: Bucket; relevance: number; documentIds: number[] }
interface Highlight { id: number; charStart: number; charEnd: number; text: string; bucket: Bucket; nestedSpans: Span[] }
interface TextWithMatch { before: string; match: string; after: string }
interface Doc { id: number; docIx: number; source: string | null; title: string | null; url: string | null; spanIds: number[]; spanTexts: string[]; snippets: (TextWithMatch & { spanId: number })[]; context: TextWithMatch; relevance: number; bucket: Bucket; duplicates: { docIx: number }[] }
interface TraceResult { spans: Span[]; highlights: Highlight[]; documents: Doc[]; responseTokens: number; timingsMs: { total: number }; cached?: boolean }
interface Config { indexes: string[]; canGenerate: boolean; sample: { prompt: string; response: string } }

renderNav('/trace.html');
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const indexSelect = $<HTMLSelectElement>('index');
const promptBox = $<HTMLTextAreaElement>('prompt');
const responseBox = $<HTMLTextAreaElement>('response');
const traceButton = $<HTMLButtonElement>('trace');
const generateButton = $<HTMLButtonElement>('generate');
const exportButton = $<HTMLButtonElement>('export');
const status = $('status');
const resultBox = $('result');
const docsBox = $('documents');
const filterNote = $('filter');

let current: { result: TraceResult; response: string } | null = null;
let selectedSpans: Set<number> | null = null;

function withMark(t: TextWithMatch): HTMLElement {
  return h('div', { class: 'snippet' }, `…${t.before}`, h('mark', {}, t.match), `${t.after}…`);
}

function renderResponse(): void {
  if (!current) return;
  const { result, response } = current;
  const box = h('div', { class: 'traced', 'data-testid': 'traced' });
  let at = 0;
  for (const hl of result.highlights) {
    if (hl.charStart > at) box.append(response.slice(at, hl.charStart));
    const ids = hl.nestedSpans.map((s) => s.id);
    const counts = hl.nestedSpans.map((s) => `"${s.text.trim()}" occurs ${s.count}×`).join('\n');
    const isSelected = selectedSpans !== null && ids.some((i) => selectedSpans!.has(i));
    const span = h(
      'span',
      { class: `hl ${hl.bucket}${isSelected ? ' selected' : ''}`, title: counts, 'data-testid': 'highlight', 'data-span-ids': ids.join(','), onclick: () => selectSpans(ids) },
      response.slice(hl.charStart, hl.charEnd),
      h('sup', {}, String(Math.max(...hl.nestedSpans.map((s) => s.count)))),
    );
    box.append(span);
    at = hl.charEnd;
  }
  if (at < response.length) box.append(response.slice(at));
  const summary = h('p', { class: 'muted', 'data-testid': 'summary' }, `${result.spans.length} span(s) in ${result.documents.length} document(s) · ${result.responseTokens} tokens · ${result.timingsMs.total} ms${result.cached ? ' (cached)' : ''}`);
  resultBox.replaceChildren(summary, box);
}

function renderDocuments(): void {
  if (!current) return;
  const docs = current.result.documents.filter((d) => selectedSpans === null || d.spanIds.some((s) => selectedSpans!.has(s)));
  filterNote.replaceChildren();
  if (selectedSpans !== null) {
    filterNote.append(`Showing ${docs.length} document(s) for the selected span. `, h('a', { href: '#', 'data-testid': 'show-all', onclick: (e: Event) => (e.preventDefault(), selectSpans(null)) }, 'Show all'));
  }
  docsBox.replaceChildren(
    ...docs.map((d) => {
      const snippets = d.snippets.filter((s) => selectedSpans === null || selectedSpans.has(s.spanId));
      return h(
        'div',
        { class: 'card', 'data-testid': 'doc-card', 'data-doc-ix': d.docIx, onclick: () => openDocument(d) },
        h('div', { class: 'row', style: { margin: '0', justifyContent: 'space-between' } }, h('strong', {}, d.title ?? d.source ?? `Document ${d.docIx}`), h('span', { class: `badge ${d.bucket}`, 'data-testid': 'bucket' }, `${d.bucket} relevance`)),
        d.url ? h('div', { class: 'muted' }, h('a', { href: d.url, target: '_blank', rel: 'noopener' }, d.url)) : null,
        h('div', { class: 'muted' }, `${d.title && d.source ? `${d.source} · ` : ''}document #${d.docIx} · ${d.spanIds.length} span(s)${d.duplicates.length ? ` · ${d.duplicates.length} more with the same URL` : ''}`),
        ...snippets.slice(0, 2).map(withMark),
      );
    }),
  );
}

function selectSpans(ids: number[] | null): void {
  selectedSpans = ids === null ? null : new Set(ids);
  renderResponse();
  renderDocuments();
}

function openDocument(d: Doc): void {
  const close = () => back.remove();
  const back = h(
    'div',
    { class: 'modal-back', onclick: (e: Event) => e.target === back && close() },
    h(
      'div',
      { class: 'modal', role: 'dialog', 'data-testid': 'doc-modal' },
      h('div', { class: 'row', style: { justifyContent: 'space-between' } }, h('strong', {}, d.title ?? d.source ?? `Document ${d.docIx}`), h('button', { class: 'secondary', onclick: close, 'data-testid': 'close-modal' }, 'Close')),
      h('div', { class: 'muted' }, `Spans: ${d.spanTexts.map((t) => `"${t.trim()}"`).join(', ')}`),
      h('pre', { 'data-testid': 'doc-context' }, d.context.before, h('mark', {}, d.context.match), d.context.after),
    ),
  );
  document.body.append(back);
}

async function runTrace(): Promise<void> {
  const response = responseBox.value;
  if (!response.trim()) {
    showError(resultBox, new Error('Paste a response to trace.'));
    return;
  }
  traceButton.disabled = true;
  status.textContent = 'Tracing…';
  docsBox.replaceChildren();
  filterNote.replaceChildren();
  selectedSpans = null;
  try {
    const result = await api<TraceResult>('/api/trace', { index: indexSelect.value || undefined, prompt: promptBox.value, response });
    current = { result, response };
    exportButton.disabled = false;
    status.textContent = result.spans.length === 0 ? 'No verbatim spans found in this index.' : '';
    status.dataset.state = result.spans.length === 0 ? 'empty' : 'done';
    renderResponse();
    renderDocuments();
  } catch (error) {
    current = null;
    exportButton.disabled = true;
    status.textContent = '';
    status.dataset.state = 'error';
    showError(resultBox, error);
  } finally {
    traceButton.disabled = false;
  }
}

async function generate(): Promise<void> {
  generateButton.disabled = true;
  status.textContent = 'Generating…';
  try {
    const out = await api<{ response: string }>('/api/trace/generate', { prompt: promptBox.value });
    responseBox.value = out.response;
    status.textContent = '';
  } catch (error) {
    showError(resultBox, error);
    status.textContent = '';
  } finally {
    generateButton.disabled = false;
  }
}

async function init(): Promise<void> {
  try {
    const config = await api<Config>('/api/trace/config');
    indexSelect.replaceChildren(...config.indexes.map((n) => h('option', { value: n }, n)));
    promptBox.value = config.sample.prompt;
    responseBox.value = config.sample.response;
    generateButton.disabled = !config.canGenerate;
    if (config.indexes.length === 0) status.textContent = 'The server has no index: start it with --index DIR.';
    // Open with the sample already traced, unless the URL says ?auto=0.
    else if (new URLSearchParams(location.search).get('auto') !== '0') await runTrace();
  } catch (error) {
    showError(resultBox, error);
  }
}

traceButton.addEventListener('click', () => void runTrace());
generateButton.addEventListener('click', () => void generate());
exportButton.addEventListener('click', () => current && downloadJson('trace.json', { prompt: promptBox.value, response: current.response, ...current.result }));
void init();
