import { api, h, renderNav, showError } from './common.js';

renderNav('/rewards.html');
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const value = (id: string) => $<HTMLInputElement>(id).value;

async function init(): Promise<void> {
  try {
    const info = await api<{ rewards: (string | { name: string })[]; graderModes: string[] }>('/api/rewards');
    $('mode').replaceChildren(...info.graderModes.map((m) => h('option', { value: m }, m)));
    const names = info.rewards.map((r) => (typeof r === 'string' ? r : r.name));
    $('reward').replaceChildren(...names.map((n) => h('option', { value: n }, n)));
  } catch (error) {
    showError($('grade-out'), error);
  }
}

$('grade').addEventListener('click', async () => {
  const out = $('grade-out');
  try {
    const r = await api<{ equal: boolean } & Record<string, unknown>>('/api/rewards/grade', { gold: value('gold'), pred: value('pred'), mode: value('mode') });
    out.replaceChildren(h('p', { class: `verdict ${r.equal ? 'yes' : 'no'}`, 'data-testid': 'verdict' }, r.equal ? 'Equal' : 'Not equal'), h('pre', {}, JSON.stringify(r, null, 2)));
  } catch (error) {
    showError(out, error);
  }
});

$('score').addEventListener('click', async () => {
  const out = $('score-out');
  try {
    const r = await api<{ rewards: number[] } & Record<string, unknown>>('/api/rewards/score', { reward: value('reward'), items: [{ prompt: value('prompt'), response: value('response'), label: value('label') }] });
    out.replaceChildren(h('p', { class: 'verdict', 'data-testid': 'reward-value' }, `reward ${r.rewards[0]}`), h('pre', {}, JSON.stringify(r, null, 2)));
  } catch (error) {
    showError(out, error);
  }
});

void init();
