import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { routes } from '../../src/evaltree/routes.js';
import { createApp } from '../../src/server/app.js';
import { createServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { browserSkipReason, launchBrowser } from '../helpers/browser.js';

/** The repository root (has package.json) above this file, under tsx or from dist/test. */
function repoRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'data', 'evaltree'))) return dir;
  }
  throw new Error('repository root not found');
}

const root = repoRoot();
const webRoot = path.join(root, 'dist', 'web');
const skip = browserSkipReason() || (!existsSync(path.join(webRoot, 'js', 'evaltree.js')) ? 'the web UI is not built (npm run build)' : false);
const released = JSON.parse(readFileSync(path.join(root, 'data', 'evaltree', 'MATH', 'weakness_profile_Llama-3.1-8B-Instruct_alpha0.05_threshold0.4_with-instances.json'), 'utf8')) as { capability: string }[];

describe('EvalTree explorer in the browser', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await listen(await createApp(createServerContext(), { groups: [routes], webRoot }), 0);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${server.url}/evaltree.html`);
    await page.getByTestId('status').filter({ hasText: '6355 nodes' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('shows the bundled tree with the root expanded and coloured by rate', async () => {
    assert.equal(await page.getByTestId('rate-a-0').textContent(), '49.9%');
    assert.match((await page.getByTestId('rate-a-0').getAttribute('title')) ?? '', /1996\/4000\), 95% CI \[48\.3%, 51\.5%\]/);
    const rows = await page.locator('.node-row').count();
    assert.ok(rows > 2 && rows <= 11, `root and its children: ${rows}`);
  });

  test('expands and collapses a node', async () => {
    const before = await page.locator('.node-row').count();
    const firstChild = page.locator('.children > .node > .node-row').first();
    const id = await firstChild.getAttribute('data-node');
    await page.getByTestId(`toggle-${id}`).click();
    await page.waitForFunction(`document.querySelectorAll('.node-row').length > ${before}`);
    const opened = await page.locator('.node-row').count();
    assert.ok(opened > before);
    await page.getByTestId(`toggle-${id}`).click();
    await page.waitForFunction(`document.querySelectorAll('.node-row').length === ${before}`);
  });

  test('lists the weakness profile and highlights a weakness in the tree', async () => {
    const items = page.getByTestId('profile-a').locator('li');
    assert.equal(await items.count(), released.length);
    assert.match((await items.first().textContent()) ?? '', new RegExp(released[0]!.capability.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await items.first().click();
    const row = page.locator('.node-row.selected');
    await row.waitFor();
    assert.match((await row.getAttribute('class')) ?? '', /weak-a/);
    assert.equal(await row.getByTestId('weak-tag').count(), 1);
    await page.getByTestId('detail-model-0').filter({ hasText: 'in the weakness profile' }).waitFor();
    assert.ok((await page.getByTestId('instances').locator('span').count()) > 0);
  });

  test('finds capabilities by search and reveals them', async () => {
    await page.getByTestId('search').fill('geometric probability');
    const results = page.getByTestId('search-results').locator('li');
    await results.first().waitFor();
    assert.ok((await results.count()) >= 1);
    const text = (await results.first().textContent()) ?? '';
    assert.match(text.toLowerCase(), /probab|geometr/);
    await results.first().click();
    const selected = page.locator('.node-row.selected .desc');
    await selected.waitFor();
    assert.match(((await selected.textContent()) ?? '').toLowerCase(), /probab|geometr/);
  });

  test('compares two models side by side on the same tree', async () => {
    const gpt = await page.getByTestId('model-b').locator('option', { hasText: 'gpt-4o-mini' }).getAttribute('value');
    await page.getByTestId('model-b').selectOption(gpt!);
    await page.getByTestId('rate-b-0').waitFor();
    const a = Number.parseFloat((await page.getByTestId('rate-a-0').textContent())!);
    const b = Number.parseFloat((await page.getByTestId('rate-b-0').textContent())!);
    assert.ok(b > a, `gpt-4o-mini (${b}) above Llama (${a}) at the root`);
    assert.ok((await page.getByTestId('profile-b').locator('li').count()) !== released.length || b !== a);
  });

  test('shows an error for a file that does not exist, and for a bad threshold', async () => {
    await page.getByTestId('source').selectOption('files');
    await page.getByTestId('tree-path').fill('no/such/tree.json');
    await page.getByTestId('results-paths').fill('m=no/such/results.json');
    await page.getByTestId('load').click();
    const error = page.getByTestId('error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /cannot read no\/such\/(tree|results)\.json.*file_not_found/);
    await page.getByTestId('source').selectOption('demo');
    await page.getByTestId('tau').fill('low');
    await page.getByTestId('load').click();
    await page.getByTestId('error').filter({ hasText: 'tau' }).waitFor();
  });
});
