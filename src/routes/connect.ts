/**
 * Connect (issue 15): "ask me about" settings and the "who can help" list, encouragement notes on answers
 * (send, read, reply, mark helpful), and their safety (report, hide, block).
 */
import { Hono } from 'hono';
import { answerIdFor } from '../domain/answers/ids';
import { blockNoteSender, unblockNoteSender } from '../domain/connect/blocks';
import { whoCanHelp } from '../domain/connect/helpers';
import { markNoteHelpful } from '../domain/connect/note-helpful';
import { moderateNote, reportedNotes, reportNote } from '../domain/connect/note-moderation';
import { notesOnAnswer, replyToNote, sendNote } from '../domain/connect/notes';
import { myConnect, updateConnect } from '../domain/connect/settings';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { rateLimit } from '../middleware/rate-limit';
import { validate } from '../middleware/validate';
import { answerIdParam, idParam, memberParam, slugParam } from '../schemas';
import { connectSettingsBody, helpersQuery, noteBody, noteModerationParam, noteReplyBody } from '../schemas/connect';

export const connectRoutes = new Hono<AppEnv>()
  .get('/communities/:slug/connect/me', validate('param', slugParam), async (c) =>
    c.json(await myConnect(c.get('db'), { slug: c.req.valid('param').slug, caller: requireCaller(c) }), 200),
  )
  .patch('/communities/:slug/connect/me', validate('param', slugParam), validate('json', connectSettingsBody), async (c) => {
    const input = { slug: c.req.valid('param').slug, caller: requireCaller(c), ...c.req.valid('json') };
    return c.json(await updateConnect(c.get('db'), input, c.get('now')), 200);
  })
  .get('/communities/:slug/helpers', validate('param', slugParam), validate('query', helpersQuery), async (c) => {
    const input = { slug: c.req.valid('param').slug, caller: requireCaller(c), q: c.req.valid('query').q };
    return c.json(await whoCanHelp(c.get('db'), input), 200);
  })
  .get('/submissions/:id/notes', validate('param', answerIdParam), async (c) => {
    const caller = requireCaller(c);
    const submissionId = await answerIdFor(c.get('db'), c.req.valid('param').id, caller);
    return c.json(await notesOnAnswer(c.get('db'), { submissionId, caller }), 200);
  })
  .post('/submissions/:id/notes', rateLimit('notes'), validate('param', answerIdParam), validate('json', noteBody), async (c) => {
    const caller = requireCaller(c);
    const submissionId = await answerIdFor(c.get('db'), c.req.valid('param').id, caller);
    return c.json(await sendNote(c.get('db'), { submissionId, caller, ...c.req.valid('json') }, c.get('now')), 201);
  })
  .post('/notes/:id/replies', rateLimit('notes'), validate('param', idParam), validate('json', noteReplyBody), async (c) => {
    const input = { noteId: c.req.valid('param').id, caller: requireCaller(c), text: c.req.valid('json').text };
    return c.json(await replyToNote(c.get('db'), input, c.get('now')), 201);
  })
  .post('/notes/:id/helpful', validate('param', idParam), async (c) => {
    const { note } = await markNoteHelpful(c.get('db'), { noteId: c.req.valid('param').id, caller: requireCaller(c) }, c.get('now'));
    return c.json(note, 200);
  })
  .post('/notes/:id/report', rateLimit('reports'), validate('param', idParam), async (c) =>
    c.json(await reportNote(c.get('db'), { noteId: c.req.valid('param').id, caller: requireCaller(c) }, c.get('now')), 200),
  )
  .post('/notes/:id/moderation/:action', validate('param', noteModerationParam), async (c) => {
    const { id, action } = c.req.valid('param');
    return c.json(await moderateNote(c.get('db'), { noteId: id, caller: requireCaller(c), action }), 200);
  })
  .post('/notes/:id/block', validate('param', idParam), async (c) =>
    c.json(await blockNoteSender(c.get('db'), { noteId: c.req.valid('param').id, caller: requireCaller(c) }, c.get('now')), 200),
  )
  .delete('/communities/:slug/note-blocks/:userId', validate('param', memberParam), async (c) => {
    const { slug, userId } = c.req.valid('param');
    return c.json(await unblockNoteSender(c.get('db'), { slug, userId, caller: requireCaller(c) }), 200);
  })
  .get('/communities/:slug/reported-notes', validate('param', slugParam), async (c) =>
    c.json(await reportedNotes(c.get('db'), { slug: c.req.valid('param').slug, caller: requireCaller(c) }), 200),
  );
