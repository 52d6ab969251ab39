/** A community's leaderboard, this week or all time; public communities show it to visitors. */
import { Hono } from 'hono';
import { leaderboard } from '../domain/leaderboard';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { leaderboardQuery, slugParam } from '../schemas';

export const leaderboardRoutes = new Hono<AppEnv>().get(
  '/communities/:slug/leaderboard',
  validate('param', slugParam),
  validate('query', leaderboardQuery),
  async (c) => {
    const input = { ...c.req.valid('query'), slug: c.req.valid('param').slug, caller: c.var.caller };
    return c.json(await leaderboard(c.var.db, input, c.var.now), 200);
  },
);
