import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import ts from 'typescript';
import { createApp } from '../../src/server/app.js';
import { createServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { routes } from '../../src/rewardbench/routes.js';
import { completionsOf } from '../../src/rewardbench/types.js';
import { qualityOf, sampleDataset, writeJsonl } from '../rewardbench/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium)`;

/** The repository root (has package.json and web/) above this file, under tsx or from dist/test. */
function repoRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'web', 'rewardbench.html'))) return dir;
  }
  throw new Error('repository root not found');
}

/** Builds just this page (HTML, CSS, and its two scripts) into a folder, so the test needs no full build. */
async function buildPage(root: string, out: string): Promise<void> {
  await fs.mkdir(path.join(out, 'js'), { recursive: true });
  for (const name of ['rewardbench.html', 'style.css']) await fs.copyFile(path.join(root, 'web', name), path.join(out, name));
  for (const name of ['common', 'rewardbench']) {
    const source = await fs.readFile(path.join(root, 'web', 'src', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 } });
    await fs.writeFile(path.join(out, 'js', `${name}.js`), outputText);
  }
}

describe('RewardBench 2 page in the browser', { skip }, () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dataFile: string;
  let scoresFile: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rewardbench-browser-'));
    const webRoot = path.join(dir, 'web');
    await buildPage(repoRoot(), webRoot);
    const rows = sampleDataset();
    dataFile = await writeJsonl(path.join(dir, 'data.jsonl'), rows);
    // One loss (math-1 ties 2-way at the top) and a missing row (focus-1).
    const lines = rows.filter((r) => r.id !== 'focus-1').map((r) => ({ id: r.id, scores: completionsOf(r).map((t, i) => (r.id === 'math-1' && i === 2 ? 9 : qualityOf(t))) }));
    scoresFile = await writeJsonl(path.join(dir, 'scores.jsonl'), lines);
    server = await listen(await createApp(createServerContext(), { groups: [routes], webRoot }), 0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/rewardbench.html`);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  test('shows an error for a dataset that is not there', async () => {
    await page.getByTestId('data').fill(path.join(dir, 'missing.jsonl'));
    await page.getByTestId('scores').fill(scoresFile);
    await page.getByTestId('score').click();
    const error = page.getByTestId('error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /no such file/);
  });

  test('scores a run and shows subsets, the comparison table and the plot', async () => {
    await page.getByTestId('data').fill(dataFile);
    await page.getByTestId('name').fill('my-rm');
    await page.getByTestId('allow-missing').check();
    await page.getByTestId('score').click();
    await page.getByTestId('status').filter({ hasText: 'Scored 9 of 10 rows' }).waitFor();
    const api = (await (await fetch(`${server.url}/api/rewardbench/score`, { method: 'POST', body: JSON.stringify({ data: dataFile, scores: scoresFile, allowMissing: true }) })).json()) as { overall: number; subsets: Record<string, { score: number }> };
    assert.equal(await page.getByTestId('overall').textContent(), `overall ${(api.overall * 100).toFixed(1)}`);
    const subsetRows = page.getByTestId('subset-table').locator('tbody tr');
    assert.deepEqual(await subsetRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-subset'))), ['Factuality', 'Precise IF', 'Math', 'Safety', 'Ties']);
    assert.equal(await page.locator('tr[data-subset="Math"] td').nth(2).textContent(), (api.subsets.Math!.score * 100).toFixed(1));
    assert.match((await page.getByTestId('warnings').textContent()) ?? '', /Focus/);
    const runRow = page.getByTestId('comparison').locator('tr.run');
    assert.equal(await runRow.count(), 1);
    assert.match((await runRow.textContent()) ?? '', /my-rm/);
    assert.ok((await page.getByTestId('comparison').locator('tbody tr').count()) >= 11);
    assert.ok((await page.getByTestId('plot').locator('svg rect.bar').count()) > 10);
  });

  test('browses instances: prompt, completions, scores and which was correct', async () => {
    await page.getByTestId('page-info').filter({ hasText: 'of 10' }).waitFor();
    assert.equal(await page.locator('article.instance').count(), 10);
    await page.getByTestId('filter').selectOption('wrong');
    await page.getByTestId('page-info').filter({ hasText: '1–1 of 1' }).waitFor();
    const card = page.locator('article.instance');
    assert.equal(await card.getAttribute('data-id'), 'math-1');
    assert.equal(await card.getByTestId('result').textContent(), 'result 0.5');
    const completions = card.getByTestId('completion');
    assert.equal(await completions.count(), 4);
    assert.deepEqual(await completions.evaluateAll((els) => els.map((e) => e.className)), ['completion correct top', 'completion', 'completion top', 'completion']);
    assert.match((await completions.first().textContent()) ?? '', /correct.*score 9.*highest.*good answer for math-1/s);

    await page.getByTestId('filter').selectOption('unscored');
    await page.locator('article.instance[data-id="focus-1"]').waitFor();
    assert.equal(await page.locator('article.instance').count(), 1);
    assert.equal(await page.getByTestId('page-info').textContent(), '1–1 of 1');

    await page.getByTestId('filter').selectOption('all');
    await page.getByTestId('page-info').filter({ hasText: 'of 10' }).waitFor();
    await page.getByTestId('subset').selectOption('Ties');
    await page.getByTestId('page-info').filter({ hasText: '1–4 of 4' }).waitFor();
    assert.match((await page.locator('article.instance').first().getByTestId('result').textContent()) ?? '', /correct above incorrect|ranks high/);
  });

  test('pages through instances', async () => {
    await page.getByTestId('subset').selectOption('');
    await page.getByTestId('search').fill('');
    await page.getByTestId('page-info').filter({ hasText: '1–10 of 10' }).waitFor();
    assert.equal(await page.getByTestId('next').isDisabled(), true);
    assert.equal(await page.getByTestId('prev').isDisabled(), true);
    await page.getByTestId('search').fill('fact');
    await page.getByTestId('search').press('Enter');
    await page.getByTestId('page-info').filter({ hasText: '1–2 of 2' }).waitFor();
  });
});
