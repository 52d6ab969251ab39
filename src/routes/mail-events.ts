/**
 * The mail provider's webhook: bounces and complaints suppress the address (src/domain/mail/events.ts).
 * Called by the provider, never by a member: no session, a signed body instead (MAIL_WEBHOOK_SECRET). Without
 * a secret configured the route does not exist (404); a call without a valid signature is 401.
 */
import { Hono } from 'hono';
import { applyMailEvent } from '../domain/mail/events';
import type { AppEnv } from '../middleware/env';
import { mailEventBody } from '../schemas/mail-events';
import { signedWebhookBody } from './signed-webhook';

export const mailEventRoutes = new Hono<AppEnv>().post('/mail/events', async (c) => {
  const event = await signedWebhookBody(c, mailEventBody);
  return c.json(await applyMailEvent(c.get('db'), event, c.get('now')), 200);
});
