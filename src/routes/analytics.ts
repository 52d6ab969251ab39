/** Community analytics for facilitators: JSON, and the same figures as CSV for a spreadsheet. */
import { Hono } from 'hono';
import { analyticsCsv, communityAnalyticsFor } from '../domain/analytics';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { slugParam } from '../schemas';
import { yieldToRequests } from '../yield-to-requests';

export const analyticsRoutes = new Hono<AppEnv>()
  .get('/communities/:slug/analytics', validate('param', slugParam), async (c) => {
    const input = { slug: c.req.valid('param').slug, caller: requireCaller(c) };
    // The day's first view may compute the snapshot: in parts, letting other requests go first.
    return c.json(await communityAnalyticsFor(c.get('db'), input, c.get('now'), { pause: yieldToRequests }), 200);
  })
  .get('/communities/:slug/analytics.csv', validate('param', slugParam), async (c) => {
    const input = { slug: c.req.valid('param').slug, caller: requireCaller(c) };
    const analytics = await communityAnalyticsFor(c.get('db'), input, c.get('now'), { pause: yieldToRequests });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${analytics.community.slug}-analytics-${analytics.asOf}.csv"`);
    c.header('Cache-Control', 'private, no-cache');
    return c.body(analyticsCsv(analytics), 200);
  });
