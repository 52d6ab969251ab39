/** The whole daily loop as people live it, through the public API only. */
import { desc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox, pointsLedger, scores, submissions } from '../../db/schema';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-01T18:00:00Z'); // Sunday 10:00 in Vancouver
});
afterEach(() => t.close());

/** Signs in through the emailed link, exactly as a person would, and returns the session cookie. */
async function signIn(email: string, name: string): Promise<string> {
  expect((await t.call('POST', '/api/auth/email-link', { body: { email } })).status).toBe(202);
  const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.id)).limit(1);
  const token = new URL(mail!.actionUrl!).searchParams.get('token')!;
  const page = await t.app.request(`/auth/confirm?token=${encodeURIComponent(token)}`);
  expect(await page.text()).toContain('Continue');
  const res = await t.app.request('/api/auth/confirm', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, name }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return cookie;
}

function as(cookie: string) {
  return (method: string, path: string, body?: unknown) =>
    t.call(method, path, { body, headers: { Cookie: cookie } });
}

describe('the daily loop', () => {
  it('facilitator schedules, the prompt opens at local day start, members answer, earn, and appear', async () => {
    const fran = as(await signIn('fran@example.org', 'Fran'));
    const mo = as(await signIn('mo@example.org', 'Mo'));
    const ana = as(await signIn('ana@example.org', 'Ana'));

    expect((await fran('POST', '/api/communities', {
      slug: 'van-sketch', name: 'Vancouver sketchers', timeZone: 'America/Vancouver', dayStartHour: 6, visibility: 'public',
    })).status).toBe(201);
    const created = await fran('POST', '/api/communities/van-sketch/series', {
      title: 'Draw Down', startDate: '2026-03-02', cadence: 'daily',
      prompts: [
        { easy: 'Draw your mug', hard: 'Draw your mug from three angles' },
        { easy: 'Draw a chair', hard: 'Draw a chair in perspective', hardPoints: 5 },
      ],
    });
    expect(created.status).toBe(201);
    const [first, second] = created.json.prompts;
    expect((await mo('POST', '/api/communities/van-sketch/join', {})).status).toBe(200);
    expect((await ana('POST', '/api/communities/van-sketch/join', {})).status).toBe(200);

    // Before 06:00 local on Monday the prompt is not open yet.
    t.clock.set('2026-03-02T13:59:00Z');
    await tick(t.db, t.clock.now());
    expect((await mo('POST', `/api/prompts/${first.id}/submissions`, { level: 'easy', body: 'a mug' })).status).toBe(409);

    t.clock.set('2026-03-02T14:00:00Z'); // 06:00 PST
    expect(await tick(t.db, t.clock.now())).toMatchObject({ opened: 1 });
    const today = await mo('GET', '/api/communities/van-sketch/today');
    expect(today.json).toMatchObject({ date: '2026-03-02', prompts: [{ id: first.id, easy: { points: 1 }, hard: { points: 3 } }] });

    t.clock.set('2026-03-02T14:00:01Z'); // a second into the hour: the named answer sorts above the hour itself
    const easy = await mo('POST', `/api/prompts/${first.id}/submissions`, { level: 'easy', body: 'Quick mug, wobbly handle', visibility: 'public' });
    expect(easy.json).toMatchObject({ points: 2, onTime: true });
    const hard = await mo('POST', `/api/prompts/${first.id}/submissions`, { level: 'hard', body: 'Three views', anonymous: true });
    expect(hard.json).toMatchObject({ points: 4, onTime: true });
    const again = await mo('POST', `/api/prompts/${first.id}/submissions`, { level: 'easy', body: 'again' });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'already_answered', existingId: easy.json.id });

    // Ana answers a day late: no on-time bonus.
    t.clock.set('2026-03-03T16:00:00Z');
    await tick(t.db, t.clock.now());
    const late = await ana('POST', `/api/prompts/${first.id}/submissions`, { level: 'easy', body: 'Late mug' });
    expect(late.json).toMatchObject({ points: 1, onTime: false });
    const onTime = await ana('POST', `/api/prompts/${second.id}/submissions`, { level: 'hard', body: 'Chair' });
    expect(onTime.json).toMatchObject({ points: 6, onTime: true });

    expect((await ana('POST', `/api/submissions/${easy.json.id}/kudos`, { kind: 'applause' })).status).toBe(200);

    const visitorGallery = await t.call('GET', `/api/prompts/${first.id}/gallery`);
    expect(visitorGallery.json.items).toEqual([
      expect.objectContaining({ id: easy.json.id, author: { name: 'Mo' }, kudos: expect.objectContaining({ applause: 1 }) }),
    ]);
    const memberGallery = await ana('GET', `/api/prompts/${first.id}/gallery`);
    // The anonymous answer: a random public id, its hour only, placed after the named answers of that hour.
    const hardPublicId = (await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, hard.json.id)))[0]!.publicId;
    expect(memberGallery.json.items.map((i: any) => i.id)).toEqual([late.json.id, easy.json.id, hardPublicId]);
    expect(memberGallery.json.items[2]).toMatchObject({ author: null, createdAt: '2026-03-02T14:00:00.000Z' });
    expect(memberGallery.text).not.toContain('mo@example.org');

    // Mo's anonymous points count for Mo but never reach the public board.
    const board = await t.call('GET', '/api/communities/van-sketch/leaderboard?period=week');
    expect(board.json.entries).toEqual([
      { rank: 1, name: 'Ana', points: 7 },
      { rank: 2, name: 'Mo', points: 2 },
    ]);
    expect((await mo('GET', '/api/communities/van-sketch/leaderboard?period=all')).json.me).toMatchObject({ points: 6 });

    // Deleting an answer reverses its points; the ledger only grows.
    expect((await ana('DELETE', `/api/submissions/${late.json.id}`)).status).toBeLessThan(300);
    const after = await t.call('GET', '/api/communities/van-sketch/leaderboard?period=all');
    expect(after.json.entries).toEqual([
      { rank: 1, name: 'Ana', points: 6 },
      { rank: 2, name: 'Mo', points: 2 },
    ]);
    const ledger = await t.db.select().from(pointsLedger);
    expect(ledger).toHaveLength(5);
    const sums = await t.db
      .select({ userId: pointsLedger.userId, total: sql<number>`sum(${pointsLedger.delta})` })
      .from(pointsLedger)
      .groupBy(pointsLedger.userId);
    const all = await t.db.select().from(scores).where(eq(scores.period, 'all'));
    expect(Object.fromEntries(all.map((s) => [s.userId, s.points]))).toEqual(
      Object.fromEntries(sums.map((s) => [s.userId, s.total])),
    );
  });
});
