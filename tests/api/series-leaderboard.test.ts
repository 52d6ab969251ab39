import { eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communities, pointsLedger, users } from '../../db/schema';
import { memberRhythm, namedRhythms } from '../../src/domain/recognition/rhythm-member';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { watchClient } from '../helpers/client-spy';
import { createCommunity, createSeries, join } from '../helpers/fixtures';
import { bruteLocalDay, bruteRhythm } from '../helpers/rhythm-brute';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterAll(() => t.close());

const DAY = 86_400_000;
type Visibility = 'facilitators' | 'community' | 'public';
type User = { token: string; userId: number; name: string };
let seq = 0;

/** A community in `timeZone` (UTC by default) with two running series that began 20 days ago, and members. */
async function community(fac: User, members: User[], opts: { timeZone?: string; visibility?: 'public' | 'private' } = {}) {
  const slug = `board-${++seq}`;
  await createCommunity(t, fac.token, { slug, timeZone: opts.timeZone ?? 'UTC', visibility: opts.visibility ?? 'public' });
  const start = new Date(t.clock.now().getTime() - 20 * DAY).toISOString().slice(0, 10);
  const texts = Array.from({ length: 90 }, (_, i) => ({ easy: `E${i}`, hard: `H${i}`, hardPoints: 2 + (i % 3) }));
  const s1 = await createSeries(t, fac.token, slug, { title: 'One', startDate: start, prompts: texts });
  const s2 = await createSeries(t, fac.token, slug, { title: 'Two', startDate: start, prompts: texts.slice(0, 40) });
  for (const m of members) await join(t, m.token, slug);
  return { slug, series: [s1, s2] };
}

async function people(names: string[]): Promise<User[]> {
  const n = ++seq;
  return Promise.all(names.map(async (name) => ({ ...(await t.userToken(`${name.toLowerCase()}${n}@example.org`, name)), name })));
}

const answer = (token: string, promptId: number, opts: { level?: string; visibility?: Visibility; anonymous?: boolean } = {}) =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, {
    token,
    body: { level: opts.level ?? 'easy', body: 'Done', visibility: opts.visibility ?? 'community', anonymous: opts.anonymous ?? false },
  });
const board = (slug: string, query: string, token?: string) => t.call('GET', `/api/communities/${slug}/leaderboard${query}`, { token });

/** Competition ranking of (name, score) pairs, as every board orders them. */
function ranked(rows: { name: string; score: number }[], extra: (score: number) => object = () => ({})) {
  const sorted = rows.filter((r) => r.score > 0).sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted.map((r) => ({ rank: sorted.filter((x) => x.score > r.score).length + 1, name: r.name, points: r.score, ...extra(r.score) }));
}

describe('series leaderboard', () => {
  it("counts only that series' answers, with the same privacy as the other boards", async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const [fac, ada, bob, cal] = await people(['Fran', 'Ada', 'Bob', 'Cal']);
    const { slug, series } = await community(fac!, [ada!, bob!, cal!]);
    const today = (s: (typeof series)[number]) => s.prompts.find((p) => p.opensOn === '2026-03-02')!.id;
    await answer(ada!.token, today(series[0]!)); // 1 + on-time 1
    const bobs = (await answer(bob!.token, today(series[1]!), { level: 'hard' })).json.points;
    const cals = (await answer(cal!.token, today(series[0]!), { level: 'hard', anonymous: true })).json.points;
    const gone = await answer(bob!.token, today(series[0]!), { level: 'hard' });
    await t.call('DELETE', `/api/submissions/${gone.json.id}`, { token: bob!.token });

    const one = await board(slug, `?period=series&seriesId=${series[0]!.id}`, cal!.token);
    expect(one.json).toEqual({
      period: 'series',
      series: { id: series[0]!.id, title: 'One' },
      entries: [{ rank: 1, name: 'Ada', points: 2 }],
      me: { rank: 2, points: cals }, // Cal's own anonymous points, for Cal alone
    });
    expect((await board(slug, `?period=series&seriesId=${series[1]!.id}`)).json).toMatchObject({ entries: [{ rank: 1, name: 'Bob', points: bobs }], me: null });

    await t.db.update(users).set({ showOnLeaderboards: false }).where(eq(users.id, ada!.userId));
    expect((await board(slug, `?period=series&seriesId=${series[0]!.id}`, ada!.token)).json).toMatchObject({ entries: [], me: { rank: 1, points: 2 } });

    const missing = await board(slug, '?period=series');
    expect(missing.status).toBe(400);
    expect(missing.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['seriesId']);
    const other = await community(fac!, []);
    expect((await board(slug, `?period=series&seriesId=${other.series[0]!.id}`)).status).toBe(404);
    expect((await board(slug, '?period=series&seriesId=99999')).status).toBe(404);
    expect((await board(slug, '?period=month')).status).toBe(400);
  });
});

describe('rhythm leaderboard', () => {
  it('ranks by weeks met in the current run, ties sharing a rank, from named answers only', async () => {
    t.clock.set('2026-02-09T12:00:00Z'); // Monday
    const [fac, ada, bob, cal, dee] = await people(['Fran', 'Ada', 'Bob', 'Cal', 'Dee']);
    const { slug, series } = await community(fac!, [ada!, bob!, cal!, dee!]);
    const promptOn = new Map(series[0]!.prompts.map((p) => [p.opensOn, p.id]));
    // Ada and Bob answer three days in each of two weeks, Cal in one, Dee only anonymously.
    for (const week of [0, 1]) {
      for (const d of [0, 1, 2]) {
        t.clock.set(new Date(Date.parse('2026-02-09T12:00:00Z') + (week * 7 + d) * DAY));
        await tick(t.db, t.clock.now());
        const id = promptOn.get(t.clock.now().toISOString().slice(0, 10))!;
        await answer(ada!.token, id);
        await answer(bob!.token, id, { visibility: 'public' });
        if (week === 1) await answer(cal!.token, id);
        await answer(dee!.token, id, { anonymous: true });
      }
    }
    const res = await board(slug, '?period=rhythm', dee!.token);
    expect(res.json).toEqual({
      period: 'rhythm',
      entries: [
        { rank: 1, name: 'Ada', points: 2, weeks: 2 },
        { rank: 1, name: 'Bob', points: 2, weeks: 2 },
        { rank: 3, name: 'Cal', points: 1, weeks: 1 },
      ],
      me: { rank: 4, points: 2, weeks: 2 }, // Dee's own rhythm counts her anonymous answers
    });
    expect((await board(slug, '?period=rhythm&limit=1')).json).toEqual({ period: 'rhythm', entries: [{ rank: 1, name: 'Ada', points: 2, weeks: 2 }], me: null });
  });

  it('reads the members’ runs a range of members at a time, pausing between reads, with the same result', async () => {
    t.clock.set('2026-02-09T12:00:00Z'); // Monday
    const [fac, ...members] = await people(['Fran', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7']);
    const { slug, series } = await community(fac!, members);
    const promptOn = new Map(series[0]!.prompts.map((p) => [p.opensOn, p.id]));
    for (let d = 0; d < 10; d++) {
      t.clock.set(new Date(Date.parse('2026-02-09T12:00:00Z') + d * DAY));
      await tick(t.db, t.clock.now());
      const id = promptOn.get(t.clock.now().toISOString().slice(0, 10))!;
      // Member i answers on days divisible by (i % 3) + 1; every third one anonymously (never counted here).
      for (const [i, m] of members.entries()) if (d % ((i % 3) + 1) === 0) await answer(m.token, id, { anonymous: i % 3 === 2 });
    }
    const [c] = await t.db.select().from(communities).where(eq(communities.slug, slug));
    const ids = members.map((m) => m.userId).reverse();
    let pauses = 0;
    const today = t.clock.now().toISOString().slice(0, 10);
    const apart = await namedRhythms(t.db, c!, ids, { today, pause: async () => void pauses++, membersPerRead: 2 });
    expect(pauses).toBe(3); // 7 members, 4 reads
    expect(apart).toEqual(await namedRhythms(t.db, c!, ids, { today }));
    for (const id of ids) expect(apart.get(id)).toEqual(await memberRhythm(t.db, c!, id, t.clock.now(), true));
    expect(new Set([...apart.values()].map((r) => r.currentRun)).size).toBeGreaterThan(1);
  });

  it('reuses the members’ runs while nothing is written and the day stands, and follows a write or a new day at once', async () => {
    t.clock.set('2026-02-09T12:00:00Z'); // Monday
    const [fac, ada, bob] = await people(['Fran', 'Ada', 'Bob']);
    const { slug, series } = await community(fac!, [ada!, bob!]);
    const promptOn = new Map(series[0]!.prompts.map((p) => [p.opensOn, p.id]));
    const answered: number[] = [];
    for (const d of [0, 1, 2]) {
      t.clock.set(new Date(Date.parse('2026-02-09T12:00:00Z') + d * DAY));
      await tick(t.db, t.clock.now());
      const res = await answer(ada!.token, promptOn.get(t.clock.now().toISOString().slice(0, 10))!);
      answered.push(res.json.id);
    }
    /** The board as a visitor reads it, and whether the reading went through the members' answers. */
    const read = async () => {
      const sent: string[] = [];
      let entries: unknown;
      await watchClient(t.client, { sent: (s) => sent.push(...s.map((x) => (typeof x === 'string' ? x : x.sql))) }, async () => {
        entries = (await board(slug, '?period=rhythm')).json.entries;
      });
      return { entries, readAnswers: sent.some((q) => q.includes('from "submissions"')) };
    };
    const ada1 = [{ rank: 1, name: 'Ada', points: 1, weeks: 1 }];
    expect(await read()).toEqual({ entries: ada1, readAnswers: true });
    expect(await read()).toEqual({ entries: ada1, readAnswers: false });
    // A write shows at once: without this answer Ada's week is two days, under her goal of three.
    expect((await t.call('DELETE', `/api/submissions/${answered[2]}`, { token: ada!.token })).status).toBe(200);
    expect(await read()).toEqual({ entries: [], readAnswers: true });
    await answer(ada!.token, promptOn.get('2026-02-11')!, { level: 'hard' });
    expect(await read()).toEqual({ entries: ada1, readAnswers: true });
    expect(await read()).toEqual({ entries: ada1, readAnswers: false });
    // So does a new day with nothing written: two Mondays on, the week between was missed and the run is over.
    t.clock.set('2026-02-23T12:00:00Z');
    expect(await read()).toEqual({ entries: [], readAnswers: true });
  });
});

type Op =
  | { kind: 'answer'; who: number; series: number; back: number; level: 'easy' | 'hard'; visibility: Visibility; anonymous: boolean }
  | { kind: 'delete'; who: number; pick: number }
  | { kind: 'optOut'; who: number; show: boolean }
  | { kind: 'wait'; hours: number };

const op = (members: number): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('answer' as const),
        who: fc.nat(members - 1),
        series: fc.nat(1),
        back: fc.nat(6),
        level: fc.constantFrom('easy' as const, 'hard' as const),
        visibility: fc.constantFrom<Visibility>('facilitators', 'community', 'public'),
        anonymous: fc.boolean(),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), who: fc.nat(members - 1), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('optOut' as const), who: fc.nat(members - 1), show: fc.boolean() }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 6, max: 60 }) }) },
  );

describe('series and rhythm leaderboards over random histories', () => {
  it('equal brute-force sums of the answers that exist, and the ledger', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('UTC', 'America/Vancouver', 'Europe/Paris'), fc.array(op(4), { minLength: 10, maxLength: 60 }), async (timeZone, ops) => {
        t.clock.set('2026-02-23T15:00:00Z');
        const members = await people(['Ada', 'Bob', 'Cal', 'Dee']);
        const [fac] = await people(['Fran']);
        const c = await community(fac!, members, { timeZone });
        const live: { id: number; who: number; series: number; points: number; named: boolean; at: number }[] = [];
        const everInSeries: number[][] = [[], []];
        const shown = members.map(() => true);
        const byDay = c.series.map((s) => new Map(s.prompts.map((p) => [p.opensOn, p.id])));
        for (const o of ops) {
          if (o.kind === 'wait') {
            t.clock.advance(o.hours * 3_600_000);
            await tick(t.db, t.clock.now());
          } else if (o.kind === 'optOut') {
            shown[o.who] = o.show;
            await t.call('PATCH', '/api/me', { token: members[o.who]!.token, body: { showOnLeaderboards: o.show } });
          } else if (o.kind === 'delete') {
            const mine = live.filter((a) => a.who === o.who);
            if (mine.length === 0) continue;
            const gone = mine[o.pick % mine.length]!;
            live.splice(live.indexOf(gone), 1);
            expect((await t.call('DELETE', `/api/submissions/${gone.id}`, { token: members[o.who]!.token })).status).toBe(200);
          } else {
            // Prompts opened by the day of the community's series start; a past day makes a late answer.
            const day = bruteLocalDay(t.clock.now().getTime() - o.back * DAY, timeZone, 0);
            const prompt = byDay[o.series]!.get(day);
            if (prompt === undefined) continue;
            const res = await answer(members[o.who]!.token, prompt, o);
            expect([201, 409]).toContain(res.status);
            if (res.status === 201) {
              live.push({ id: res.json.id, who: o.who, series: o.series, points: res.json.points, named: !o.anonymous, at: t.clock.now().getTime() });
              everInSeries[o.series]!.push(res.json.id);
            }
          }
        }

        for (const [si, s] of c.series.entries()) {
          const sum = (who: number, namedOnly: boolean) =>
            live.filter((a) => a.who === who && a.series === si && (a.named || !namedOnly)).reduce((n, a) => n + a.points, 0);
          const expected = ranked(members.map((m, i) => ({ name: m.name, score: shown[i] ? sum(i, true) : 0 })));
          const res = await board(c.slug, `?period=series&seriesId=${s.id}&limit=100`, fac!.token);
          expect(res.json.entries).toEqual(expected);
          // The same as the ledger's sums over every answer ever given to the series (deleted ones net to zero).
          const ids = everInSeries[si]!;
          const ledger = ids.length
            ? await t.db
                .select({ userId: pointsLedger.userId, listed: sql<number>`sum(case when ${pointsLedger.listed} then ${pointsLedger.delta} else 0 end)` })
                .from(pointsLedger)
                .where(inArray(pointsLedger.submissionId, ids))
                .groupBy(pointsLedger.userId)
            : [];
          for (const [i, m] of members.entries()) expect(ledger.find((l) => l.userId === m.userId)?.listed ?? 0).toBe(sum(i, true));
          for (const [i, m] of members.entries()) {
            const me = (await board(c.slug, `?period=series&seriesId=${s.id}`, m.token)).json.me;
            const mineLive = live.some((a) => a.who === i && a.series === si);
            expect(me).toEqual(mineLive ? { rank: expected.filter((e) => e.points > sum(i, true)).length + 1, points: sum(i, false) } : null);
          }
        }

        const now = t.clock.now().getTime();
        const run = (who: number, namedOnly: boolean) =>
          bruteRhythm({ instants: live.filter((a) => a.who === who && (a.named || !namedOnly)).map((a) => a.at), timeZone, dayStartHour: 0, rest: [], goals: [], now }).currentRun;
        const expectedRhythm = ranked(members.map((m, i) => ({ name: m.name, score: shown[i] ? run(i, true) : 0 })), (w) => ({ weeks: w }));
        expect((await board(c.slug, '?period=rhythm&limit=100')).json.entries).toEqual(expectedRhythm);
        for (const [i, m] of members.entries()) {
          const own = run(i, false);
          const rank = expectedRhythm.filter((e) => e.points > run(i, true)).length + 1;
          expect((await board(c.slug, '?period=rhythm', m.token)).json.me).toEqual(own > 0 ? { rank, points: own, weeks: own } : null);
        }
      }),
      { numRuns: 20, endOnFailure: true },
    );
  }, 120_000);
});
