/** A member's secret feed URLs: POST makes new ones and revokes the old (there is no way to read them back). */
import { Hono } from 'hono';
import { rotateFeedToken } from '../domain/reach/feed-tokens';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { slugParam } from '../schemas';

export const feedTokenRoutes = new Hono<AppEnv>().post('/communities/:slug/feed-token', validate('param', slugParam), async (c) => {
  const { token } = await rotateFeedToken(c.get('db'), requireCaller(c), c.req.valid('param').slug, c.get('now'));
  const base = `${c.get('deps').config.publicUrl ?? new URL(c.req.url).origin}/feeds/${token}`;
  // The URL is the secret: no shared cache may keep this answer.
  c.header('Cache-Control', 'no-store');
  return c.json({ prompts: `${base}/prompts.atom`, gallery: `${base}/gallery.atom`, calendar: `${base}/calendar.ics` }, 201);
});
