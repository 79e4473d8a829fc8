import { Hono, type Context } from 'hono';
import { badInput } from '../core/errors.js';
import { readJsonBody } from '../server/app.js';
import type { RouteGroup } from '../server/routes.js';
import { gradeAnswer, GRADER_MODES, type GraderMode } from './grader/index.js';
import { parseOpenRlhfRequest, scoreOpenRlhf } from './openRlhf.js';
import { listRewards } from './registry.js';
import { contextWith, loadRewardConfig, type RewardConfig, type RewardSettings } from './rewardConfig.js';
import { parseRewardItems, scoreBatch } from './scoreBatch.js';

/** Largest batch one request may score (a rollout batch of the paper is 1,024 responses). */
export const MAX_BATCH_ITEMS = 100_000;

/**
 * Routes under /api/rewards:
 * - GET  /            the rewards and the served configuration
 * - POST /grade       {gold, pred, mode?} -> the grade result (same as `lmscope grade --json`)
 * - POST /score       {reward?, items: [{prompt, response, label}], seed?, probability?, grader?, style?, groupSize?}
 * - POST /get_reward  OpenRLHF's remote reward protocol {query, prompts, labels} -> {rewards, scores, extra_logs}
 * The served reward and labels come from `lmscope rewards serve` (settings.rewards).
 */
export const routes: RouteGroup = {
  name: 'rewards',
  async create(context) {
    const config = await loadRewardConfig((context.settings.rewards ?? {}) as RewardSettings);
    return createRewardRoutes(config);
  },
};

/** The sub-app for a loaded configuration (also used by the standalone reward server). */
export function createRewardRoutes(config: RewardConfig): Hono {
  const app = new Hono();
  app.get('/', (c) => c.json({ rewards: listRewards(), served: config.reward ?? null, labels: config.labels?.size ?? 0, graderModes: GRADER_MODES }));
  app.post('/grade', async (c) => {
    const body = await readJsonBody(c);
    if (typeof body.gold !== 'string') throw badInput('"gold" must be a string', { field: 'gold' });
    if (typeof body.pred !== 'string') throw badInput('"pred" must be a string', { field: 'pred' });
    const mode = body.mode ?? 'lmscope';
    if (!(GRADER_MODES as readonly unknown[]).includes(mode)) throw badInput(`"mode" must be one of ${GRADER_MODES.join(', ')}`, { field: 'mode' });
    return c.json(gradeAnswer(body.gold, body.pred, { mode: mode as GraderMode }));
  });
  app.post('/score', async (c) => {
    const body = await readJsonBody(c);
    const reward = body.reward ?? config.reward;
    if (typeof reward !== 'string') throw badInput('"reward" must name a reward (this server has no default one)', { field: 'reward' });
    const items = parseRewardItems(body.items);
    if (items.length > MAX_BATCH_ITEMS) throw badInput(`at most ${MAX_BATCH_ITEMS} items per request, got ${items.length}`, { field: 'items' });
    const context = contextWith(config.context, overridesOf(body));
    const groupSize = body.groupSize;
    if (groupSize !== undefined && typeof groupSize !== 'number') throw badInput('"groupSize" must be a number', { field: 'groupSize' });
    return c.json(scoreBatch(reward, items, context, { groupSize: groupSize as number | undefined }));
  });
  app.post('/get_reward', (c) => handleGetReward(c, config));
  return app;
}

/** POST /get_reward (OpenRLHF --remote_rm_url); the reward is the served one or ?reward=NAME. */
export async function handleGetReward(c: Context, config: RewardConfig): Promise<Response> {
  const reward = c.req.query('reward') ?? config.reward;
  if (!reward) throw badInput('no reward to serve: start with --reward NAME or call /get_reward?reward=NAME', { field: 'reward' });
  const request = parseOpenRlhfRequest(await readJsonBody(c));
  if (request.query.length > MAX_BATCH_ITEMS) throw badInput(`at most ${MAX_BATCH_ITEMS} queries per request`, { field: 'query' });
  return c.json(scoreOpenRlhf(reward, request, config.context).reply);
}

function overridesOf(body: Record<string, unknown>): RewardSettings {
  const pick = <T>(key: string, type: string): T | undefined => {
    const v = body[key];
    if (v === undefined) return undefined;
    if (typeof v !== type) throw badInput(`"${key}" must be a ${type}`, { field: key });
    return v as T;
  };
  return { seed: pick('seed', 'number'), probability: pick('probability', 'number'), grader: pick('grader', 'string'), style: pick('style', 'string') };
}
