/** Shared helpers for every page: API calls with typed errors, DOM building, the nav bar. */

export interface ApiError {
  code: string;
  message: string;
  where?: Record<string, unknown>;
}

export class ApiRequestError extends Error {
  constructor(readonly status: number, readonly error: ApiError) {
    super(error.message);
  }
}

/** POSTs JSON (or GETs when body is undefined) to /api/...; throws ApiRequestError on 4xx/5xx. */
export async function api<T>(path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, body === undefined ? { signal } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiRequestError(response.status, { code: 'bad_response', message: `server answered ${response.status} with non-JSON` });
  }
  if (!response.ok) {
    const err = (data as { error?: ApiError }).error ?? { code: 'http_error', message: `HTTP ${response.status}` };
    throw new ApiRequestError(response.status, err);
  }
  return data as T;
}

type Child = Node | string | number | null | undefined | false;

/** h('div', {class: 'x', onclick: fn}, child...) */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value as EventListener);
    else if (key === 'style' && typeof value === 'object') Object.assign(node.style, value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return node;
}

/** Pages of the UI, in nav order. */
export const PAGES: { href: string; label: string }[] = [
  { href: '/trace.html', label: 'Trace' },
  { href: '/search.html', label: 'Index' },
  { href: '/evaltree.html', label: 'EvalTree' },
  { href: '/rewardbench.html', label: 'RewardBench 2' },
  { href: '/think.html', label: 'Thinking' },
  { href: '/rewards.html', label: 'Rewards' },
];

/** Renders the top bar into #nav. */
export function renderNav(current: string): void {
  const nav = document.getElementById('nav');
  if (!nav) return;
  nav.replaceChildren(
    h('a', { class: 'brand', href: '/trace.html' }, 'lmscope'),
    ...PAGES.map((p) => h('a', { href: p.href, class: p.href === current ? 'active' : undefined }, p.label)),
  );
}

/** Shows an error box in `container` with code and message. */
export function showError(container: HTMLElement, error: unknown): void {
  const message = error instanceof ApiRequestError ? `${error.error.message} (${error.error.code})` : error instanceof Error ? error.message : String(error);
  container.replaceChildren(h('div', { class: 'error', role: 'alert', 'data-testid': 'error' }, message));
}

/** Offers `data` as a downloadable JSON file. */
export function downloadJson(name: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}
