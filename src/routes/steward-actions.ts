/**
 * What a steward does from the network dashboard (issue 14), and the facilitators' side of a series offer.
 * The /network/... routes answer 404 to anyone but a steward, as the dashboard does; an offer is listed for
 * those who manage its community and decided on by its own facilitators only.
 */
import { Hono } from 'hono';
import { acceptOffer, declineOffer, offerSeries, offersOf, requireSteward, sendNote, setArchived, setShowcasePinned, stewardLogView } from '../domain/stewards';
import type { AppEnv } from '../middleware/env';
import { requireCaller } from '../middleware/auth';
import { rateLimit } from '../middleware/rate-limit';
import { validate } from '../middleware/validate';
import { idParam, slugParam } from '../schemas';
import { acceptOfferBody, noteBody, offerBody } from '../schemas/stewards';

export const stewardActionRoutes = new Hono<AppEnv>()
  .get('/network/log', async (c) => {
    requireSteward(c.get('caller'));
    return c.json({ entries: await stewardLogView(c.get('db')) }, 200);
  })
  .post('/network/communities/:slug/archive', validate('param', slugParam), async (c) => {
    return c.json(await setArchived(c.get('db'), c.get('caller'), c.req.valid('param').slug, true, c.get('now')), 200);
  })
  .delete('/network/communities/:slug/archive', validate('param', slugParam), async (c) => {
    return c.json(await setArchived(c.get('db'), c.get('caller'), c.req.valid('param').slug, false, c.get('now')), 200);
  })
  .post('/network/communities/:slug/showcase', validate('param', slugParam), async (c) => {
    return c.json(await setShowcasePinned(c.get('db'), c.get('caller'), c.req.valid('param').slug, true, c.get('now')), 200);
  })
  .delete('/network/communities/:slug/showcase', validate('param', slugParam), async (c) => {
    return c.json(await setShowcasePinned(c.get('db'), c.get('caller'), c.req.valid('param').slug, false, c.get('now')), 200);
  })
  .post('/network/communities/:slug/notes', rateLimit('stewardNotes'), validate('param', slugParam), validate('json', noteBody), async (c) => {
    const baseUrl = c.get('deps').config.publicUrl ?? new URL(c.req.url).origin;
    const input = { slug: c.req.valid('param').slug, body: c.req.valid('json').body, baseUrl };
    return c.json(await sendNote(c.get('db'), c.get('caller'), input, c.get('now')), 201);
  })
  .post('/network/communities/:slug/series-offers', rateLimit('seriesOffers'), validate('param', slugParam), validate('json', offerBody), async (c) => {
    const input = { slug: c.req.valid('param').slug, ...c.req.valid('json') };
    return c.json(await offerSeries(c.get('db'), c.get('caller'), input, c.get('now')), 201);
  })
  .get('/communities/:slug/series-offers', validate('param', slugParam), async (c) => {
    return c.json(await offersOf(c.get('db'), requireCaller(c), c.req.valid('param').slug), 200);
  })
  .post('/series-offers/:id/accept', validate('param', idParam), validate('json', acceptOfferBody), async (c) => {
    const input = { offerId: c.req.valid('param').id, startDate: c.req.valid('json').startDate };
    return c.json(await acceptOffer(c.get('db'), requireCaller(c), input, c.get('now')), 200);
  })
  .post('/series-offers/:id/decline', validate('param', idParam), async (c) => {
    return c.json(await declineOffer(c.get('db'), requireCaller(c), c.req.valid('param').id, c.get('now')), 200);
  });
