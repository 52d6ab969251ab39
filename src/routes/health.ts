/**
 * Liveness and readiness, as load balancers and orchestrators expect them: /healthz says the process answers
 * HTTP (cheap enough to poll often, and it touches nothing); /readyz also reaches the database.
 */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { errorKind } from '../error-kind';
import { errorBody } from '../middleware/errors';
import type { AppEnv } from '../middleware/env';

export const healthRoutes = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ ok: true }))
  .get('/readyz', async (c) => {
    try {
      await c.get('db').run(sql`select 1`);
    } catch (err) {
      // The driver's kind of failure only: connection strings can carry credentials.
      console.error(`[readyz] database check failed: ${errorKind(err)}`);
      return c.json(errorBody('unavailable', 'The database is not reachable'), 503);
    }
    return c.json({ ok: true });
  });
