/** GET /api/me/export: everything about the member in one zip, nothing about anyone else. */
import { strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { download, jsonIn, seedTraces } from '../helpers/data-rights';
import { jpeg, png } from '../helpers/images';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedTraces>>;
beforeEach(async () => {
  t = await makeTestApp();
  s = await seedTraces(t);
});
afterEach(() => t.close());

describe('GET /api/me/export', () => {
  it('is a zip download with the JSON and every image of the member, anonymous answers included', async () => {
    const { res, files } = await download(t, '/api/me/export', s.mo.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/zip');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="kindling-export-2026-03-03.zip"');
    expect(res.headers.get('Cache-Control')).toContain('no-store');
    expect(Object.keys(files!).sort()).toEqual(
      ['kindling-export.json', `images/${s.images.namedImage}.png`, `images/${s.images.anonImage}.jpg`, `images/${s.images.looseImage}.png`].sort(),
    );
    // The image files are the stored bytes themselves.
    expect(files![`images/${s.images.namedImage}.png`]).toEqual(png(40, 30));
    expect(files![`images/${s.images.anonImage}.jpg`]).toEqual(jpeg(20, 10));

    const data = jsonIn(files!, 'kindling-export.json');
    expect(data.profile).toMatchObject({ id: s.mo.userId, email: 'mo@example.org', name: 'Mo', settings: { showOnLeaderboards: true } });
    expect(data.memberships).toEqual([expect.objectContaining({ community: 'sketchers', role: 'member' })]);
    const byId = Object.fromEntries(data.answers.map((a: { id: number }) => [a.id, a]));
    expect(Object.keys(byId).map(Number).sort()).toEqual([s.answers.moNamed, s.answers.moAnon, s.answers.moPublic].sort());
    expect(byId[s.answers.moAnon]).toMatchObject({ anonymous: true, body: 'Mo anonymous secret', image: `images/${s.images.anonImage}.jpg`, kudosReceived: { applause: 1 } });
    expect(byId[s.answers.moNamed]).toMatchObject({ prompt: 'Draw a cup', kudosReceived: { applause: 1, relate: 1 }, image: `images/${s.images.namedImage}.png` });
    expect(data.kudos).toEqual({ received: 3, given: 2, givenByKind: { applause: 1, learned: 1 } });
    // Ledger entries sum to the member's points; badges, rhythm, notifications and settings are there.
    const points = data.answers.reduce((sum: number, a: { points: number }) => sum + a.points, 0);
    expect(data.pointsLedger.reduce((sum: number, e: { delta: number }) => sum + e.delta, 0)).toBe(points);
    expect(data.badges.map((b: { badgeId: string }) => b.badgeId)).toContain('first-answer');
    expect(data.rhythm.goals).toEqual([expect.objectContaining({ goal: 2 })]);
    expect(data.rhythm.restWeeks).toEqual([expect.objectContaining({ weekOf: '2026-03-16' })]);
    expect(data.notifications.map((n: { kind: string }) => n.kind)).toContain('spotlight');
    expect(data.access.feedTokens).toEqual([{ community: 'sketchers', createdAt: expect.any(String) }]);
    expect(data.access.apiTokens).toEqual([{ label: 'test', createdAt: expect.any(String) }]);
    expect(data.images).toHaveLength(3);
    // Connect (issue 15): settings, blocks, notes sent and received, with only Mo's own words.
    expect(data.connect.settings).toEqual([expect.objectContaining({ community: 'sketchers', askOptIn: true, topics: ['Mo topic'], notesOff: false })]);
    expect(data.connect.membersBlocked).toBe(1);
    expect(data.connect.notesSent).toEqual([
      expect.objectContaining({ starter: 'thank_you_for', yourMessages: [{ text: 'Mo note to Oz', createdAt: expect.any(String) }], repliesReceived: 1 }),
    ]);
    expect(data.connect.notesReceived.map((n: { answerId: number; yourReplies: unknown[]; messagesFromSender: number }) => [n.answerId, n.yourReplies.length, n.messagesFromSender])).toEqual([
      [s.answers.moNamed, 1, 1],
      [s.answers.moAnon, 0, 1],
    ]);
  });

  it('holds the member’s mail preferences: the default until they choose, then mode, hour, pause and language', async () => {
    const before = jsonIn((await download(t, '/api/me/export', s.mo.token)).files!, 'kindling-export.json');
    expect(before.mail).toEqual({
      language: null,
      communities: [{ community: 'sketchers', mode: 'weekly', hour: 8, pausedUntil: null, chosen: false, steppedDownAt: null }],
    });
    const patched = await t.call('PATCH', '/api/me/mail-preferences', {
      token: s.mo.token,
      body: { lang: 'fr', communities: [{ slug: 'sketchers', mode: 'daily', hour: 7, pauseWeeks: 2 }] },
    });
    expect(patched.status).toBe(200);
    const after = jsonIn((await download(t, '/api/me/export', s.mo.token)).files!, 'kindling-export.json');
    expect(after.mail).toEqual({
      language: 'fr',
      communities: [
        {
          community: 'sketchers',
          mode: 'daily',
          hour: 7,
          pausedUntil: new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString(),
          chosen: true,
          steppedDownAt: null,
        },
      ],
    });
  });

  it('holds nothing of anyone else: no other answer, name, email, image or secret', async () => {
    const { files } = await download(t, '/api/me/export', s.mo.token);
    const text = strFromU8(files!['kindling-export.json']!);
    for (const other of ['Oz answer', 'Fran answer', 'Oz reply to Mo', 'Oz note to Mo', 'Fran note on anon', 'oz@example.org', 'fran@example.org', s.images.ozImage, '"Oz"', '"Fran"']) {
      expect(text).not.toContain(other);
    }
    // Secrets are stored as hashes; neither the hash nor the token itself is exported.
    const [token] = await t.client.execute('select token_hash from api_tokens limit 1').then((r) => r.rows);
    expect(text).not.toContain(String(token!.token_hash));
    expect(text).not.toContain(s.mo.token);
    expect(text).not.toMatch(/tokenHash|token_hash/);

    // And Oz's export holds Oz's things, not Mo's.
    const oz = await download(t, '/api/me/export', s.oz.token);
    const ozText = strFromU8(oz.files!['kindling-export.json']!);
    expect(ozText).toContain('Oz answer');
    expect(ozText).not.toContain('Mo anonymous secret');
    expect(Object.keys(oz.files!)).toEqual(['kindling-export.json', `images/${s.images.ozImage}.webp`]);
  });

  it('holds the member’s helping (issue 15): credit entries, help prompts asked and answered, sessions hosted', async () => {
    const { files } = await download(t, '/api/me/export', s.mo.token);
    const { helping } = jsonIn(files!, 'kindling-export.json');
    expect(helping.creditsLedger.map((e: { reason: string; delta: number }) => `${e.reason} ${e.delta}`)).toEqual([
      'session_hosted 2',
      'session_hosted 2',
      'help_asked -3',
      'help_answered 1',
    ]);
    expect(helping.helpPromptsAsked).toEqual([expect.objectContaining({ id: s.helping.moAsks, question: 'Mo asks: how do you find time?', status: 'approved' })]);
    expect(helping.helpAnswers).toEqual([expect.objectContaining({ helpPromptId: s.helping.ozAsks, body: 'Mo answers Oz' })]);
    expect(helping.liveSessionsHosted.map((h: { id: number }) => h.id)).toContain(s.helping.upcoming);
    // Nothing of Oz's: not their answer to Mo's prompt, not their question.
    expect(JSON.stringify(helping)).not.toMatch(/Oz answers Mo|which pen/);
  });

  it('needs a signed-in caller (401)', async () => {
    const { res } = await download(t, '/api/me/export');
    expect(res.status).toBe(401);
  });

  it('leaves out an image whose bytes are gone, rather than failing the download', async () => {
    await t.images.delete(s.images.namedImage);
    const { res, files } = await download(t, '/api/me/export', s.mo.token);
    expect(res.status).toBe(200);
    expect(Object.keys(files!)).not.toContain(`images/${s.images.namedImage}.png`);
    expect(Object.keys(files!)).toContain(`images/${s.images.anonImage}.jpg`);
  });
});
