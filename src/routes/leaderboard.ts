/** A community's leaderboard: this week, all time, one series, or rhythm; public communities show it to visitors. */
import { Hono } from 'hono';
import { rhythmLeaderboard, seriesLeaderboard } from '../domain/boards/boards';
import { leaderboard, visitorLeaderboardJson } from '../domain/boards/leaderboard';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { yieldToRequests } from '../yield-to-requests';
import { jsonText } from './json-text';
import { leaderboardQuery, slugParam } from '../schemas';

type Board = Awaited<ReturnType<typeof leaderboard>>;

export const leaderboardRoutes = new Hono<AppEnv>().get(
  '/communities/:slug/leaderboard',
  validate('param', slugParam),
  validate('query', leaderboardQuery),
  async (c) => {
    const { period, limit, seriesId } = c.req.valid('query');
    const base = { slug: c.req.valid('param').slug, caller: c.get('caller'), limit };
    if (period === 'series') return c.json(await seriesLeaderboard(c.get('db'), { ...base, seriesId: seriesId! }), 200);
    if (period === 'rhythm') {
      const dataVersion = c.get('deps').dataVersion?.();
      return c.json(await rhythmLeaderboard(c.get('db'), base, c.get('now'), { dataVersion, pause: yieldToRequests }), 200);
    }
    if (base.caller) return c.json(await leaderboard(c.get('db'), { ...base, period }, c.get('now')), 200);
    // Every visitor sees the same board: served from memory while nothing was written since.
    const version = c.get('deps').dataVersion?.();
    const body = await visitorLeaderboardJson(c.get('db'), { slug: base.slug, limit, period }, c.get('now'), version);
    return jsonText<Board>(c, body);
  },
);
