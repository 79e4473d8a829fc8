/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildIndex } from '../../src/index/build.js';
import { routes as indexRoutes } from '../../src/index/routes.js';
import { createApp } from '../../src/server/app.js';
import { createServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { routes as traceRoutes } from '../../src/trace/routes.js';
import { browserSkipReason, launchBrowser } from '../helpers/browser.js';
import { makeTempDir, writeJsonl } from '../helpers/corpus.js';

const skip = browserSkipReason();
let tmp: { dir: string; cleanup: () => Promise<void> };
let server: RunningServer;
let browser: Browser;
let page: Page;

before(async () => {
  if (skip) return;
  tmp = await makeTempDir();
  const file = await writeJsonl(path.join(tmp.dir, 'docs.jsonl'), [
    { text: 'Emma Woodhouse, handsome, clever, and rich, with a comfortable home and happy disposition, seemed to unite some of the best blessings of existence.', title: 'Emma', url: 'https://example.org/emma', source: 'Austen' },
    { text: 'There was no possibility of taking a walk that day. We had been wandering in the leafless shrubbery an hour in the morning.', title: 'Jane Eyre', url: 'https://example.org/eyre', source: 'Bronte' },
    { text: 'His own stomach could bear nothing rich, and he could never believe other people to be different from himself.', title: 'Emma, chapter 2', url: 'https://example.org/emma-2', source: 'Austen' },
  ]);
  await buildIndex({ inputs: [file], outDir: path.join(tmp.dir, 'idx'), tokenizer: 'olmo2', threads: 0 });
  const context = createServerContext({ indexDirs: [`novels=${path.join(tmp.dir, 'idx')}`] });
  server = await listen(await createApp(context, { groups: [indexRoutes, traceRoutes] }), 0);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await tmp?.cleanup();
});

test('trace a passage, filter documents by a span, open a document, and keep a screenshot', { skip }, async () => {
  await page.goto(`${server.url}/trace.html?auto=0`);
  await page.waitForFunction(() => (document.querySelector('[data-testid=response]') as HTMLTextAreaElement).value.length > 0);
  await page.fill('[data-testid=response]', 'Reader, consider Emma Woodhouse, handsome, clever, and rich, with a comfortable home. There was no possibility of taking a walk that day, so we read instead.');
  await page.fill('[data-testid=prompt]', 'Tell me about Emma and a rainy day.');
  await page.click('[data-testid=trace]');
  await page.waitForSelector('[data-testid=highlight]');
  const highlights = await page.$$eval('[data-testid=highlight]', (els) => els.map((e) => ({ text: e.firstChild?.textContent ?? '', cls: e.className })));
  assert.ok(highlights.length >= 2, JSON.stringify(highlights));
  assert.ok(highlights.every((h) => /\b(high|medium|low)\b/.test(h.cls)), 'shaded by relevance bucket');
  const cards = await page.$$('[data-testid=doc-card]');
  assert.ok(cards.length >= 2);
  // Screenshot of the traced page, kept for people to look at (test-results/trace-page.png).
  mkdirSync('test-results', { recursive: true });
  const shot = await page.screenshot({ path: path.join('test-results', 'trace-page.png'), fullPage: true });
  assert.deepEqual([...shot.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  assert.ok(shot.length > 20_000, 'a rendered page, not a blank one');

  // Clicking a highlight filters the cards to that span's documents.
  const walk = await page.$('[data-testid=highlight]:has-text("possibility")');
  assert.ok(walk);
  await walk.click();
  await page.waitForSelector('[data-testid=show-all]');
  const filtered = await page.$$eval('[data-testid=doc-card]', (els) => els.map((e) => e.textContent ?? ''));
  assert.equal(filtered.length, 1);
  assert.match(filtered[0]!, /Jane Eyre/);
  await page.click('[data-testid=show-all]');
  assert.equal((await page.$$('[data-testid=doc-card]')).length, cards.length);

  // A card opens the document with its long context and the match marked.
  await page.click('[data-testid=doc-card]:has-text("Jane Eyre")');
  const context = await page.textContent('[data-testid=doc-context] mark');
  assert.match(context ?? '', /no possibility of taking a walk/);
  await page.screenshot({ path: path.join('test-results', 'trace-document.png') });
  await page.click('[data-testid=close-modal]');
  assert.equal(await page.$('[data-testid=doc-modal]'), null);
});

test('no spans and error states are shown clearly', { skip }, async () => {
  await page.goto(`${server.url}/trace.html?auto=0`);
  await page.waitForFunction(() => (document.querySelector('[data-testid=index]') as HTMLSelectElement).options.length > 0);
  await page.fill('[data-testid=response]', 'Quantum zebras juggle marmalade spreadsheets.');
  await page.click('[data-testid=trace]');
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-state') === 'empty');
  assert.match((await page.textContent('[data-testid=status]')) ?? '', /No verbatim spans/);
  await page.fill('[data-testid=response]', 'z'.repeat(45_000));
  await page.click('[data-testid=trace]');
  await page.waitForSelector('[data-testid=error]');
  assert.match((await page.textContent('[data-testid=error]')) ?? '', /limit/);
});

test('the page opens with the sample passage already traced', { skip }, async () => {
  await page.goto(`${server.url}/trace.html`);
  await page.waitForFunction(() => ['done', 'empty', 'error'].includes(document.querySelector('[data-testid=status]')?.getAttribute('data-state') ?? ''));
  assert.equal(await page.getAttribute('[data-testid=status]', 'data-state'), 'done');
  assert.ok((await page.$$('[data-testid=highlight]')).length >= 1);
});
