/** A member's public profile, for members who allowed it (404 for everyone else, as for an unknown id). */
import { Hono } from 'hono';
import { publicProfile } from '../domain/identity/public-profile';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { idParam } from '../schemas';

export const publicProfileRoutes = new Hono<AppEnv>().get('/users/:id/profile', validate('param', idParam), async (c) =>
  c.json(await publicProfile(c.get('db'), c.req.valid('param').id, c.get('caller'), c.get('now')), 200),
);
