import { api, h, renderNav, showError } from './common.js';

interface NtdEntry { token: number; text: string; count: number; prob: number }
interface Doc { docIx: number; text: string; needleOffset: number | null; needleLength: number; tokenIds: number[]; metadata: unknown }

renderNav('/search.html');
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const index = $<HTMLSelectElement>('index');
const kind = $<HTMLSelectElement>('kind');
const query = $<HTMLInputElement>('query');
const out = $('out');

function table(rows: NtdEntry[], total: number): HTMLElement {
  const max = Math.max(...rows.map((r) => r.count), 1);
  return h(
    'table',
    {},
    h('tr', {}, h('th', {}, 'next token'), h('th', {}, 'count'), h('th', {}, 'probability'), h('th', {}, '')),
    ...rows.slice(0, 50).map((r) => h('tr', {}, h('td', {}, h('code', {}, JSON.stringify(r.text))), h('td', {}, r.count), h('td', {}, r.prob.toFixed(4)), h('td', {}, h('span', { class: 'bar', style: { width: `${(200 * r.count) / max}px` } })))),
    h('tr', {}, h('td', { class: 'muted' }, `${rows.length} distinct`), h('td', { class: 'muted' }, total), h('td', {}), h('td', {})),
  );
}

async function run(): Promise<void> {
  out.replaceChildren(h('div', { class: 'status' }, 'Running…'));
  const k = kind.value;
  const body: Record<string, unknown> = { index: index.value || undefined };
  if (k === 'doc') body.docIx = Number(query.value);
  else if (k === 'search') body.cnf = query.value;
  else if (k !== 'info') body.query = query.value;
  try {
    const r = await api<Record<string, unknown>>(`/api/index/${k}`, body);
    if (k === 'count') out.replaceChildren(h('p', { 'data-testid': 'count' }, h('strong', {}, String(r.count)), ` occurrences · tokens ${JSON.stringify(r.tokenIds)} · ${r.latencyMs} ms`));
    else if (k === 'ntd' || k === 'infgram-ntd') out.replaceChildren(r.suffixLength !== undefined ? h('p', { class: 'muted' }, `longest occurring suffix: ${r.suffixLength} tokens`) : '', r.approx ? h('p', { class: 'muted' }, 'sampled (approximate counts)') : '', table(r.distribution as NtdEntry[], r.promptCount as number));
    else if (k === 'search' || k === 'doc') {
      const docs = k === 'doc' ? [r as unknown as Doc] : (r.documents as Doc[]);
      out.replaceChildren(k === 'search' ? h('p', {}, `${r.count} matches${r.approx ? ' (approximate)' : ''}`) : '', ...docs.map((d) => h('div', { class: 'card' }, h('div', { class: 'muted' }, `document #${d.docIx} ${JSON.stringify((d.metadata as { metadata?: unknown })?.metadata ?? {})}`), h('pre', {}, d.text))));
    } else out.replaceChildren(h('pre', {}, JSON.stringify(r, null, 2)));
  } catch (error) {
    showError(out, error);
  }
}

async function init(): Promise<void> {
  try {
    const r = await api<{ indexes: string[] }>('/api/index');
    index.replaceChildren(...r.indexes.map((n) => h('option', { value: n }, n)));
  } catch (error) {
    showError(out, error);
  }
}
$('run').addEventListener('click', () => void run());
query.addEventListener('keydown', (e) => e.key === 'Enter' && void run());
void init();
