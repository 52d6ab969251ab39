import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pointsLedger, scores, submissions, users } from '../../db/schema';
import { localDay, weekOf } from '../../src/domain/time';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // Monday 2026-03-02 12:00 UTC
});
afterEach(() => t.close());

const answer = (token: string, promptId: number, body: Record<string, unknown> = {}) =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, {
    token,
    body: { level: 'easy', body: 'Done', visibility: 'community', anonymous: false, ...body },
  });
const board = (slug: string, query: string, token?: string) =>
  t.call('GET', `/api/communities/${slug}/leaderboard${query}`, { token });

async function members(slug: string, names: string[]) {
  const out = [];
  for (const n of names) {
    const u = await t.userToken(`${n.toLowerCase()}@example.org`, n);
    await join(t, u.token, slug);
    out.push(u);
  }
  return out;
}

describe('leaderboard', () => {
  it('ranks by listed points with shared ranks, names only, and the caller beside it', async () => {
    const { prompt, community } = await communityWithOpenPrompt(t);
    const [ada, bob, cal, dee] = await members(community.slug, ['Ada', 'Bob', 'Cal', 'Dee']);
    await answer(ada!.token, prompt.id);
    await answer(ada!.token, prompt.id, { level: 'hard' });
    await answer(bob!.token, prompt.id, { level: 'hard' });
    await answer(cal!.token, prompt.id, { level: 'hard' });
    await answer(dee!.token, prompt.id);

    const res = await board(community.slug, '?period=all', dee!.token);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      period: 'all',
      entries: [
        { rank: 1, name: 'Ada', points: 6 },
        { rank: 2, name: 'Bob', points: 4 },
        { rank: 2, name: 'Cal', points: 4 },
        { rank: 4, name: 'Dee', points: 2 },
      ],
      me: { rank: 4, points: 2 },
    });
    const top2 = await board(community.slug, '?period=week&limit=2');
    expect(top2.json).toMatchObject({ period: 'week', entries: [{ name: 'Ada' }, { name: 'Bob' }], me: null });
    // Visitors read a public board; the default period is this week.
    expect((await board(community.slug, '')).json.period).toBe('week');
  });

  it('hides a member who opted out, while their own view still shows their points', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const [ada] = await members(community.slug, ['Ada']);
    await answer(member.token, prompt.id, { level: 'hard' });
    await answer(ada!.token, prompt.id);
    await t.db.update(users).set({ showOnLeaderboards: false }).where(eq(users.id, member.userId));

    const res = await board(community.slug, '?period=all', member.token);
    expect(res.json.entries).toEqual([{ rank: 1, name: 'Ada', points: 2 }]);
    expect(res.json.me).toEqual({ rank: 1, points: 4 });
    expect(res.text).not.toContain('"Mo"');
  });

  it("starts a new week at the community's own Monday midnight, across a DST change", async () => {
    const fac = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fac.token, { slug: 'van', timeZone: 'America/Vancouver' });
    const { prompts } = await createSeries(t, fac.token, 'van', { startDate: '2026-03-02' });
    const [ada] = await members('van', ['Ada']);
    expect((await answer(ada!.token, prompts[0]!.id)).json).toMatchObject({ points: 2, onTime: true });

    // Clocks sprang forward on Sunday 8 March: 06:30 UTC Monday is still Sunday 23:30 in Vancouver.
    t.clock.set('2026-03-09T06:30:00Z');
    expect((await board('van', '?period=week', ada!.token)).json.entries).toEqual([{ rank: 1, name: 'Ada', points: 2 }]);
    t.clock.set('2026-03-09T07:30:00Z');
    const fresh = await board('van', '?period=week', ada!.token);
    expect(fresh.json).toEqual({ period: 'week', entries: [], me: null });
    expect((await board('van', '?period=all', ada!.token)).json.entries).toEqual([{ rank: 1, name: 'Ada', points: 2 }]);

    expect((await answer(ada!.token, prompts[0]!.id, { level: 'hard' })).json).toMatchObject({ points: 3, onTime: false });
    expect((await board('van', '?period=week', ada!.token)).json.me).toEqual({ rank: 1, points: 3 });
    expect((await board('van', '?period=all', ada!.token)).json.me).toEqual({ rank: 1, points: 5 });
  });

  it('always equals the sum of the ledger after a random run of answers, deletions and kudos', async () => {
    const fac = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fac.token, { slug: 'mix', timeZone: 'Asia/Tokyo', dayStartHour: 5 });
    const promptTexts = Array.from({ length: 11 }, (_, i) => ({ easy: `Easy ${i}`, hard: `Hard ${i}`, hardPoints: 2 + (i % 3) }));
    // Starting in the past opens every prompt up to today at once, so the run needs no scheduler.
    const { prompts } = await createSeries(t, fac.token, 'mix', { startDate: '2026-02-19', prompts: promptTexts });
    const people = [fac, ...(await members('mix', ['Ada', 'Bob', 'Cal', 'Dee', 'Eve']))];
    await t.db.update(users).set({ showOnLeaderboards: false }).where(eq(users.id, people[5]!.userId));
    const opened = prompts.filter((p) => p.opensOn <= '2026-03-02');

    // mulberry32: deterministic, so a failure replays exactly.
    let seed = 20260302;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return Math.floor((((x ^ (x >>> 14)) >>> 0) / 2 ** 32) * n);
    };
    const pick = <T>(xs: T[]) => xs[rand(xs.length)]!;
    for (let step = 0; step < 160; step++) {
      const who = pick(people);
      const live = await t.db.select().from(submissions);
      const op = rand(10);
      if (op < 5) {
        const res = await answer(who.token, pick(opened).id, {
          level: pick(['easy', 'hard']),
          anonymous: rand(3) === 0,
          visibility: pick(['facilitators', 'community', 'public']),
        });
        expect([201, 409]).toContain(res.status);
      } else if (op < 7) {
        const mine = live.filter((s) => s.userId === who.userId);
        if (mine.length) expect((await t.call('DELETE', `/api/submissions/${pick(mine).id}`, { token: who.token })).status).toBe(200);
      } else if (op < 9 && live.length) {
        const res = await t.call('POST', `/api/submissions/${pick(live).id}/kudos`, {
          token: who.token,
          body: { kind: pick(['applause', 'learned', 'relate']) },
        });
        expect([200, 403, 404]).toContain(res.status);
      } else {
        t.clock.advance(rand(40) * 3_600_000);
      }
    }

    // Every score row equals its ledger sum, for all time and for each week, and no other rows exist.
    const fromLedger = await t.db.all<{ user_id: number; period: string; points: number; listed: number }>(sql`
      select user_id, 'all' as period, sum(delta) as points, sum(case when listed then delta else 0 end) as listed
        from points_ledger group by user_id
      union all
      select user_id, week_of, sum(delta), sum(case when listed then delta else 0 end)
        from points_ledger group by user_id, week_of`);
    const stored = await t.db.select().from(scores);
    const key = (u: number, p: string) => `${u}/${p}`;
    expect(new Map(stored.map((s) => [key(s.userId, s.period), [s.points, s.listedPoints]]))).toEqual(
      new Map(fromLedger.map((l) => [key(l.user_id, l.period), [l.points, l.listed]])),
    );
    // The ledger's net equals the points of the answers that still exist.
    const live = await t.db.select().from(submissions);
    for (const p of people) {
      const net = fromLedger.find((l) => l.user_id === p.userId && l.period === 'all')?.points ?? 0;
      expect(net).toBe(live.filter((s) => s.userId === p.userId).reduce((a, s) => a + s.points, 0));
    }
    expect((await t.db.select().from(pointsLedger)).length).toBeGreaterThan(live.length);

    // And the boards show exactly the listed sums of members who did not opt out.
    const names = new Map(people.map((p, i) => [p.userId, ['Fran', 'Ada', 'Bob', 'Cal', 'Dee', 'Eve'][i]!]));
    const thisWeek = weekOf(localDay(t.clock.now(), 'Asia/Tokyo', 5));
    for (const [period, periodKey] of [['all', 'all'], ['week', thisWeek]] as const) {
      const res = await board('mix', `?period=${period}&limit=100`, fac.token);
      const rows = fromLedger.filter((l) => l.period === periodKey);
      const expected = rows
        .filter((l) => l.listed > 0 && l.user_id !== people[5]!.userId)
        .map((l) => ({ name: names.get(l.user_id)!, points: l.listed }))
        .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name));
      expect(res.json.entries.map((e: { name: string; points: number }) => ({ name: e.name, points: e.points }))).toEqual(expected);
      for (const p of people) {
        const me = (await board('mix', `?period=${period}`, p.token)).json.me;
        expect(me?.points ?? null).toBe(rows.find((l) => l.user_id === p.userId)?.points ?? null);
      }
    }
  });
});
