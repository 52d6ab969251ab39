/** Encouragement notes (issue 15): sending, who reads them, replies, helpful, notes off, blocks, moderation. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteMessages, notes, submissions } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, join } from '../helpers/fixtures';

let t: TestApp;
let w: Awaited<ReturnType<typeof communityWithOpenPrompt>>;
let ana: { token: string; userId: number };
let bo: { token: string; userId: number };
let answerId: number;
let anonPublicId: string;

const note = { starter: 'helped_me_because', text: 'your cup showed me how to hold the pen' };

beforeAll(async () => {
  t = await makeTestApp();
  w = await communityWithOpenPrompt(t);
  ana = await t.userToken('ana@example.org', 'Ana');
  bo = await t.userToken('bo@example.org', 'Bo');
  await join(t, ana.token, w.community.slug);
  await join(t, bo.token, w.community.slug);
  const named = await t.call('POST', `/api/prompts/${w.prompt.id}/submissions`, { token: w.member.token, body: { level: 'easy', body: 'A cup' } });
  answerId = named.json.id;
  const anon = await t.call('POST', `/api/prompts/${w.prompt.id}/submissions`, { token: w.member.token, body: { level: 'hard', body: 'A secret cup', anonymous: true } });
  expect(anon.status, anon.text).toBe(201);
  const [row] = await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, anon.json.id));
  anonPublicId = row!.publicId!;
});
afterAll(() => t.close());

const send = (token: string, id: number | string = answerId, body: unknown = note) => t.call('POST', `/api/submissions/${id}/notes`, { token, body });
const read = (token: string, id: number | string = answerId) => t.call('GET', `/api/submissions/${id}/notes`, { token });

describe('encouragement notes', () => {
  let noteId: number;

  it('lets a member leave a note, read by the author with the sender named, and by no other member', async () => {
    const sent = await send(ana.token);
    expect(sent.status, sent.text).toBe(201);
    noteId = sent.json.id;
    expect(sent.json).toMatchObject({ reader: 'sender', counterpart: { kind: 'named', name: 'Mo' }, senderId: null, canReply: false });
    const [stored] = await t.db.select().from(noteMessages).where(eq(noteMessages.noteId, noteId));
    expect(stored).toMatchObject({ seq: 1, fromRole: 'sender', body: note.text });

    const author = await read(w.member.token);
    expect(author.json.notes).toHaveLength(1);
    expect(author.json.notes[0]).toMatchObject({ reader: 'author', counterpart: { kind: 'named', name: 'Ana' }, senderId: ana.userId, canReply: true });
    expect(author.json.notesOff).toBe(false);
    expect((await read(bo.token)).json.notes).toEqual([]);
    const facilitator = await read(w.facilitator.token);
    expect(facilitator.json.notes[0]).toMatchObject({ reader: 'facilitator' });
  });

  it('refuses a second note, a note on one’s own answer, bad starters and long texts', async () => {
    const again = await send(ana.token);
    expect([again.status, again.json.error.code]).toEqual([409, 'already_noted']);
    const own = await send(w.member.token);
    expect([own.status, own.json.error.code]).toEqual([422, 'own_answer']);
    const starter = await send(bo.token, answerId, { starter: 'you_are_wrong', text: 'hi' });
    expect(starter.status).toBe(400);
    const long = await send(bo.token, answerId, { starter: 'thank_you_for', text: 'x'.repeat(281) });
    expect(long.status).toBe(400);
    expect(long.json.error.issues[0].path).toBe('text');
    const blank = await send(bo.token, answerId, { starter: 'thank_you_for', text: '   ' });
    expect(blank.status).toBe(400);
    // 280 emoji are 280 characters, whatever their UTF-16 length.
    expect((await send(bo.token, answerId, { starter: 'thank_you_for', text: '🔥'.repeat(280) })).status).toBe(201);
  });

  it('runs an exchange: the author replies once, then turns alternate up to four messages', async () => {
    const reply = (token: string, text = 'thanks!') => t.call('POST', `/api/notes/${noteId}/replies`, { token, body: { text } });
    expect((await reply(ana.token)).json.error.code).toBe('reply_not_allowed');
    const first = await reply(w.member.token, 'glad it helped');
    expect(first.status, first.text).toBe(201);
    expect((await reply(w.member.token)).status).toBe(409);
    expect((await reply(w.facilitator.token)).status).toBe(403);
    expect((await reply(bo.token)).status).toBe(404);
    expect((await reply(ana.token, 'how do you hold it?')).status).toBe(201);
    const last = await reply(w.member.token, 'loosely');
    expect(last.json.messages.map((m: { from: string }) => m.from)).toEqual(['sender', 'author', 'sender', 'author']);
    expect(last.json.canReply).toBe(false);
    expect((await reply(ana.token)).status).toBe(409);
  });

  it('lets only the author mark a note helpful, once', async () => {
    const before = await t.call('GET', `/api/communities/${w.community.slug}/leaderboard?period=all`, { token: ana.token });
    const pointsBefore = before.json.entries.find((e: { name: string }) => e.name === 'Mo').points;
    expect(pointsBefore).toBeGreaterThan(0);
    expect((await t.call('POST', `/api/notes/${noteId}/helpful`, { token: ana.token })).status).toBe(403);
    const marked = await t.call('POST', `/api/notes/${noteId}/helpful`, { token: w.member.token });
    expect(marked.status, marked.text).toBe(200);
    expect(marked.json.helpful).toBe(true);
    const [row] = await t.db.select().from(notes).where(eq(notes.id, noteId));
    expect(row!.helpfulAt).toBe(t.clock.now().getTime());
    expect((await t.call('POST', `/api/notes/${noteId}/helpful`, { token: w.member.token })).status).toBe(200);
    // The giver's recognition counts it; the author's points do not change.
    const giver = await t.call('GET', `/api/communities/${w.community.slug}/connect/me`, { token: ana.token });
    expect(giver.json.notesGiven).toEqual({ sent: 1, markedHelpful: 1 });
    const board = await t.call('GET', `/api/communities/${w.community.slug}/leaderboard?period=all`, { token: ana.token });
    expect(board.json.entries.find((e: { name: string }) => e.name === 'Mo').points).toBe(pointsBefore);
  });

  it('never names the author of an anonymous answer to the sender', async () => {
    const sent = await send(ana.token, anonPublicId);
    expect(sent.status, sent.text).toBe(201);
    expect(sent.json.counterpart).toEqual({ kind: 'the_author' });
    const own = await read(ana.token, anonPublicId);
    expect(own.text).not.toContain('Mo');
    expect(own.json.notes[0].senderId).toBeNull();
    expect(own.text).not.toMatch(/userId|authorId/);
    const reply = await t.call('POST', `/api/notes/${sent.json.id}/replies`, { token: w.member.token, body: { text: 'thank you' } });
    expect(reply.status).toBe(201);
    const after = await t.call('GET', `/api/submissions/${anonPublicId}/notes`, { token: ana.token });
    expect(after.json.notes[0].messages[1]).toMatchObject({ from: 'author', text: 'thank you' });
    expect(after.text).not.toContain('"Mo"');
  });

  it('turns notes off, and a block refuses a sender exactly like notes off', async () => {
    const other = await t.userToken('cy@example.org', 'Cy');
    await join(t, other.token, w.community.slug);
    await t.call('PATCH', `/api/communities/${w.community.slug}/connect/me`, { token: w.member.token, body: { notesOff: true } });
    const off = await send(other.token);
    expect([off.status, off.json.error.code]).toEqual([409, 'notes_off']);
    await t.call('PATCH', `/api/communities/${w.community.slug}/connect/me`, { token: w.member.token, body: { notesOff: false } });
    const bos = (await read(w.member.token)).json.notes.find((n: { senderId: number }) => n.senderId === bo.userId);
    expect((await t.call('POST', `/api/notes/${bos.id}/block`, { token: ana.token })).status).toBe(404);
    const blocked = await t.call('POST', `/api/notes/${bos.id}/block`, { token: w.member.token });
    expect(blocked.json.blocked).toEqual({ userId: bo.userId, name: 'Bo' });
    const refused = await send(bo.token, anonPublicId);
    expect(refused.json).toEqual(off.json);
    expect((await t.call('POST', `/api/notes/${bos.id}/replies`, { token: bo.token, body: { text: 'hm' } })).status).toBe(409);
    const settings = await t.call('GET', `/api/communities/${w.community.slug}/connect/me`, { token: w.member.token });
    expect(settings.json.blocked).toEqual([{ userId: bo.userId, name: 'Bo' }]);
    const lifted = await t.call('DELETE', `/api/communities/${w.community.slug}/note-blocks/${bo.userId}`, { token: w.member.token });
    expect(lifted.status).toBe(200);
    expect((await send(bo.token, anonPublicId)).status).toBe(201);
  });

  it('goes through moderation: the author reports, a facilitator hides, the author no longer reads it', async () => {
    expect((await t.call('POST', `/api/notes/${noteId}/report`, { token: ana.token })).status).toBe(403);
    expect((await t.call('POST', `/api/notes/${noteId}/report`, { token: w.member.token })).json.reported).toBe(true);
    const queue = await t.call('GET', `/api/communities/${w.community.slug}/reported-notes`, { token: w.facilitator.token });
    expect(queue.json.notes.map((n: { id: number }) => n.id)).toEqual([noteId]);
    expect((await t.call('GET', `/api/communities/${w.community.slug}/reported-notes`, { token: w.member.token })).status).toBe(403);
    expect((await t.call('POST', `/api/notes/${noteId}/moderation/hide`, { token: w.member.token })).status).toBe(403);
    const hidden = await t.call('POST', `/api/notes/${noteId}/moderation/hide`, { token: w.facilitator.token });
    expect(hidden.json.moderation).toBe('hidden');
    expect((await read(w.member.token)).json.notes.map((n: { id: number }) => n.id)).not.toContain(noteId);
    expect((await t.call('POST', `/api/notes/${noteId}/helpful`, { token: w.member.token })).status).toBe(404);
    await t.call('POST', `/api/notes/${noteId}/moderation/restore`, { token: w.facilitator.token });
    expect((await read(w.member.token)).json.notes.map((n: { id: number }) => n.id)).toContain(noteId);
  });

  it('takes an Idempotency-Key: a retried note is the same note, answered again', async () => {
    const dee = await t.userToken('dee@example.org', 'Dee');
    await join(t, dee.token, w.community.slug);
    const keyed = () => t.call('POST', `/api/submissions/${answerId}/notes`, { token: dee.token, body: note, headers: { 'Idempotency-Key': 'note-1' } });
    const [first, retry] = [await keyed(), await keyed()];
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.json).toEqual(first.json);
    const rows = await t.db.select().from(notes).where(eq(notes.senderId, dee.userId));
    expect(rows).toHaveLength(1);
  });

  it('counts notes against a rate limit', async () => {
    const spammer = await t.userToken('spam@example.org', 'Spam');
    await join(t, spammer.token, w.community.slug);
    let last = 0;
    for (let i = 0; i < 32 && last !== 429; i++) last = (await send(spammer.token)).status;
    expect(last).toBe(429);
  });
});
