/**
 * "Note marked helpful" as the event helper credits hook into (issue 15): a hook's writes commit in the same
 * batch as the mark, get the note, its giver and community, and run once however often the author marks it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { settings } from '../../db/schema';
import { markNoteHelpful, type NoteHelpfulHook, type NoteMarkedHelpful } from '../../src/domain/connect/note-helpful';
import { callerForApiToken } from '../../src/domain/identity/sessions';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, join } from '../helpers/fixtures';

let t: TestApp;
afterAll(() => t.close());
beforeAll(async () => {
  t = await makeTestApp();
});

it('hands the event to hooks whose writes commit with the mark, once, and never on a refusal', async () => {
  const w = await communityWithOpenPrompt(t);
  const giver = await t.userToken('gi@example.org', 'Gi');
  await join(t, giver.token, w.community.slug);
  const answer = await t.call('POST', `/api/prompts/${w.prompt.id}/submissions`, { token: w.member.token, body: { level: 'easy', body: 'A cup' } });
  const note = await t.call('POST', `/api/submissions/${answer.json.id}/notes`, { token: giver.token, body: { starter: 'thank_you_for', text: 'thanks' } });
  const seen: NoteMarkedHelpful[] = [];
  // A stand-in for credits: records the event in a row, in the mark's batch.
  const hook: NoteHelpfulHook = (db, event) => {
    seen.push(event);
    return [db.insert(settings).values({ key: `credit:${event.noteId}:${event.giverId}:${event.communityId}`, value: '1', createdAt: event.at.getTime() })];
  };
  const author = (await callerForApiToken(t.db, w.member.token))!;
  const first = await markNoteHelpful(t.db, { noteId: note.json.id, caller: author }, t.clock.now(), [hook]);
  expect(first.event).toEqual({ noteId: note.json.id, giverId: giver.userId, communityId: w.community.id, markedBy: w.member.userId, at: t.clock.now() });
  expect(first.note.helpful).toBe(true);
  const again = await markNoteHelpful(t.db, { noteId: note.json.id, caller: author }, t.clock.now(), [hook]);
  expect(again.event).toBeNull();
  expect(seen).toHaveLength(1);
  const rows = await t.db.select().from(settings).where(eq(settings.key, `credit:${note.json.id}:${giver.userId}:${w.community.id}`));
  expect(rows).toHaveLength(1);

  // Refused (the giver is not the answer's author): 403, and no hook runs or writes.
  const giverCaller = (await callerForApiToken(t.db, giver.token))!;
  const refusedHook: NoteHelpfulHook = (db) => [db.insert(settings).values({ key: 'refused', value: 'refused', createdAt: 0 })];
  await expect(markNoteHelpful(t.db, { noteId: note.json.id, caller: giverCaller }, t.clock.now(), [refusedHook])).rejects.toMatchObject({ code: 'forbidden' });
  expect(await t.db.select().from(settings).where(eq(settings.key, 'refused'))).toEqual([]);
});

it("credits the note's giver one helper credit through the API, once, and never the author", async () => {
  // A world of its own (the first test has the fixture's community).
  t.close();
  t = await makeTestApp();
  const w = await communityWithOpenPrompt(t);
  const giver = await t.userToken('helper@example.org', 'Hel');
  await join(t, giver.token, w.community.slug);
  const answer = await t.call('POST', `/api/prompts/${w.prompt.id}/submissions`, { token: w.member.token, body: { level: 'hard', body: 'A plan' } });
  const note = await t.call('POST', `/api/submissions/${answer.json.id}/notes`, { token: giver.token, body: { starter: 'thank_you_for', text: 'useful' } });
  const balance = async (token: string) => (await t.call('GET', `/api/communities/${w.community.slug}/credits/me`, { token })).json.balance;
  expect(await balance(giver.token)).toBe(0);
  for (let i = 0; i < 2; i++) expect((await t.call('POST', `/api/notes/${note.json.id}/helpful`, { token: w.member.token })).status).toBe(200);
  expect(await balance(giver.token)).toBe(1);
  expect(await balance(w.member.token)).toBe(0);
});

