/** Live sessions (issue 15): a community's sessions, scheduling and cancelling (facilitators), one session with its answers. */
import { Hono } from 'hono';
import { sessionAnswers } from '../domain/live/session-answers';
import { cancelSession, listSessions, scheduleSession, sessionForViewer } from '../domain/live/sessions';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { slugParam } from '../schemas';
import { liveSessionBody, liveSessionParam } from '../schemas/live';

export const liveRoutes = new Hono<AppEnv>()
  .get('/communities/:slug/live-sessions', validate('param', slugParam), async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(await listSessions(c.get('db'), c.get('caller'), c.req.valid('param').slug, c.get('now')));
  })
  .post('/communities/:slug/live-sessions', validate('param', slugParam), validate('json', liveSessionBody), async (c) => {
    const input = { ...c.req.valid('json'), caller: requireCaller(c), slug: c.req.valid('param').slug };
    return c.json(await scheduleSession(c.get('db'), input, c.get('now')), 201);
  })
  .get('/live-sessions/:id', validate('param', liveSessionParam), async (c) => {
    const caller = c.get('caller');
    const { session, view, role } = await sessionForViewer(c.get('db'), c.req.valid('param').id, caller, c.get('now'));
    const answers = await sessionAnswers(c.get('db'), session, { role, callerId: caller?.id ?? null });
    c.header('Cache-Control', 'private, no-store');
    return c.json({ session: view, answers });
  })
  .delete('/live-sessions/:id', validate('param', liveSessionParam), async (c) =>
    c.json(await cancelSession(c.get('db'), { caller: requireCaller(c), id: c.req.valid('param').id }, c.get('now'))),
  );
