/**
 * The pages of the stewards' actions (issue 14), working without JavaScript (forms, then redirect):
 * - /network/c/:slug, a steward's page for one community: archive or reopen it, pin it on the home page,
 *   write to its facilitators, offer it a showcase community's series, and what was offered. 404 page for
 *   anyone but a steward.
 * - /c/:slug/offers, the facilitators' side: the series offered to their community, to accept with a start
 *   date or decline. 404 page for anyone who does not manage the community.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError } from '../../domain/errors';
import { acceptOffer, declineOffer, offerSeries, offersOf, sendNote, setArchived, setShowcasePinned, stewardCommunityPage } from '../../domain/stewards';
import { enforce } from '../../middleware/rate-limit';
import type { AppEnv } from '../../middleware/env';
import { acceptOfferBody, noteBody, offerBody } from '../../schemas/stewards';
import { translator } from '../../../web/src/i18n';
import { formBodyLimit, renderNotFound, renderPage, viewerLang } from './render';

const switchForm = z.object({ on: z.enum(['1', '0']) });
const offerForm = z.object({ seriesId: z.coerce.number().int().positive(), note: offerBody.shape.note });

const stewardPath = (slug: string) => `/network/c/${encodeURIComponent(slug)}`;
const offersPath = (slug: string) => `/c/${encodeURIComponent(slug)}/offers`;

/** A domain 404 or 403 shows the ordinary 404 page, as the dashboard does for anyone but a steward. */
async function orNotFound<T>(c: Context<AppEnv>, run: () => Promise<T>): Promise<T | Response> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'forbidden')) return renderNotFound(c);
    throw err;
  }
}

const invalid = (message: string) => new DomainError('invalid_input', message);

export const stewardActionPageRoutes = new Hono<AppEnv>()
  .get('/network/c/:slug', async (c) => {
    const page = await orNotFound(c, () => stewardCommunityPage(c.var.db, c.var.caller, c.req.param('slug'), c.var.now));
    if (page instanceof Response) return page;
    const t = translator(viewerLang(c));
    const done = c.req.query('done');
    return renderPage(c, 'NetworkCommunity', { ...page, done: done ?? null }, { title: t('stewardActions.title', { community: page.community.name }) });
  })
  .post('/network/c/:slug/archive', formBodyLimit(1024), async (c) => {
    const form = switchForm.safeParse(await c.req.parseBody());
    if (!form.success) throw invalid('Say whether to archive or reopen');
    const done = await orNotFound(c, () => setArchived(c.var.db, c.var.caller, c.req.param('slug'), form.data.on === '1', c.var.now));
    return done instanceof Response ? done : c.redirect(`${stewardPath(c.req.param('slug'))}?done=${form.data.on === '1' ? 'archived' : 'reopened'}`, 303);
  })
  .post('/network/c/:slug/showcase', formBodyLimit(1024), async (c) => {
    const form = switchForm.safeParse(await c.req.parseBody());
    if (!form.success) throw invalid('Say whether to pin or unpin');
    const done = await orNotFound(c, () => setShowcasePinned(c.var.db, c.var.caller, c.req.param('slug'), form.data.on === '1', c.var.now));
    return done instanceof Response ? done : c.redirect(`${stewardPath(c.req.param('slug'))}?done=${form.data.on === '1' ? 'pinned' : 'unpinned'}`, 303);
  })
  .post('/network/c/:slug/notes', formBodyLimit(16 * 1024), async (c) => {
    if (!c.var.caller?.isSteward) return renderNotFound(c);
    const form = noteBody.safeParse(await c.req.parseBody());
    if (!form.success) throw invalid('Write a note of 1 to 2000 characters');
    await enforce(c, 'stewardNotes', c.var.caller.id);
    const baseUrl = c.get('deps').config.publicUrl ?? new URL(c.req.url).origin;
    await sendNote(c.var.db, c.var.caller, { slug: c.req.param('slug'), body: form.data.body, baseUrl }, c.var.now);
    return c.redirect(`${stewardPath(c.req.param('slug'))}?done=noted`, 303);
  })
  .post('/network/c/:slug/series-offers', formBodyLimit(4096), async (c) => {
    if (!c.var.caller?.isSteward) return renderNotFound(c);
    const form = offerForm.safeParse(await c.req.parseBody());
    if (!form.success) throw invalid('Pick a series to offer');
    await enforce(c, 'seriesOffers', c.var.caller.id);
    await offerSeries(c.var.db, c.var.caller, { slug: c.req.param('slug'), ...form.data }, c.var.now);
    return c.redirect(`${stewardPath(c.req.param('slug'))}?done=offered`, 303);
  })
  .get('/c/:slug/offers', async (c) => {
    if (!c.var.caller) return renderNotFound(c);
    const view = await orNotFound(c, () => offersOf(c.var.db, c.var.caller, c.req.param('slug')));
    if (view instanceof Response) return view;
    const t = translator(viewerLang(c));
    const today = c.var.now.toISOString().slice(0, 10);
    return renderPage(c, 'SeriesOffers', { ...view, today, done: c.req.query('done') ?? null }, { title: t('offers.title', { community: view.community.name }) });
  })
  .post('/c/:slug/offers/:id{[0-9]{1,15}}/accept', formBodyLimit(1024), async (c) => {
    const caller = c.var.caller;
    if (!caller) return renderNotFound(c);
    const form = acceptOfferBody.safeParse(await c.req.parseBody());
    if (!form.success) throw invalid('Pick a start date');
    const done = await orNotFound(c, () => acceptOffer(c.var.db, caller, { offerId: Number(c.req.param('id')), startDate: form.data.startDate }, c.var.now));
    return done instanceof Response ? done : c.redirect(`${offersPath(c.req.param('slug'))}?done=accepted`, 303);
  })
  .post('/c/:slug/offers/:id{[0-9]{1,15}}/decline', formBodyLimit(1024), async (c) => {
    const caller = c.var.caller;
    if (!caller) return renderNotFound(c);
    const done = await orNotFound(c, () => declineOffer(c.var.db, caller, Number(c.req.param('id')), c.var.now));
    return done instanceof Response ? done : c.redirect(`${offersPath(c.req.param('slug'))}?done=declined`, 303);
  });
