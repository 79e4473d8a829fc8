import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createApp } from '../server/app.js';
import { createServerContext } from '../server/context.js';
import { createRewardRoutes, handleGetReward } from './routes.js';
import type { RewardConfig } from './rewardConfig.js';

/** Request bodies of a training step (a thousand responses of a few thousand tokens) fit easily. */
export const REWARD_SERVER_MAX_BODY = 256 * 1024 * 1024;

/**
 * The standalone reward server of `lmscope rewards serve`: POST /get_reward (OpenRLHF's
 * remote reward protocol) at the root, plus the /api/rewards routes, /healthz and /api.
 */
export async function createRewardServerApp(config: RewardConfig, maxBodyBytes = REWARD_SERVER_MAX_BODY): Promise<Hono> {
  const context = createServerContext();
  const app = await createApp(context, { maxBodyBytes, groups: [{ name: 'rewards', create: () => createRewardRoutes(config) }] });
  app.use(
    '/get_reward',
    bodyLimit({ maxSize: maxBodyBytes, onError: (c) => c.json({ error: { code: 'body_too_large', message: `request body over ${maxBodyBytes} bytes` } }, 413) }),
  );
  app.post('/get_reward', (c) => handleGetReward(c, config));
  return app;
}
