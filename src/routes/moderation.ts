/** Moderation (issue 12): members report answers; facilitators read the queue and log, and act. */
import { Hono } from 'hono';
import { answerIdFor } from '../domain/answers/ids';
import { moderateAnswer } from '../domain/moderation/actions';
import { removeMember } from '../domain/moderation/members';
import { moderationView } from '../domain/moderation/queue';
import { reportAnswer } from '../domain/moderation/reports';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { rateLimit } from '../middleware/rate-limit';
import { validate } from '../middleware/validate';
import { answerIdParam, memberParam, moderationActionParam, reportBody, slugParam } from '../schemas';

export const moderationRoutes = new Hono<AppEnv>()
  .post('/submissions/:id/reports', rateLimit('reports'), validate('param', answerIdParam), validate('json', reportBody), async (c) => {
    const caller = requireCaller(c);
    const submissionId = await answerIdFor(c.get('db'), c.req.valid('param').id, caller);
    const { created, report } = await reportAnswer(c.get('db'), { submissionId, caller, ...c.req.valid('json') }, c.get('now'));
    // A repeated report is the same report: 200 with it, 201 only when this request filed it.
    return c.json(report, created ? 201 : 200);
  })
  .post('/submissions/:id/moderation/:action', validate('param', moderationActionParam), async (c) => {
    const caller = requireCaller(c);
    const { id, action } = c.req.valid('param');
    const submissionId = await answerIdFor(c.get('db'), id, caller);
    const result = await moderateAnswer(c.get('db'), { submissionId, caller, action }, c.get('now'));
    return c.json(result, 200);
  })
  .get('/communities/:slug/moderation', validate('param', slugParam), async (c) =>
    c.json(await moderationView(c.get('db'), { slug: c.req.valid('param').slug, caller: requireCaller(c) }), 200),
  )
  .delete('/communities/:slug/members/:userId', validate('param', memberParam), async (c) => {
    const { slug, userId } = c.req.valid('param');
    const removed = await removeMember(c.get('db'), { slug, userId, caller: requireCaller(c) }, c.get('now'));
    return c.json(removed, 200);
  });
