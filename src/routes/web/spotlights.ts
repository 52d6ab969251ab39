/**
 * The facilitators' spotlight queue page, /c/:slug/spotlights (404 for everyone else, as the series editor),
 * and its no-JavaScript form: the same spotlightAnswer as POST /api/submissions/:id/spotlight.
 */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors';
import { spotlightAnswer, spotlightQueue } from '../../domain/recognition/spotlight';
import { communityForViewer } from '../../domain/communities/access';
import type { AppEnv } from '../../middleware/env';
import { spotlightBody, spotlightQueueQuery } from '../../schemas';
import { translator } from '../../../web/src/i18n';
import { formBodyLimit, renderNotFound, renderPage, viewerLang } from './render';

const { limit: QUEUE_SIZE } = spotlightQueueQuery.parse({});

/** The queue itself checks the role; anyone who is not a facilitator gets the ordinary 404 page. */
async function queueFor(c: Context<AppEnv>, slug: string) {
  const { db, caller, now } = c.var;
  if (!caller) return null;
  try {
    const { community, role } = await communityForViewer(db, slug, caller);
    if (role !== 'facilitator') return null;
    return { community, queue: await spotlightQueue(db, { slug, caller, limit: QUEUE_SIZE }, now) };
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'forbidden')) return null;
    throw err;
  }
}

export const spotlightPageRoutes = new Hono<AppEnv>()
  .get('/c/:slug/spotlights', async (c) => {
    const found = await queueFor(c, c.req.param('slug'));
    if (!found) return renderNotFound(c);
    const done = Number(c.req.query('done'));
    const t = translator(viewerLang(c));
    return renderPage(
      c,
      'SpotlightQueue',
      { community: { slug: found.community.slug, name: found.community.name }, queue: found.queue, done: Number.isSafeInteger(done) && done > 0 ? done : null },
      { title: t('spotlights.title', { community: found.community.name }) },
    );
  })
  .post('/c/:slug/spotlights', formBodyLimit(4096), async (c) => {
    const slug = c.req.param('slug');
    const caller = c.get('caller');
    if (!caller) return renderNotFound(c);
    const form = await c.req.parseBody();
    const id = Number(form.submissionId);
    const note = spotlightBody.safeParse({ note: typeof form.note === 'string' ? form.note : undefined });
    if (!Number.isSafeInteger(id) || id <= 0 || !note.success) throw new DomainError('invalid_input', 'Pick an answer, and keep the note to 280 characters');
    await spotlightAnswer(c.get('db'), { submissionId: id, caller, note: note.data.note }, c.get('now'));
    return c.redirect(`/c/${encodeURIComponent(slug)}/spotlights?done=${id}`, 303);
  });
