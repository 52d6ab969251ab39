/**
 * Liveness and readiness, as load balancers and orchestrators expect them: /healthz says the process answers
 * HTTP (cheap enough to poll often, and it touches nothing); /readyz also reaches the database and reports
 * the mail outbox, so a broken mail setup shows within MAIL_MAX_AGE_MINUTES rather than after a week.
 */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { outboxStatus, type OutboxStatus } from '../domain/mail/status';
import { errorKind } from '../error-kind';
import { errorBody } from '../middleware/errors';
import type { AppEnv } from '../middleware/env';

export const healthRoutes = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ ok: true }))
  .get('/readyz', async (c) => {
    let outbox: OutboxStatus;
    try {
      await c.get('db').run(sql`select 1`);
      outbox = await outboxStatus(c.get('db'), c.get('now'));
    } catch (err) {
      // The driver's kind of failure only: connection strings can carry credentials.
      console.error(`[readyz] database check failed: ${errorKind(err)}`);
      return c.json(errorBody('unavailable', 'The database is not reachable'), 503);
    }
    // Counts and an age only: never an address.
    const maxAgeSeconds = c.get('deps').config.mailMaxAgeMs / 1000;
    if (outbox.oldestUnsentSeconds !== null && outbox.oldestUnsentSeconds > maxAgeSeconds) {
      const minutes = Math.floor(outbox.oldestUnsentSeconds / 60);
      return c.json({ ...errorBody('unavailable', `Mail has been waiting for ${minutes} minute${minutes === 1 ? '' : 's'}: check the mail transport`), outbox }, 503);
    }
    return c.json({ ok: true, outbox });
  });
