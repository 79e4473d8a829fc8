/** EvalTree explorer: the capability tree with per-node rates, intervals and weakness profiles of one or two models. */
import { api, downloadJson, h, renderNav, showError } from './common.js';

interface ExplorerNode {
  id: number;
  parent: number;
  depth: number;
  description: string;
  size: number;
  children: number[];
  instance: number;
  leafStart: number;
  leafEnd: number;
}

interface ExplorerModel {
  name: string;
  kind: 'accuracy' | 'win-rate';
  successes: number[];
  trials: number[];
  lower: (number | null)[];
  upper: (number | null)[];
  profile: number[];
  instanceSuccesses: number[];
}

interface ExplorerView {
  alpha: number;
  tau: number;
  direction: 'lower' | 'higher';
  minChildSize: number;
  nodes: ExplorerNode[];
  leaves: number[];
  models: ExplorerModel[];
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const treeEl = $('tree');
const errorEl = $('error');
const statusEl = $('status');
const modelASelect = $<HTMLSelectElement>('model-a');
const modelBSelect = $<HTMLSelectElement>('model-b');

let view: ExplorerView | null = null;
let modelA = 0;
let modelB = -1;
let selected = -1;
let hits = new Set<number>();
const expanded = new Set<number>([0]);
let profileSets: Set<number>[] = [];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const rateOf = (m: ExplorerModel, id: number) => (m.trials[id] ? m.successes[id]! / m.trials[id]! : NaN);
// Red (0) through yellow to green (1).
const colourOf = (rate: number) => (Number.isNaN(rate) ? '#eee' : `hsl(${Math.round(rate * 120)}, ${rate > 0.5 ? 60 : 75}%, ${rate > 0.5 ? 82 : 85}%)`);

function intervalText(m: ExplorerModel, id: number): string {
  const lo = m.lower[id];
  const hi = m.upper[id];
  const ci = lo === null || hi === null || lo === undefined || hi === undefined ? 'no interval (under 5 instances)' : `${Math.round((1 - view!.alpha) * 100)}% CI [${pct(lo)}, ${pct(hi)}]`;
  return `${m.name}: ${pct(rateOf(m, id))} (${m.successes[id]}/${m.trials[id]}), ${ci}`;
}

function rateBadge(m: ExplorerModel, id: number, which: 'a' | 'b') {
  const rate = rateOf(m, id);
  return h('span', { class: `rate ${which}`, style: { background: colourOf(rate) }, title: intervalText(m, id), 'data-testid': `rate-${which}-${id}` }, pct(rate));
}

/** One node: its row, and its children when expanded (built only then: trees have thousands of nodes). */
function renderNode(id: number): HTMLElement {
  const v = view!;
  const node = v.nodes[id]!;
  const a = v.models[modelA]!;
  const b = modelB >= 0 ? v.models[modelB] : undefined;
  const isOpen = expanded.has(id);
  const classes = ['node-row', profileSets[modelA]?.has(id) ? 'weak-a' : '', b && profileSets[modelB]?.has(id) ? 'weak-b' : '', id === selected ? 'selected' : '', hits.has(id) ? 'hit' : ''];
  const row = h(
    'div',
    { class: classes.filter(Boolean).join(' '), 'data-testid': `node-${id}`, 'data-node': id },
    h('button', { class: 'toggle', disabled: node.children.length === 0, 'data-testid': `toggle-${id}`, 'aria-label': isOpen ? 'collapse' : 'expand', onclick: () => toggle(id) }, node.children.length === 0 ? '·' : isOpen ? '▾' : '▸'),
    rateBadge(a, id, 'a'),
    b ? rateBadge(b, id, 'b') : null,
    h('span', { class: 'size' }, node.instance >= 0 ? `#${node.instance}` : `n=${node.size}`),
    profileSets[modelA]?.has(id) ? h('span', { class: 'weak-tag', 'data-testid': 'weak-tag' }, 'weakness') : null,
    h('span', { class: 'desc', onclick: () => select(id) }, node.description || '(no description)'),
  );
  const wrapper = h('div', { class: 'node' }, row);
  if (isOpen && node.children.length) wrapper.append(h('div', { class: 'children' }, ...node.children.map(renderNode)));
  return wrapper;
}

function renderTree(): void {
  if (!view) return;
  treeEl.replaceChildren(renderNode(0));
}

function toggle(id: number): void {
  if (expanded.has(id)) expanded.delete(id);
  else expanded.add(id);
  renderTree();
}

/** Expands the path to a node, selects it and scrolls it into view. */
function reveal(id: number): void {
  for (let p = view!.nodes[id]!.parent; p >= 0; p = view!.nodes[p]!.parent) expanded.add(p);
  select(id);
  treeEl.querySelector(`[data-node="${id}"]`)?.scrollIntoView({ block: 'center' });
}

function select(id: number): void {
  selected = id;
  renderTree();
  renderDetails();
}

function renderDetails(): void {
  const v = view!;
  const details = $('details');
  if (selected < 0) return;
  const node = v.nodes[selected]!;
  const shown = [modelA, ...(modelB >= 0 ? [modelB] : [])].map((i) => v.models[i]!);
  const instances = v.leaves.slice(node.leafStart, node.leafEnd);
  const a = v.models[modelA]!;
  const parts: (HTMLElement | null)[] = [
    h('h2', {}, node.description || '(no description)'),
    h('div', { class: 'muted' }, `${node.size} instance(s), depth ${node.depth}${node.instance >= 0 ? `, instance #${node.instance}` : ''}`),
    h('ul', {}, ...shown.map((m, i) => h('li', { 'data-testid': `detail-model-${i}` }, intervalText(m, selected), profileSets[v.models.indexOf(m)]?.has(selected) ? ' — in the weakness profile' : ''))),
    node.children.length
      ? h('table', {}, h('tr', {}, h('th', {}, 'n'), ...shown.map((m) => h('th', {}, m.name)), h('th', {}, 'child capability')), ...node.children.map((c) => h('tr', {}, h('td', {}, String(v.nodes[c]!.size)), ...shown.map((m) => h('td', {}, pct(rateOf(m, c)))), h('td', {}, h('a', { href: '#', onclick: (e: Event) => (e.preventDefault(), reveal(c)) }, v.nodes[c]!.description)))))
      : null,
    h('h2', {}, `Instances${instances.length > 300 ? ' (first 300)' : ''}`),
    h('div', { class: 'instances', 'data-testid': 'instances' }, ...instances.slice(0, 300).map((i) => h('span', { class: a.instanceSuccesses[i]! * (a.kind === 'win-rate' ? 1 : 2) >= 2 ? 'ok' : 'fail', title: shown.map((m) => `${m.name}: ${m.instanceSuccesses[i]}/${m.kind === 'win-rate' ? 2 : 1}`).join('\n') }, String(i)))),
  ];
  details.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}

function renderProfile(): void {
  const v = view!;
  const lists = [modelA, ...(modelB >= 0 ? [modelB] : [])].map((i) => {
    const m = v.models[i]!;
    return h(
      'div',
      {},
      h('h2', {}, `Weakness profile of ${m.name}`),
      h('div', { class: 'muted' }, `${m.profile.length} capabilities with upper bound below τ = ${v.tau} (α = ${v.alpha}, children of ≥ ${v.minChildSize} also below)`),
      h('ol', { class: 'results', 'data-testid': `profile-${i === modelA ? 'a' : 'b'}` }, ...m.profile.map((id) => h('li', { onclick: () => reveal(id) }, `${v.nodes[id]!.description} `, h('span', { class: 'muted' }, `(${pct(rateOf(m, id))}, n=${v.nodes[id]!.size})`)))),
    );
  });
  $('profile').replaceChildren(...lists);
}

/** BM25 over node descriptions: enough to find a capability among thousands. */
function search(query: string): void {
  const target = $('search-results');
  hits = new Set();
  const terms = tokenize(query);
  if (!view || terms.length === 0) {
    target.replaceChildren();
    renderTree();
    return;
  }
  const docs = view.nodes.map((n) => tokenize(n.description));
  const averageLength = docs.reduce((s, d) => s + d.length, 0) / docs.length || 1;
  const documentFrequency = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
  const scored = docs.map((d, id) => {
    let score = 0;
    for (const t of terms) {
      const tf = d.filter((w) => w === t).length;
      if (!tf) continue;
      const df = documentFrequency.get(t) ?? 0;
      const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
      score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.length) / averageLength));
    }
    return { id, score };
  });
  const top = scored.filter((s) => s.score > 0).sort((x, y) => y.score - x.score || view!.nodes[y.id]!.size - view!.nodes[x.id]!.size).slice(0, 10);
  hits = new Set(top.map((s) => s.id));
  target.replaceChildren(
    top.length
      ? h('ol', { class: 'results', 'data-testid': 'search-results' }, ...top.map((s) => h('li', { onclick: () => reveal(s.id) }, view!.nodes[s.id]!.description, h('span', { class: 'muted' }, ` (n=${view!.nodes[s.id]!.size})`))))
      : h('div', { class: 'muted', 'data-testid': 'search-results' }, 'no capability matches'),
  );
  renderTree();
}

function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 1 && !['and', 'the', 'of', 'to', 'in', 'for', 'with', 'using', 'by', 'an'].includes(w)).map((w) => w.replace(/(ing|ies|es|s)$/, ''));
}

function fillModelSelects(): void {
  const models = view!.models;
  modelASelect.replaceChildren(...models.map((m, i) => h('option', { value: i }, m.name)));
  modelBSelect.replaceChildren(h('option', { value: -1 }, 'none'), ...models.map((m, i) => h('option', { value: i }, m.name)));
  modelA = 0;
  modelB = -1;
}

function refresh(): void {
  profileSets = view!.models.map((m) => new Set(m.profile));
  renderTree();
  renderProfile();
  if (selected >= 0) renderDetails();
  ($('download') as HTMLButtonElement).disabled = false;
}

async function load(): Promise<void> {
  errorEl.replaceChildren();
  statusEl.textContent = 'Loading…';
  const params = { alpha: Number($<HTMLInputElement>('alpha').value), tau: Number($<HTMLInputElement>('tau').value), minChildSize: Number($<HTMLInputElement>('min-child').value) };
  try {
    if ($<HTMLSelectElement>('source').value === 'demo') {
      const query = new URLSearchParams({ alpha: $<HTMLInputElement>('alpha').value, tau: $<HTMLInputElement>('tau').value, minChildSize: $<HTMLInputElement>('min-child').value });
      view = await api<ExplorerView>(`/api/evaltree/demo?${query}`);
    } else {
      const results = Object.fromEntries(
        $<HTMLTextAreaElement>('results-paths').value.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
          const eq = line.indexOf('=');
          return eq > 0 ? [line.slice(0, eq).trim(), line.slice(eq + 1).trim()] : [line.split('/').pop()!.replace(/\.json$/, ''), line];
        }),
      );
      const split = $<HTMLInputElement>('split-path').value.trim();
      view = await api<ExplorerView>('/api/evaltree/view', { tree: $<HTMLInputElement>('tree-path').value.trim(), ...(split ? { split } : {}), results, ...params });
    }
    const previousA = modelASelect.value;
    fillModelSelects();
    if (previousA && Number(previousA) < view.models.length) modelASelect.value = previousA;
    modelA = Number(modelASelect.value);
    selected = -1;
    expanded.clear();
    expanded.add(0);
    statusEl.textContent = `${view.nodes.length} nodes, ${view.leaves.length} instances, ${view.models.length} model(s)`;
    refresh();
  } catch (error) {
    statusEl.textContent = '';
    showError(errorEl, error);
  }
}

renderNav('/evaltree.html');
$('source').addEventListener('change', () => ($('file-fields').hidden = $<HTMLSelectElement>('source').value !== 'files'));
$('load').addEventListener('click', () => void load());
modelASelect.addEventListener('change', () => ((modelA = Number(modelASelect.value)), refresh()));
modelBSelect.addEventListener('change', () => ((modelB = Number(modelBSelect.value)), refresh()));
let searchTimer: ReturnType<typeof setTimeout> | undefined;
$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => search($<HTMLInputElement>('search').value), 150);
});
$('download').addEventListener('click', () => {
  if (!view) return;
  const m = view.models[modelA]!;
  downloadJson(`weakness-profile_${m.name}_alpha${view.alpha}_tau${view.tau}.json`, m.profile.map((id) => ({ capability: view!.nodes[id]!.description, instances: view!.leaves.slice(view!.nodes[id]!.leafStart, view!.nodes[id]!.leafEnd) })));
});
void load();
