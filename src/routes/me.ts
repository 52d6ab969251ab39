import { Hono } from 'hono';
import { updateMe } from '../domain/identity/auth';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { updateMeBody } from '../schemas';

export const meRoutes = new Hono<AppEnv>()
  .get('/me', (c) => {
    // Fields picked one by one so nothing added to Caller later leaks here by accident.
    const { id, name, email, showOnLeaderboards, isSteward } = requireCaller(c);
    return c.json({ id, name, email, showOnLeaderboards, isSteward });
  })
  .patch('/me', validate('json', updateMeBody), async (c) =>
    c.json(await updateMe(c.get('db'), requireCaller(c).id, c.req.valid('json'))),
  );
