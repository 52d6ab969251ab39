/**
 * The facilitators' moderation page, /c/:slug/moderation (the 404 page for everyone else, as the spotlight
 * queue), and its no-JavaScript forms: the same moderateAnswer and removeMember as the API, then back.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { communityForViewer } from '../../domain/communities/access';
import { reportedNotes } from '../../domain/connect/note-moderation';
import { DomainError } from '../../domain/errors';
import { moderateAnswer } from '../../domain/moderation/actions';
import { removeMember } from '../../domain/moderation/members';
import { moderationView } from '../../domain/moderation/queue';
import type { AppEnv } from '../../middleware/env';
import { moderationActions } from '../../schemas';
import { translator } from '../../../web/src/i18n';
import { formBodyLimit, localPath, renderNotFound, renderPage, viewerLang } from './render';

const actionForm = z.object({ submissionId: z.coerce.number().int().positive(), action: z.enum(moderationActions) });
const memberForm = z.object({ userId: z.coerce.number().int().positive() });

/** The view itself checks the role; anyone who is not a facilitator gets the ordinary 404 page. */
async function viewFor(c: Context<AppEnv>, slug: string) {
  const { db, caller } = c.var;
  if (!caller) return null;
  try {
    const { role } = await communityForViewer(db, slug, caller);
    if (role !== 'facilitator') return null;
    return await moderationView(db, { slug, caller });
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'forbidden')) return null;
    throw err;
  }
}

const invalid = () => new DomainError('invalid_input', 'Pick an answer or a member, and an action');

export const moderationPageRoutes = new Hono<AppEnv>()
  .get('/c/:slug/moderation', async (c) => {
    const view = await viewFor(c, c.req.param('slug'));
    if (!view) return renderNotFound(c);
    const t = translator(viewerLang(c));
    // Notes the authors reported (issue 15), beside the answers' reports.
    const notes = (await reportedNotes(c.var.db, { slug: view.community.slug, caller: c.var.caller! })).notes;
    return renderPage(c, 'Moderation', { view, done: c.req.query('done') === '1', notes }, { title: t('moderation.title', { community: view.community.name }) });
  })
  .post('/c/:slug/moderation', formBodyLimit(4096), async (c) => {
    const caller = c.get('caller');
    if (!caller) return renderNotFound(c);
    const body = await c.req.parseBody();
    const form = actionForm.safeParse(body);
    if (!form.success) throw invalid();
    await moderateAnswer(c.get('db'), { ...form.data, caller }, c.get('now'));
    const page = `/c/${encodeURIComponent(c.req.param('slug'))}/moderation`;
    const next = localPath(body.next, page);
    // A removed answer's page no longer exists, even for facilitators: come back to this page then.
    const back = form.data.action === 'remove' || next === page ? `${page}?done=1` : next;
    return c.redirect(back, 303);
  })
  .post('/c/:slug/moderation/members', formBodyLimit(1024), async (c) => {
    const caller = c.get('caller');
    if (!caller) return renderNotFound(c);
    const form = memberForm.safeParse(await c.req.parseBody());
    if (!form.success) throw invalid();
    const slug = c.req.param('slug');
    await removeMember(c.get('db'), { slug, userId: form.data.userId, caller }, c.get('now'));
    return c.redirect(`/c/${encodeURIComponent(slug)}/moderation?done=1`, 303);
  });
