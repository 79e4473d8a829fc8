// The Thinking page in a real browser against a tiny GGUF model: budget forcing with the
// interventions marked, and a saved evaluation report rendered as table and plot.
// Needs the built web UI (npm run build) and Debian's chromium; skips, saying why, without them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_WEB_ROOT, createApp } from '../../src/server/app.js';
import { createServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { routes } from '../../src/thinking/routes.js';
import { evaluateScaling } from '../../src/thinking/scalingEval.js';
import { resolveTemplate } from '../../src/thinking/templates.js';
import { browserSkipReason, launchBrowser } from '../helpers/browser.js';
import { openTinyBackends, type TinyBackends } from './tinyModels.js';

const skip = browserSkipReason() || (existsSync(path.join(DEFAULT_WEB_ROOT, 'js', 'think.js')) ? false : `no built UI at ${DEFAULT_WEB_ROOT} (run npm run build)`);
let tiny: TinyBackends;
let server: RunningServer;
let browser: Browser;
let page: Page;

before(async () => {
  if (skip) return;
  tiny = await openTinyBackends();
  server = await listen(await createApp(createServerContext({ getLanguageModel: async () => tiny.stopping.llama }), { groups: [routes] }), 0);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await tiny?.close();
});

test('think with two extensions, then load an evaluation report', { skip }, async () => {
  await page.goto(`${server.url}/think.html`);
  await page.waitForSelector('[data-testid=template] option[value=s1]', { state: 'attached' });
  await page.selectOption('[data-testid=template]', 'custom');
  await page.fill('[data-testid=think-start]', '<|im_start|>think');
  await page.fill('[data-testid=think-end]', '<|im_start|>answer');
  await page.fill('[data-testid=prompt-format]', '{question}\n');
  await page.fill('[data-testid=question]', 'Q: 2+2?');
  await page.fill('[data-testid=max-thinking]', '60');
  await page.fill('[data-testid=wait]', '2');
  await page.fill('[data-testid=max-answer]', '5');
  await page.click('[data-testid=think]');
  await page.waitForSelector('[data-testid=think-stats]');
  const extends_ = await page.$$eval('[data-testid=extend]', (els) => els.map((e) => e.textContent));
  assert.deepEqual(extends_, ['Wait', 'Wait']);
  const stats = await page.textContent('[data-testid=think-stats]');
  assert.match(stats ?? '', /thinking \d+ \/ 60 tokens.*3 round\(s\).*ended by model/);
  const rows = await page.$$eval('[data-testid=interventions] tr', (trs) => trs.length);
  assert.equal(rows, 3, 'a header and one row per extension');

  // A report as `lmscope think eval --out` saves it, loaded from a file.
  const template = resolveTemplate('s1', { promptFormat: '{question}\n' });
  const problems = [{ id: 'a', problem: '1+1', answer: '2' }, { id: 'b', problem: '2+2', answer: '4' }];
  const report = await evaluateScaling(tiny.endless.llama, { data: 'toy', problems, template, methods: ['bf'], budgets: [4, 8], maxAnswerTokens: 3 });
  await page.setInputFiles('[data-testid=report-file]', { name: 'report.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(report)) });
  await page.waitForSelector('[data-testid=plot] svg circle');
  const cells = await page.$$eval('[data-testid=metrics] td', (tds) => tds.map((td) => td.textContent));
  assert.equal(cells[0], 'bf');
  assert.equal(cells[1], '100%');
  assert.equal(await page.$$eval('[data-testid=plot] svg circle', (c) => c.length), 2);

  mkdirSync('test-results', { recursive: true });
  const shot = await page.screenshot({ path: path.join('test-results', 'think-page.png'), fullPage: true });
  assert.ok(shot.length > 20_000, 'a rendered page, not a blank one');
});
