/**
 * An answer's permalink page (404 unless the viewer may see it, by the gallery's rule), with Open Graph
 * tags that never name an anonymous author; and the no-JavaScript handlers of its kudos form and of the
 * author's settings forms (who sees it, "show my name on it").
 */
import { Hono } from 'hono';
import { authorAnswer, updateAnswerSettings } from '../../domain/answers/settings';
import { answerIdFor, parseAnswerRef } from '../../domain/answers/ids';
import { getAnswer, kudosGivenBy } from '../../domain/answers/permalink';
import { DomainError } from '../../domain/errors';
import { giveKudos } from '../../domain/answers/kudos';
import type { AppEnv } from '../../middleware/env';
import { enforce } from '../../middleware/rate-limit';
import { shareForAuthor } from '../../domain/answers/share';
import { answerSettingsBody, kudosBody, reportBody } from '../../schemas';
import { reportAnswer } from '../../domain/moderation/reports';
import { notesOnAnswer } from '../../domain/connect/notes';
import { translator } from '../../../web/src/i18n';
import { answerCardMeta } from './answer-card-meta';
import { formBodyLimit, localPath, renderNotFound, renderPage, viewerLang } from './render';

/** A sequential id or an anonymous answer's public id (src/domain/answers/ids.ts). */
export const ANSWER_REF = '{[0-9a-f]{1,32}}';

const savedKind = (value: string | undefined): 'claimed' | 'visibility' | null => (value === 'claimed' || value === 'visibility' ? value : null);

const excerpt = (text: string, max = 200) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};


export const answerPageRoutes = new Hono<AppEnv>()
  .get(`/a/:id${ANSWER_REF}`, async (c) => {
    const { db, caller, now } = c.var;
    const ref = parseAnswerRef(c.req.param('id'));
    if (ref === null) return renderNotFound(c);
    const found = await getAnswer(db, ref, caller);
    const { answer, submissionId, prompt, community, role } = found;
    const given = caller ? ((await kudosGivenBy(db, caller.id, [answer.id]))[answer.id] ?? []) : [];
    const t = translator(viewerLang(c));
    const title = t('answer.title', { community: community.name });
    const base = c.get('deps').config.publicUrl ?? new URL(c.req.url).origin;
    // The author's own tools; `mine` is only ever set for the author.
    let own = null;
    if (caller && answer.mine) {
      const { id, visibility, anonymous } = await authorAnswer(db, submissionId, caller);
      const share = await shareForAuthor(db, { submissionId, caller, baseUrl: base });
      own = { settings: { id, visibility, anonymous }, share, name: caller.name, saved: savedKind(c.req.query('changed')) };
    }
    // answer.author is already null for anonymous answers (unless the viewer is a facilitator): the tags
    // are built from the public shape only, so they can never name an anonymous author.
    // Encouragement notes (issue 15): members of the community only; each reads what note-rules allow.
    let notes = null;
    if (caller && role !== 'visitor') {
      const found = await notesOnAnswer(db, { submissionId, caller });
      const sentOne = found.notes.some((n) => n.reader === 'sender');
      notes = { notes: found.notes, notesOff: found.notesOff, canSend: !answer.mine && !sentOne, problem: c.req.query('note') ?? null };
    }
    const ogTitle = answer.author && !answer.anonymous ? t('answer.ogTitleNamed', { name: answer.author.name, community: community.name }) : title;
    return renderPage(
      c,
      'Answer',
      {
        community,
        prompt,
        answer,
        given,
        access: caller === null ? 'signedOut' : role === 'visitor' ? 'visitor' : 'member',
        now: now.toISOString(),
        own,
        // Members reading someone else's answer may report it; facilitators act on it from here.
        report: caller && role !== 'visitor' && !answer.mine ? { done: c.req.query('reported') === '1' } : null,
        moderate: role === 'facilitator' ? { submissionId } : null,
        notes,
      },
      {
        title,
        meta: {
          'og:type': 'article',
          'og:site_name': t('app.name'),
          'og:title': ogTitle,
          'og:description': excerpt(answer.body),
          'og:url': new URL(`/a/${answer.id}`, base).href,
          ...answerCardMeta(new URL(`/a/${answer.id}/card.png`, base).href, t('card.alt', { community: community.name })),
        },
      },
    );
  })
  .post(`/a/:id${ANSWER_REF}/kudos`, formBodyLimit(4096), async (c) => {
    const caller = c.get('caller');
    if (!caller) return c.redirect('/sign-in', 303);
    const form = await c.req.parseBody();
    const ref = parseAnswerRef(c.req.param('id'));
    if (ref === null) return renderNotFound(c);
    const id = c.req.param('id');
    const back = `${localPath(form.next, `/a/${id}`)}#answer-${id}`;
    const parsed = kudosBody.safeParse({ kind: form.kind });
    if (!parsed.success) return c.redirect(back, 303);
    // Past the limit this answers 429 with Retry-After, as the API does: by hand, 120 a minute never happens.
    await enforce(c, 'kudos', caller.id);
    try {
      const submissionId = await answerIdFor(c.get('db'), ref, caller);
      await giveKudos(c.get('db'), { submissionId, caller, kind: parsed.data.kind }, c.get('now'));
    } catch (err) {
      // Not a member, or one's own answer: the page already says so; just go back to it.
      if (!(err instanceof DomainError && err.code === 'forbidden')) throw err;
    }
    return c.redirect(back, 303);
  })
  .post(`/a/:id${ANSWER_REF}/report`, formBodyLimit(4096), async (c) => {
    // The same report as POST /api/submissions/:id/reports, then back to the answer saying it was sent.
    const caller = c.get('caller');
    if (!caller) return c.redirect('/sign-in', 303);
    const ref = parseAnswerRef(c.req.param('id'));
    if (ref === null) return renderNotFound(c);
    // The API's reports limit (429 with Retry-After): 20 an hour is far past what a person reports by hand.
    await enforce(c, 'reports', caller.id);
    const form = await c.req.parseBody();
    const parsed = reportBody.safeParse({ reason: form.reason, note: typeof form.note === 'string' ? form.note : undefined });
    if (!parsed.success) throw new DomainError('invalid_input', 'Pick a reason, and keep the note to 500 characters');
    const submissionId = await answerIdFor(c.get('db'), ref, caller);
    await reportAnswer(c.get('db'), { submissionId, caller, ...parsed.data }, c.get('now'));
    return c.redirect(`/a/${c.req.param('id')}?reported=1#report`, 303);
  })
  .post(`/a/:id${ANSWER_REF}/settings`, formBodyLimit(4096), async (c) => {
    // The same change as PATCH /api/submissions/:id, then back to the page the form was on.
    const caller = c.get('caller');
    if (!caller) return c.redirect('/sign-in', 303);
    const form = await c.req.parseBody();
    const ref = parseAnswerRef(c.req.param('id'));
    if (ref === null) return renderNotFound(c);
    const id = c.req.param('id');
    const next = localPath(form.next, `/a/${id}`);
    const parsed = answerSettingsBody.safeParse({
      visibility: typeof form.visibility === 'string' ? form.visibility : undefined,
      anonymous: form.anonymous === 'false' ? false : undefined,
    });
    if (!parsed.success) return c.redirect(next, 303);
    const submissionId = await answerIdFor(c.get('db'), ref, caller);
    await updateAnswerSettings(c.get('db'), { submissionId, caller, ...parsed.data }, c.get('now'));
    const changed = parsed.data.anonymous === false ? 'claimed' : 'visibility';
    const [path, hash] = next.split('#');
    const anchor = path === '/me' ? `#my-answer-${id}` : hash ? `#${hash}` : '';
    return c.redirect(`${path}${path!.includes('?') ? '&' : '?'}changed=${changed}&answer=${id}${anchor}`, 303);
  });
