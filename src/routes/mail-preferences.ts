/** The mail a member wants, per community (issue 11): GET and PATCH /api/me/mail-preferences. */
import { Hono } from 'hono';
import { myMailPreferences, updateMailPreferences } from '../domain/reach/mail-preferences';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { mailPreferencesBody } from '../schemas';

export const mailPreferenceRoutes = new Hono<AppEnv>()
  .get('/me/mail-preferences', async (c) => c.json(await myMailPreferences(c.get('db'), requireCaller(c), c.get('now'))))
  .patch('/me/mail-preferences', validate('json', mailPreferencesBody), async (c) =>
    c.json(await updateMailPreferences(c.get('db'), requireCaller(c), c.req.valid('json'), c.get('now'))),
  );
