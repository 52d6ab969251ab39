/** A community's leaderboard: this week, all time, one series, or rhythm; public communities show it to visitors. */
import { Hono } from 'hono';
import { rhythmLeaderboard, seriesLeaderboard } from '../domain/boards';
import { leaderboard } from '../domain/leaderboard';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { leaderboardQuery, slugParam } from '../schemas';

export const leaderboardRoutes = new Hono<AppEnv>().get(
  '/communities/:slug/leaderboard',
  validate('param', slugParam),
  validate('query', leaderboardQuery),
  async (c) => {
    const { period, limit, seriesId } = c.req.valid('query');
    const base = { slug: c.req.valid('param').slug, caller: c.get('caller'), limit };
    if (period === 'series') return c.json(await seriesLeaderboard(c.get('db'), { ...base, seriesId: seriesId! }), 200);
    if (period === 'rhythm') return c.json(await rhythmLeaderboard(c.get('db'), base, c.get('now')), 200);
    return c.json(await leaderboard(c.get('db'), { ...base, period }, c.get('now')), 200);
  },
);
