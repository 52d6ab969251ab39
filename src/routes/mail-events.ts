/**
 * The mail provider's webhook: bounces and complaints suppress the address (src/domain/mail/events.ts).
 * Called by the provider, never by a member: no session, a signed body instead (MAIL_WEBHOOK_SECRET). Without
 * a secret configured the route does not exist (404); a call without a valid signature is 401.
 */
import { Hono } from 'hono';
import { DomainError } from '../domain/errors';
import { applyMailEvent } from '../domain/mail/events';
import { webhookSignatureValid } from '../domain/mail/webhook-signature';
import type { AppEnv } from '../middleware/env';
import { mailEventBody } from '../schemas/mail-events';

export const mailEventRoutes = new Hono<AppEnv>().post('/mail/events', async (c) => {
  const secret = c.get('deps').config.mailWebhookSecret;
  if (!secret) throw new DomainError('not_found', `No route for POST ${c.req.path}`);
  // The signature covers the exact bytes sent, so the body is read raw and parsed here.
  const raw = await c.req.text();
  if (!(await webhookSignatureValid(secret, (name) => c.req.header(name), raw, c.get('now')))) {
    throw new DomainError('unauthenticated', 'The webhook signature is missing or not valid');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new DomainError('invalid_json', 'The request body is not valid JSON', { issues: [{ path: 'body', message: 'not valid JSON' }] });
  }
  const parsed = mailEventBody.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.length ? i.path.join('.') : 'body', message: i.message }));
    throw new DomainError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  return c.json(await applyMailEvent(c.get('db'), parsed.data, c.get('now')), 200);
});
