/** Spotlights: who may set them, the member being told, the facilitators' queue, and the gallery they lead. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spotlights, submissions } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createSeries, join, postAnswer } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const answer = (token: string, promptId: number, fields: Record<string, unknown> = {}) => postAnswer(t, token, promptId, fields);
const spotlight = (id: number, token: string, note?: string) =>
  t.call('POST', `/api/submissions/${id}/spotlight`, { token, body: note === undefined ? {} : { note } });

describe('spotlighting an answer', () => {
  it('is for facilitators, tells the member once, and can be taken back', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const other = await t.userToken('ola@example.org', 'Ola');
    await join(t, other.token, community.slug);
    const id = await answer(member.token, prompt.id, { anonymous: true });

    // Another member knows the anonymous answer only by its public id; its sequential id names nothing for them.
    const { publicId } = (await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, id)))[0]!;
    expect((await t.call('POST', `/api/submissions/${publicId}/spotlight`, { token: other.token, body: {} })).status).toBe(403);
    expect((await spotlight(id, other.token)).status).toBe(404);
    expect((await spotlight(id, member.token)).status).toBe(403);
    expect((await spotlight(id, facilitator.token, 'x'.repeat(281))).status).toBe(400);
    expect((await spotlight(999, facilitator.token)).status).toBe(404);
    const res = await spotlight(id, facilitator.token, 'A lovely, honest answer');
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ submissionId: id, note: 'A lovely, honest answer', createdAt: '2026-03-02T12:00:00.000Z' });
    // A second call edits the note; the member is not told twice.
    expect((await spotlight(id, facilitator.token, 'Lovely')).json.note).toBe('Lovely');

    const inbox = await t.call('GET', '/api/me/notifications', { token: member.token });
    expect(inbox.status).toBe(200);
    const spot = inbox.json.items.filter((n: { kind: string }) => n.kind === 'spotlight');
    expect(spot).toEqual([
      {
        id: expect.any(Number),
        kind: 'spotlight',
        community: { slug: community.slug, name: 'Sketchers' },
        submission: { id, promptId: prompt.id },
        badge: null,
        note: 'Lovely',
        createdAt: '2026-03-02T12:00:00.000Z',
        readAt: null,
      },
    ]);
    // Nobody else's inbox holds it, and only its owner can mark it read.
    expect((await t.call('GET', '/api/me/notifications', { token: other.token })).json.items).toEqual([]);
    expect((await t.call('POST', `/api/me/notifications/${spot[0].id}/read`, { token: other.token })).status).toBe(404);
    const read = await t.call('POST', `/api/me/notifications/${spot[0].id}/read`, { token: member.token });
    expect(read.json).toEqual({ id: spot[0].id, readAt: '2026-03-02T12:00:00.000Z' });
    expect((await t.call('GET', '/api/me/notifications?unread=true', { token: member.token })).json.items.some((n: { kind: string }) => n.kind === 'spotlight')).toBe(false);

    const g = await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token: other.token });
    expect(g.json.items[0]).toMatchObject({ id: publicId, author: null, spotlight: { note: 'Lovely' } });

    expect((await t.call('DELETE', `/api/submissions/${id}/spotlight`, { token: facilitator.token })).status).toBe(200);
    expect(await t.db.select().from(spotlights)).toEqual([]);
    expect((await t.call('GET', '/api/me/notifications', { token: member.token })).json.items.some((n: { kind: string }) => n.kind === 'spotlight')).toBe(false);
    // Deleting a spotlighted answer takes its spotlight with it.
    await spotlight(id, facilitator.token);
    expect((await t.call('DELETE', `/api/submissions/${id}`, { token: member.token })).status).toBe(200);
    expect(await t.db.select().from(spotlights)).toEqual([]);
  });

  it('never lets a member outside the answer’s audience spotlight or find it', async () => {
    const { facilitator, member, prompt } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { visibility: 'facilitators' });
    const stranger = await t.userToken('sam@example.org', 'Sam');
    expect((await spotlight(id, stranger.token)).status).toBe(404);
    expect((await spotlight(id, facilitator.token)).status).toBe(200);
    expect((await t.call('GET', `/api/prompts/${prompt.id}/gallery`)).json.items).toEqual([]);
  });
});

describe('the spotlight queue', () => {
  it('puts first-time members first, then the least spotlighted, then those who answered least', async () => {
    const { facilitator, member, community } = await communityWithOpenPrompt(t);
    const s = await createSeries(t, facilitator.token, community.slug, {
      startDate: '2026-02-25',
      prompts: Array.from({ length: 6 }, (_, i) => ({ easy: `e${i}`, hard: `h${i}` })),
    });
    const p = s.prompts.map((x) => x.id);
    const [veteran, lit, newcomer] = await Promise.all(['vic', 'lia', 'nia'].map((n) => t.userToken(`${n}@example.org`, n)));
    for (const u of [veteran!, lit!, newcomer!]) await join(t, u.token, community.slug);
    // Mo has answered twice, Vic three times, Lia twice but was spotlighted; Nia answers for the first time.
    for (const i of [0, 1, 2]) await answer(veteran!.token, p[i]!);
    const litAnswer = await answer(lit!.token, p[0]!);
    await spotlight(litAnswer, facilitator.token);
    await answer(lit!.token, p[1]!);
    await answer(member.token, p[0]!);
    t.clock.advance(60_000);
    await answer(member.token, p[1]!);
    await answer(newcomer!.token, p[3]!);

    expect((await t.call('GET', `/api/communities/${community.slug}/spotlight-queue`, { token: member.token })).status).toBe(403);
    const res = await t.call('GET', `/api/communities/${community.slug}/spotlight-queue`, { token: facilitator.token });
    expect(res.status, res.text).toBe(200);
    const order = res.json.items.map((i: { author: { name: string }; authorHistory: { firstTime: boolean } }) => [i.author.name, i.authorHistory.firstTime]);
    expect(order).toEqual([
      ['nia', true],
      ['Mo', true],
      ['vic', true],
      ['Mo', false],
      ['vic', false],
      ['vic', false],
      ['lia', false],
    ]);
    expect(res.json.items.map((i: { id: number }) => i.id)).not.toContain(litAnswer);
    expect((await t.call('GET', `/api/communities/${community.slug}/spotlight-queue?limit=2`, { token: facilitator.token })).json.items).toHaveLength(2);
  });
});

describe('gallery with spotlights', () => {
  it('leads with spotlighted answers and still returns every item exactly once across pages', async () => {
    const { facilitator, prompt, community } = await communityWithOpenPrompt(t);
    const ids: number[] = [];
    for (let i = 0; i < 13; i++) {
      const u = await t.userToken(`m${i}@example.org`, `M${i}`);
      await join(t, u.token, community.slug);
      ids.push(await answer(u.token, prompt.id, { anonymous: i % 3 === 0 }));
      ids.push(await answer(u.token, prompt.id, { level: 'hard' }));
      if (i % 4 === 0) t.clock.advance(60_000);
    }
    const rows = (await t.db.select().from(submissions).where(eq(submissions.promptId, prompt.id))).map((r) => ({
      ...r,
      // As the gallery names and places them: anonymous answers by public id, and by their hour only.
      shown: r.anonymous ? r.publicId! : r.id,
      key: r.anonymous ? r.createdAt - (r.createdAt % 3_600_000) : r.createdAt,
    }));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const newestFirst = rows.sort((x, y) => y.key - x.key || (y.publicId! > x.publicId! ? 1 : -1));

    // Spotlights on older answers, some at the same instant, some later.
    const lit = [ids[3]!, ids[10]!, ids[0]!, ids[7]!, ids[20]!, ids[15]!];
    for (const [i, id] of lit.entries()) {
      expect((await spotlight(id, facilitator.token, `note ${i}`)).status).toBe(200);
      if (i % 2) t.clock.advance(1000);
    }
    const publicIdOf = (id: number) => byId.get(id)!.publicId!;
    const spots = (await t.db.select().from(spotlights)).sort(
      (x, y) => y.createdAt - x.createdAt || (publicIdOf(y.submissionId) > publicIdOf(x.submissionId) ? 1 : -1),
    );
    const shownSpots = spots.map((s) => byId.get(s.submissionId)!.shown);
    const expected = [...shownSpots, ...newestFirst.filter((r) => !lit.includes(r.id)).map((r) => r.shown)];

    for (const limit of [1, 4, 6, 7, 24, 100]) {
      const got: { id: number | string; spotlight: { note: string } | null }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.call('GET', `/api/prompts/${prompt.id}/gallery${q}`, { token: facilitator.token });
        expect(res.status, res.text).toBe(200);
        expect(res.json.items.length).toBeLessThanOrEqual(limit);
        got.push(...res.json.items);
        cursor = res.json.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(got.map((i) => i.id), `limit ${limit}`).toEqual(expected);
      expect(got.filter((i) => i.spotlight).map((i) => i.id)).toEqual(shownSpots);
    }
    // Filters apply to both phases.
    const hard = (await t.call('GET', `/api/prompts/${prompt.id}/gallery?level=hard&limit=100`, { token: facilitator.token })).json.items;
    const hardIds = new Set(rows.filter((r) => r.level === 'hard').map((r) => r.shown));
    expect(hard.map((i: { id: number }) => i.id)).toEqual(expected.filter((id) => hardIds.has(id)));
  });

  it('refuses the cursors it gave out before public ids, which held an instant and a sequential id (400)', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    await answer(member.token, prompt.id);
    const instant = `${Date.parse('2026-03-02T12:00:01Z')}.7`;
    for (const old of [Buffer.from(instant).toString('base64url'), Buffer.from(instant).toString('hex').toUpperCase()]) {
      const res = await t.call('GET', `/api/prompts/${prompt.id}/gallery?cursor=${old}`, { token: member.token });
      expect([res.status, res.json.error.issues]).toEqual([400, [{ path: 'cursor', message: 'is not a cursor this server gave out' }]]);
    }
  });
});
