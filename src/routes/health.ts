import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';

export const healthRoutes = new Hono<AppEnv>().get('/healthz', async (c) => {
  await c.var.db.run(sql`select 1`);
  return c.json({ ok: true });
});
