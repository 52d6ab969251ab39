/** Recognition: a member's weekly rhythm and rest weeks, the confidence ladder and its funnel, and nudges. */
import { Hono } from 'hono';
import { facilitatorMarksMainSpace, ladderFunnel, myLadder, reportMainSpace } from '../domain/recognition/ladder';
import { dismissNudge, myNudges } from '../domain/recognition/nudges';
import { addRestWeek, myRhythm, removeRestWeek, setRhythmGoal } from '../domain/recognition/rhythm-member';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { idParam, memberParam, restWeekBody, restWeekParam, rhythmGoalBody, slugParam } from '../schemas';
import { yieldToRequests } from '../yield-to-requests';

export const recognitionRoutes = new Hono<AppEnv>()
  .get('/communities/:slug/rhythm/me', validate('param', slugParam), async (c) => {
    const input = { slug: c.req.valid('param').slug, caller: requireCaller(c) };
    return c.json(await myRhythm(c.get('db'), input, c.get('now')), 200);
  })
  .patch('/communities/:slug/rhythm/me', validate('param', slugParam), validate('json', rhythmGoalBody), async (c) => {
    const input = { slug: c.req.valid('param').slug, caller: requireCaller(c), goal: c.req.valid('json').goal };
    return c.json(await setRhythmGoal(c.get('db'), input, c.get('now')), 200);
  })
  .post('/communities/:slug/rhythm/rest-weeks', validate('param', slugParam), validate('json', restWeekBody), async (c) => {
    const input = { slug: c.req.valid('param').slug, caller: requireCaller(c), day: c.req.valid('json').weekOf };
    return c.json(await addRestWeek(c.get('db'), input, c.get('now')), 201);
  })
  .delete('/communities/:slug/rhythm/rest-weeks/:weekOf', validate('param', restWeekParam), async (c) => {
    const { slug, weekOf } = c.req.valid('param');
    return c.json(await removeRestWeek(c.get('db'), { slug, caller: requireCaller(c), day: weekOf }, c.get('now')), 200);
  })
  .get('/communities/:slug/ladder/me', validate('param', slugParam), async (c) => {
    const input = { slug: c.req.valid('param').slug, caller: requireCaller(c) };
    return c.json(await myLadder(c.get('db'), input, c.get('now')), 200);
  })
  .post('/communities/:slug/ladder/main-space', validate('param', slugParam), async (c) => {
    const input = { slug: c.req.valid('param').slug, caller: requireCaller(c) };
    return c.json(await reportMainSpace(c.get('db'), input, c.get('now')), 200);
  })
  .get('/communities/:slug/ladder/funnel', validate('param', slugParam), async (c) => {
    const input = { slug: c.req.valid('param').slug, caller: requireCaller(c) };
    return c.json(await ladderFunnel(c.get('db'), input, { pause: yieldToRequests }), 200);
  })
  .post('/communities/:slug/members/:userId/main-space', validate('param', memberParam), async (c) => {
    const { slug, userId } = c.req.valid('param');
    return c.json(await facilitatorMarksMainSpace(c.get('db'), { slug, userId, caller: requireCaller(c) }, c.get('now')), 200);
  })
  .get('/me/nudges', async (c) => c.json(await myNudges(c.get('db'), requireCaller(c)), 200))
  .post('/me/nudges/:id/dismiss', validate('param', idParam), async (c) => {
    const input = { caller: requireCaller(c), id: c.req.valid('param').id };
    return c.json(await dismissNudge(c.get('db'), input, c.get('now')), 200);
  });
