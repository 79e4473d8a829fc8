import { promises as fs } from 'node:fs';
import { Hono } from 'hono';
import { badInput } from '../core/errors.js';
import { createLruCache } from '../core/lru.js';
import { readJsonBody } from '../server/app.js';
import type { RouteGroup } from '../server/routes.js';
import { loadRewardBench2 } from './dataset.js';
import { listInstances, type InstanceFilter } from './instances.js';
import { PUBLISHED_RESULTS } from './leaderboard.js';
import type { Rb2Report, RowRule } from './score.js';
import { readScoresFile, scoresFromRecords, type ScoresFile } from './scoresFile.js';
import { compareResults, correlateFrom, scoreFromFiles, type Benchmark } from './service.js';
import type { Rb2Dataset } from './types.js';

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw badInput(`"${field}" must be a non-empty string`, { field });
  return value;
}

function requiredString(body: Record<string, unknown>, field: string, what: string): string {
  const value = optionalString(body, field);
  if (value === undefined) throw badInput(`"${field}" is required: ${what}`, { field }, 'missing_input');
  return value;
}

function optionalNumber(body: Record<string, unknown>, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badInput(`"${field}" must be a number, got ${JSON.stringify(value)}`, { field });
  return value;
}

function oneOf<T extends string>(body: Record<string, unknown>, field: string, allowed: readonly T[]): T | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!allowed.includes(value as T)) throw badInput(`"${field}" must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`, { field });
  return value as T;
}

function isRb2Report(value: unknown): boolean {
  const v = value as Partial<Rb2Report> | null;
  return typeof v === 'object' && v !== null && v.benchmark === 'rewardbench2' && typeof v.subsets === 'object' && v.subsets !== null;
}

/** Scores from a file path on the server or inline `[{"id", "scores"}]`. */
async function scoresOf(body: Record<string, unknown>): Promise<ScoresFile> {
  if (Array.isArray(body.scores)) return scoresFromRecords(body.scores);
  return readScoresFile(requiredString(body, 'scores', 'a score file path on the server or an inline list of {"id", "scores"}'));
}

/**
 * /api/rewardbench: GET leaderboard; POST score | instances | report | correlate. Files are paths
 * on the server; scores and correlation records may also come inline.
 */
export const routes: RouteGroup = {
  name: 'rewardbench',
  create(context) {
    const app = new Hono();
    // Datasets are re-read only when the file changes; the instance browser pages through them.
    const datasets = context.memo('rewardbench.datasets', () => createLruCache<Promise<Rb2Dataset>>(4));
    const dataset = async (file: string): Promise<Rb2Dataset> => {
      const stat = await fs.stat(file).catch(() => {
        throw badInput(`cannot read ${file}: no such file`, { file, field: 'data' }, 'file_not_found');
      });
      const key = `${file}\u0000${stat.mtimeMs}\u0000${stat.size}`;
      let loaded = datasets.get(key);
      if (!loaded) {
        loaded = loadRewardBench2(file);
        loaded.catch(() => undefined);
        datasets.set(key, loaded);
      }
      return loaded;
    };

    app.get('/', (c) => c.json({ operations: ['leaderboard', 'score', 'instances', 'report', 'correlate'] }));

    app.get('/leaderboard', (c) => c.json({ results: PUBLISHED_RESULTS }));

    app.post('/score', async (c) => {
      const body = await readJsonBody(c);
      const report = await scoreFromFiles({
        data: requiredString(body, 'data', 'the dataset file path on the server'),
        scores: await scoresOf(body),
        benchmark: oneOf<Benchmark | 'auto'>(body, 'benchmark', ['auto', 'rewardbench2', 'rewardbench']),
        rule: oneOf<RowRule>(body, 'rule', ['reward', 'ratings']),
        missing: body.allowMissing === true ? 'skip' : 'error',
        model: optionalString(body, 'name'),
        includeRows: body.includeRows === true,
      });
      return c.json(report);
    });

    app.post('/instances', async (c) => {
      const body = await readJsonBody(c);
      const data = await dataset(requiredString(body, 'data', 'the dataset file path on the server'));
      const scores = body.scores === undefined ? { entries: new Map() } : await scoresOf(body);
      const page = listInstances(data.rows, scores.entries, {
        subset: optionalString(body, 'subset'),
        filter: oneOf<InstanceFilter>(body, 'filter', ['all', 'right', 'wrong', 'unscored']),
        search: optionalString(body, 'search'),
        offset: optionalNumber(body, 'offset'),
        limit: optionalNumber(body, 'limit'),
        rule: oneOf<RowRule>(body, 'rule', ['reward', 'ratings']),
      });
      return c.json(page);
    });

    app.post('/report', async (c) => {
      const body = await readJsonBody(c);
      const results = body.results ?? [];
      if (!Array.isArray(results) || !results.every((r) => typeof r === 'string' && r !== '')) throw badInput('"results" must be a list of run folders or result files on the server', { field: 'results' });
      const models = body.models;
      if (models !== undefined && (!Array.isArray(models) || !models.every((m) => typeof m === 'string'))) throw badInput('"models" must be a list of names', { field: 'models' });
      const reports = body.reports ?? [];
      if (!Array.isArray(reports) || !reports.every(isRb2Report)) throw badInput('"reports" must be a list of RewardBench 2 reports (as POST /score returns)', { field: 'reports' });
      return c.json(await compareResults({ results: results as string[], reports: reports as Rb2Report[], models: models as string[] | undefined, top: optionalNumber(body, 'top') }));
    });

    app.post('/correlate', async (c) => {
      const body = await readJsonBody(c);
      if (body.records !== undefined && !Array.isArray(body.records)) throw badInput('"records" must be a list', { field: 'records' });
      return c.json(await correlateFrom({ file: optionalString(body, 'file'), records: body.records as unknown[] | undefined, resamples: optionalNumber(body, 'resamples'), seed: optionalNumber(body, 'seed'), level: optionalNumber(body, 'level') }));
    });

    return app;
  },
};
