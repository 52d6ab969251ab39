/**
 * Pages of connect (issue 15): "who can help" with the viewer's own "ask me about" settings, and the plain-form
 * handlers of encouragement notes on an answer's page. Each handler does what its API route does, then
 * redirects back (POST, redirect, GET), so everything works without JavaScript.
 */
import { Hono, type Context } from 'hono';
import { answerIdFor, parseAnswerRef } from '../../domain/answers/ids';
import { communityForViewer } from '../../domain/communities/access';
import { blockNoteSender, unblockNoteSender } from '../../domain/connect/blocks';
import { whoCanHelp } from '../../domain/connect/helpers';
import { noteFor } from '../../domain/connect/note-access';
import { markNoteHelpful } from '../../domain/connect/note-helpful';
import { moderateNote, reportNote } from '../../domain/connect/note-moderation';
import { replyToNote, sendNote } from '../../domain/connect/notes';
import { myConnect, updateConnect } from '../../domain/connect/settings';
import { DomainError } from '../../domain/errors';
import { visibleAnswer } from '../../domain/answers/submissions';
import type { AppEnv } from '../../middleware/env';
import { enforce } from '../../middleware/rate-limit';
import { idParam, slugParam } from '../../schemas';
import { connectSettingsBody, noteBody, noteReplyBody } from '../../schemas/connect';
import { translator } from '../../../web/src/i18n';
import { formBodyLimit, renderNotFound, renderPage, viewerLang } from './render';

const ANSWER_REF = '{[0-9a-f]{1,32}}';
const NOTE_ACTIONS = ['reply', 'helpful', 'report', 'block', 'hide', 'restore'] as const;

const signIn = (c: Context<AppEnv>) => c.redirect(`/sign-in?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);

/** What a refused note says on the page, by the domain's code. */
const PROBLEM: Partial<Record<string, string>> = { notes_off: 'refused', already_noted: 'already', invalid_input: 'invalid' };

export const connectPageRoutes = new Hono<AppEnv>()
  .get('/c/:slug/helpers', async (c) => {
    const caller = c.get('caller');
    if (!caller) return signIn(c);
    const slug = slugParam.safeParse(c.req.param());
    if (!slug.success) return renderNotFound(c);
    const db = c.get('db');
    const { community, role } = await communityForViewer(db, slug.data.slug, caller);
    const t = translator(viewerLang(c));
    const q = (c.req.query('q') ?? '').slice(0, 60);
    const member = role !== 'visitor';
    const props = {
      community: { slug: community.slug, name: community.name },
      q,
      helpers: member ? (await whoCanHelp(db, { slug: community.slug, caller, q })).helpers : null,
      mine: member ? await myConnect(db, { slug: community.slug, caller }) : null,
      saved: c.req.query('saved') === '1',
    };
    return renderPage(c, 'Helpers', props, { title: t('helpers.title', { community: community.name }) });
  })
  .post('/c/:slug/helpers/settings', formBodyLimit(4096), async (c) => {
    const caller = c.get('caller');
    if (!caller) return signIn(c);
    const slug = c.req.param('slug');
    const form = await c.req.parseBody();
    const topics = typeof form.topics === 'string' ? form.topics.split(/\r?\n/).filter((line) => line.trim()) : [];
    const parsed = connectSettingsBody.safeParse({ askOptIn: form.askOptIn === 'on', notesOff: form.notesOff === 'on', topics });
    if (!parsed.success) throw new DomainError('invalid_input', 'At most 5 topics of 60 characters');
    await updateConnect(c.get('db'), { slug, caller, ...parsed.data }, c.get('now'));
    return c.redirect(`/c/${encodeURIComponent(slug)}/helpers?saved=1#mine`, 303);
  })
  .post('/c/:slug/helpers/unblock', formBodyLimit(1024), async (c) => {
    const caller = c.get('caller');
    if (!caller) return signIn(c);
    const slug = c.req.param('slug');
    const userId = idParam.safeParse({ id: (await c.req.parseBody()).userId });
    if (userId.success) await unblockNoteSender(c.get('db'), { slug, userId: userId.data.id, caller });
    return c.redirect(`/c/${encodeURIComponent(slug)}/helpers#mine`, 303);
  })
  .post(`/a/:id${ANSWER_REF}/notes`, formBodyLimit(4096), async (c) => {
    const caller = c.get('caller');
    if (!caller) return signIn(c);
    const ref = parseAnswerRef(c.req.param('id'));
    if (ref === null) return renderNotFound(c);
    const back = `/a/${c.req.param('id')}`;
    await enforce(c, 'notes', caller.id);
    // An answer the caller may not see is the 404 page, whatever the form holds.
    const submissionId = await answerIdFor(c.get('db'), ref, caller);
    await visibleAnswer(c.get('db'), submissionId, caller);
    const form = await c.req.parseBody();
    const parsed = noteBody.safeParse({ starter: form.starter, text: form.text });
    if (!parsed.success) return c.redirect(`${back}?note=invalid#notes`, 303);
    try {
      await sendNote(c.get('db'), { submissionId, caller, ...parsed.data }, c.get('now'));
    } catch (err) {
      const problem = err instanceof DomainError ? PROBLEM[err.code] : undefined;
      if (!problem) throw err;
      return c.redirect(`${back}?note=${problem}#notes`, 303);
    }
    return c.redirect(`${back}#notes`, 303);
  })
  .post(`/a/:id${ANSWER_REF}/notes/:noteId{[0-9]{1,15}}/:action`, formBodyLimit(4096), async (c) => {
    const caller = c.get('caller');
    if (!caller) return signIn(c);
    const action = NOTE_ACTIONS.find((a) => a === c.req.param('action'));
    if (!action || parseAnswerRef(c.req.param('id')) === null) return renderNotFound(c);
    const db = c.get('db');
    const now = c.get('now');
    const noteId = Number(c.req.param('noteId'));
    const back = `/a/${c.req.param('id')}`;
    if (action === 'reply') {
      await enforce(c, 'notes', caller.id);
      await noteFor(db, noteId, caller); // a note the caller may not read is the 404 page, whatever the form holds
      const parsed = noteReplyBody.safeParse({ text: (await c.req.parseBody()).text });
      if (!parsed.success) return c.redirect(`${back}?note=invalid#notes`, 303);
      await replyToNote(db, { noteId, caller, text: parsed.data.text }, now);
    } else if (action === 'helpful') await markNoteHelpful(db, { noteId, caller }, now);
    else if (action === 'report') {
      await enforce(c, 'reports', caller.id);
      await reportNote(db, { noteId, caller }, now);
    } else if (action === 'block') await blockNoteSender(db, { noteId, caller }, now);
    else await moderateNote(db, { noteId, caller, action });
    return c.redirect(`${back}#note-${noteId}`, 303);
  });
