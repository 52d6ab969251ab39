/**
 * The body of a call from the mail provider, signed with MAIL_WEBHOOK_SECRET: shared by the delivery-event
 * and inbound-mail webhooks. Without a secret configured the route does not exist (404); a bad signature is
 * 401; then the usual 400s for JSON and the schema.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError } from '../domain/errors';
import { webhookSignatureValid } from '../domain/mail/webhook-signature';
import type { AppEnv } from '../middleware/env';

export async function signedWebhookBody<S extends z.ZodType>(c: Context<AppEnv>, schema: S, enabled = true): Promise<z.infer<S>> {
  const secret = c.get('deps').config.mailWebhookSecret;
  if (!secret || !enabled) throw new DomainError('not_found', `No route for POST ${c.req.path}`);
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
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.length ? i.path.join('.') : 'body', message: i.message }));
    throw new DomainError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  return parsed.data;
}
