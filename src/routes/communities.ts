import { Hono } from 'hono';
import { communityForViewer } from '../domain/communities/access';
import { createCommunity, createInvite, getCommunity, joinCommunity, setMemberRole } from '../domain/communities/communities';
import { directoryPage } from '../domain/directory/listing';
import { todayInCommunity } from '../domain/series/today';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { createCommunityBody, directoryQuery, joinBody, memberParam, setRoleBody, slugParam } from '../schemas';

export const communityRoutes = new Hono<AppEnv>()
  .get('/communities', validate('query', directoryQuery), async (c) => c.json(await directoryPage(c.get('db'), c.get('caller'), c.get('now'), c.req.valid('query'))))
  .post('/communities', validate('json', createCommunityBody), async (c) => {
    const community = await createCommunity(c.get('db'), requireCaller(c), c.req.valid('json'), c.get('now'));
    return c.json(community, 201);
  })
  .get('/communities/:slug', validate('param', slugParam), async (c) =>
    c.json(await getCommunity(c.get('db'), c.req.valid('param').slug, c.get('caller'), c.get('now'))),
  )
  .post('/communities/:slug/join', validate('param', slugParam), validate('json', joinBody), async (c) => {
    const { slug } = c.req.valid('param');
    return c.json(await joinCommunity(c.get('db'), requireCaller(c), slug, c.req.valid('json').inviteCode, c.get('now')));
  })
  .post('/communities/:slug/invites', validate('param', slugParam), async (c) =>
    c.json(await createInvite(c.get('db'), requireCaller(c), c.req.valid('param').slug, c.get('now')), 201),
  )
  .patch('/communities/:slug/members/:userId', validate('param', memberParam), validate('json', setRoleBody), async (c) => {
    const { slug, userId } = c.req.valid('param');
    return c.json(await setMemberRole(c.get('db'), requireCaller(c), slug, userId, c.req.valid('json').role, c.get('now')));
  })
  .get('/communities/:slug/today', validate('param', slugParam), async (c) => {
    const { community } = await communityForViewer(c.get('db'), c.req.valid('param').slug, c.get('caller'));
    return c.json(await todayInCommunity(c.get('db'), community, c.get('now')));
  });
