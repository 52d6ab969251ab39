/** Badges, spotlights, the member's notifications and the weekly shout-out roll. */
import { Hono, type Context } from 'hono';
import { answerIdFor } from '../domain/answers/ids';
import { badgeCredential, seriesCredential } from '../domain/badges/credentials';
import { catalog } from '../domain/badges/catalog';
import { myBadges } from '../domain/badges/views';
import { listNotifications, markNotificationRead } from '../domain/recognition/notifications';
import { readRoll } from '../domain/recognition/shoutouts';
import { removeSpotlight, spotlightAnswer, spotlightQueue } from '../domain/recognition/spotlight';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import {
  answerIdParam, badgeParam, idParam, notificationsQuery, slugParam, spotlightBody, spotlightQueueQuery, weekParam,
} from '../schemas';

/** Links inside a credential must work from anywhere: the configured public URL, else this request's origin. */
const credentialRequest = (c: Context<AppEnv>) => ({
  caller: requireCaller(c),
  baseUrl: c.get('deps').config.publicUrl ?? new URL(c.req.url).origin,
  signingKey: c.get('deps').config.credentialSigningKey,
});

/** JSON-LD, offered as a file download so a member can keep it or add it to a portfolio. */
const credentialResponse = (c: Context<AppEnv>, credential: unknown, name: string) =>
  c.body(JSON.stringify(credential, null, 2), 200, {
    'Content-Type': 'application/ld+json',
    'Content-Disposition': `attachment; filename="kindling-${name}.json"`,
  });

export const recognitionBadgeRoutes = new Hono<AppEnv>()
  .get('/badges', (c) => c.json({ badges: catalog() }, 200))
  .get('/communities/:slug/badges/me', validate('param', slugParam), async (c) =>
    c.json(await myBadges(c.get('db'), { slug: c.req.valid('param').slug, caller: requireCaller(c) }, c.get('now')), 200),
  )
  .get('/communities/:slug/badges/me/:badgeId/credential', validate('param', badgeParam), async (c) => {
    const { slug, badgeId } = c.req.valid('param');
    const credential = await badgeCredential(c.get('db'), { ...credentialRequest(c), slug, badgeId }, c.get('now'));
    return credentialResponse(c, credential, badgeId);
  })
  .get('/series/:id/credential', validate('param', idParam), async (c) => {
    const seriesId = c.req.valid('param').id;
    const credential = await seriesCredential(c.get('db'), { ...credentialRequest(c), seriesId }, c.get('now'));
    return credentialResponse(c, credential, `series-${seriesId}`);
  })
  .post('/submissions/:id/spotlight', validate('param', answerIdParam), validate('json', spotlightBody), async (c) => {
    const caller = requireCaller(c);
    const input = { submissionId: await answerIdFor(c.get('db'), c.req.valid('param').id, caller), caller, note: c.req.valid('json').note };
    const spotlight = await spotlightAnswer(c.get('db'), input, c.get('now'));
    return c.json(spotlight, 200);
  })
  .delete('/submissions/:id/spotlight', validate('param', answerIdParam), async (c) => {
    const caller = requireCaller(c);
    const input = { submissionId: await answerIdFor(c.get('db'), c.req.valid('param').id, caller), caller };
    const removed = await removeSpotlight(c.get('db'), input, c.get('now'));
    return c.json(removed, 200);
  })
  .get('/communities/:slug/spotlight-queue', validate('param', slugParam), validate('query', spotlightQueueQuery), async (c) => {
    const input = { slug: c.req.valid('param').slug, caller: requireCaller(c), limit: c.req.valid('query').limit };
    return c.json(await spotlightQueue(c.get('db'), input, c.get('now')), 200);
  })
  .get('/me/notifications', validate('query', notificationsQuery), async (c) =>
    c.json(await listNotifications(c.get('db'), { caller: requireCaller(c), ...c.req.valid('query') }), 200),
  )
  .post('/me/notifications/:id/read', validate('param', idParam), async (c) => {
    const input = { caller: requireCaller(c), id: c.req.valid('param').id };
    return c.json(await markNotificationRead(c.get('db'), input, c.get('now')), 200);
  })
  .get('/communities/:slug/weeks/:isoWeek', validate('param', weekParam), async (c) => {
    const input = { ...c.req.valid('param'), caller: c.get('caller') };
    return c.json(await readRoll(c.get('db'), input, c.get('now'), c.get('deps').dataVersion?.()), 200);
  });
