/**
 * Property: on random networks (several communities in several zones and day-start hours, members joining
 * over months, answers kept, hidden and removed over weeks, kudos, spotlights, series and moderation), the
 * dashboard a steward reads (GET /api/network, any sort, order, filter and threshold) equals a brute-force
 * recomputation from the raw rows, by local days in plain TypeScript, following src/domain/stewards/figures.ts
 * and view.ts. Rows are written directly: the property is about reading them.
 */
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { communities, kudos, memberships, moderationLog, networkFigures, prompts, series, spotlights, submissions, users } from '../../db/schema';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { bruteLocalDay, bruteMonday } from '../helpers/rhythm-brute';

const DAY = 86_400_000;
const BASE = Date.parse('2026-06-10T00:00:00Z');
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const ago = (now: number, minutes: number) => now - minutes * 60_000;

const arbCommunity = fc.record({
  name: fc.constantFrom('Alpha', 'alpha', 'Beta', 'Gamma'),
  visibility: fc.constantFrom('public' as const, 'private' as const),
  timeZone: fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Pacific/Auckland'),
  dayStartHour: fc.integer({ min: 0, max: 5 }),
  members: fc.array(fc.integer({ min: 0, max: 60 * 24 * 120 }), { maxLength: 12 }),
  answers: fc.array(
    fc.record({ who: fc.nat(), moderation: fc.constantFrom('visible' as const, 'visible' as const, 'hidden' as const, 'removed' as const), minutesAgo: fc.integer({ min: -60 * 30, max: 60 * 24 * 100 }) }),
    { maxLength: 45 },
  ),
  kudos: fc.array(fc.record({ answer: fc.nat(), who: fc.nat(), minutesAgo: fc.integer({ min: -60 * 30, max: 60 * 24 * 90 }) }), { maxLength: 12 }),
  spotlights: fc.array(fc.record({ answer: fc.nat(), minutesAgo: fc.integer({ min: -60 * 30, max: 60 * 24 * 90 }) }), { maxLength: 3 }),
  series: fc.array(fc.integer({ min: -60 * 30, max: 60 * 24 * 200 }), { maxLength: 2 }),
  moderation: fc.array(fc.integer({ min: -60 * 30, max: 60 * 24 * 90 }), { maxLength: 3 }),
});
const arbNetwork = fc.record({
  nowMinutes: fc.integer({ min: 0, max: 60 * 24 * 200 }),
  communities: fc.array(arbCommunity, { minLength: 1, maxLength: 4 }),
  query: fc.record({
    sort: fc.constantFrom('name', 'members', 'rate', 'health', 'lastAnswer', 'lastSpotlight', 'lastSeries', 'lastModeration'),
    order: fc.constantFrom('asc', 'desc'),
    filter: fc.constantFrom('all', 'quiet', 'showcase'),
    quietDays: fc.integer({ min: 1, max: 60 }),
  }),
});
type CommunitySpec = typeof arbCommunity extends fc.Arbitrary<infer T> ? T : never;

interface Raw {
  slug: string;
  name: string;
  visibility: 'public' | 'private';
  timeZone: string;
  dayStartHour: number;
  joined: { userId: number; at: number }[];
  answers: { id: number; userId: number; removed: boolean; at: number }[];
  kudos: { userId: number; at: number }[];
  spotlights: number[];
  series: number[];
  moderation: number[];
}

async function seedCommunity(t: TestApp, spec: CommunitySpec, i: number, now: number, author: number): Promise<Raw> {
  const db = t.db;
  const slug = `c${i}`;
  const [c] = await db.insert(communities).values({ slug, name: spec.name, timeZone: spec.timeZone, dayStartHour: spec.dayStartHour, visibility: spec.visibility, createdAt: now - 300 * DAY }).returning();
  const raw: Raw = { slug, name: spec.name, visibility: spec.visibility, timeZone: spec.timeZone, dayStartHour: spec.dayStartHour, joined: [], answers: [], kudos: [], spotlights: [], series: [], moderation: [] };
  // Members, and one outsider whose answers count as answers but never as a member's.
  const people = await db.insert(users).values(Array.from({ length: spec.members.length + 1 }, (_, k) => ({ email: `p${i}-${k}@example.org`, name: `P${k}`, createdAt: now - 300 * DAY }))).returning({ id: users.id });
  raw.joined = spec.members.map((m, k) => ({ userId: people[k]!.id, at: ago(now, m) }));
  if (raw.joined.length) await db.insert(memberships).values(raw.joined.map((j) => ({ communityId: c!.id, userId: j.userId, role: 'member' as const, joinedAt: j.at })));
  const [s] = await db.insert(series).values({ communityId: c!.id, title: 'S', startDate: '2026-01-01', cadence: 'daily', status: 'running', createdBy: author, createdAt: ago(now, 60 * 24 * 300) }).returning({ id: series.id });
  raw.series.push(ago(now, 60 * 24 * 300));
  for (const m of spec.series) {
    await db.insert(series).values({ communityId: c!.id, title: 'T', startDate: '2026-01-01', cadence: 'daily', status: 'scheduled', createdBy: author, createdAt: ago(now, m) });
    raw.series.push(ago(now, m));
  }
  const ps = await db.insert(prompts).values(Array.from({ length: 60 }, (_, k) => ({ seriesId: s!.id, communityId: c!.id, position: k + 1, easyText: 'e', hardText: 'h', easyPoints: 1, hardPoints: 3, opensOn: plusDays('2026-01-01', k), opensAt: 0 }))).returning({ id: prompts.id });
  for (const [k, a] of spec.answers.entries()) {
    const userId = people[a.who % people.length]!.id;
    const [row] = await db.insert(submissions).values({ promptId: ps[k]!.id, communityId: c!.id, userId, level: 'easy', body: 'b', visibility: 'community', anonymous: false, moderation: a.moderation, points: 1, onTime: true, createdAt: ago(now, a.minutesAgo) }).returning({ id: submissions.id });
    raw.answers.push({ id: row!.id, userId, removed: a.moderation === 'removed', at: ago(now, a.minutesAgo) });
  }
  if (raw.answers.length) {
    const seen = new Set<string>();
    for (const k of spec.kudos) {
      const row = { submissionId: raw.answers[k.answer % raw.answers.length]!.id, userId: people[k.who % people.length]!.id, kind: 'applause', createdAt: ago(now, k.minutesAgo) };
      if (seen.has(`${row.submissionId}/${row.userId}`)) continue;
      seen.add(`${row.submissionId}/${row.userId}`);
      await db.insert(kudos).values(row);
      raw.kudos.push({ userId: row.userId, at: row.createdAt });
    }
    const lit = new Set<number>();
    for (const sp of spec.spotlights) {
      const submissionId = raw.answers[sp.answer % raw.answers.length]!.id;
      if (lit.has(submissionId)) continue;
      lit.add(submissionId);
      await db.insert(spotlights).values({ submissionId, communityId: c!.id, createdBy: author, createdAt: ago(now, sp.minutesAgo) });
      raw.spotlights.push(ago(now, sp.minutesAgo));
    }
  }
  for (const m of spec.moderation) {
    await db.insert(moderationLog).values({ communityId: c!.id, actorId: author, action: 'hide', createdAt: ago(now, m) });
    raw.moderation.push(ago(now, m));
  }
  return raw;
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/** One community's dashboard row, by local days. */
function bruteRow(r: Raw, now: number, quietDays: number) {
  const day = (t: number) => bruteLocalDay(t, r.timeZone, r.dayStartHour);
  const asOf = plusDays(day(now), -1);
  const kept = r.answers.filter((a) => !a.removed && day(a.at) <= asOf);
  const lastMonday = bruteMonday(asOf);
  const trend = Array.from({ length: 12 }, (_, i) => {
    const monday = plusDays(lastMonday, -7 * (11 - i));
    const last = plusDays(monday, 6) < asOf ? plusDays(monday, 6) : asOf;
    const inWeek = (t: number) => day(t) >= monday && day(t) <= last;
    const members = new Set(r.joined.filter((j) => day(j.at) <= last).map((j) => j.userId));
    const contributors = new Set(kept.filter((a) => inWeek(a.at) && members.has(a.userId)).map((a) => a.userId));
    const active = new Set([...contributors, ...r.kudos.filter((k) => inWeek(k.at) && members.has(k.userId)).map((k) => k.userId)]);
    const answers = kept.filter((a) => inWeek(a.at)).length;
    return { weekOf: monday, answers, active: active.size, members: members.size, contributors: contributors.size };
  });
  const members = new Set(r.joined.filter((j) => day(j.at) <= asOf).map((j) => j.userId));
  const contributors30 = new Set(kept.filter((a) => day(a.at) >= plusDays(asOf, -29) && members.has(a.userId)).map((a) => a.userId)).size;
  const lastAnswerDay = kept.map((a) => day(a.at)).sort().at(-1) ?? null;
  const newest = (ts: number[]) => {
    const before = ts.filter((t) => day(t) <= asOf);
    return before.length ? new Date(Math.max(...before)).toISOString() : null;
  };
  const recent = trend.slice(-4);
  return {
    slug: r.slug,
    name: r.name,
    visibility: r.visibility,
    asOf,
    members: members.size,
    contributors30,
    contributionRate30: rate(contributors30, members.size),
    health: rate(recent.reduce((n, w) => n + w.answers, 0), recent.reduce((n, w) => n + w.active, 0)),
    trend: trend.map((w) => ({ weekOf: w.weekOf, answers: w.answers, active: w.active, health: rate(w.answers, w.active), contributionRate: rate(w.contributors, w.members) })),
    lastAnswerDay,
    daysSinceAnswer: lastAnswerDay === null ? null : (Date.parse(asOf) - Date.parse(lastAnswerDay)) / DAY,
    quiet: lastAnswerDay === null || lastAnswerDay <= plusDays(asOf, -quietDays),
    showcase: recent.every((w) => w.members > 0 && w.contributors / w.members > 0.1),
    // Steward actions (issue 14): none on these random networks.
    archived: false,
    pinned: false,
    lastSpotlightAt: newest(r.spotlights),
    lastSeriesAt: newest(r.series),
    lastModerationAt: newest(r.moderation),
  };
}

type Row = ReturnType<typeof bruteRow>;
const KEYS: Record<string, (r: Row) => string | number | null> = {
  name: (r) => r.name.toLowerCase(),
  members: (r) => r.members,
  rate: (r) => r.contributionRate30,
  health: (r) => r.health,
  lastAnswer: (r) => r.lastAnswerDay,
  lastSpotlight: (r) => r.lastSpotlightAt,
  lastSeries: (r) => r.lastSeriesAt,
  lastModeration: (r) => r.lastModerationAt,
};

function bruteDashboard(rows: Row[], q: { sort: string; order: string; filter: string }) {
  const shown = rows.filter((r) => q.filter === 'all' || (q.filter === 'quiet' ? r.quiet : r.showcase));
  // Each key's rows without a value last, the others by value in the asked order, ties by slug.
  const key = KEYS[q.sort]!;
  const withValue = shown.filter((r) => key(r) !== null).sort((a, b) => {
    const [x, y] = [key(a)!, key(b)!];
    if (x !== y) return (x < y ? -1 : 1) * (q.order === 'asc' ? 1 : -1);
    return a.slug.localeCompare(b.slug);
  });
  const without = shown.filter((r) => key(r) === null).sort((a, b) => a.slug.localeCompare(b.slug));
  return [...withValue, ...without];
}

it('the network dashboard equals a brute-force recomputation on random networks', { timeout: 240_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork, async (spec) => {
      const now = BASE + spec.nowMinutes * 60_000;
      const t = await makeTestApp(new Date(now).toISOString());
      try {
        const steward = await t.userToken('steward@example.org', 'Steward');
        await t.db.update(users).set({ isSteward: true }).where(eq(users.id, steward.userId));
        const raws = [];
        for (const [i, c] of spec.communities.entries()) raws.push(await seedCommunity(t, c, i, now, steward.userId));
        const q = spec.query;
        const res = await t.call('GET', `/api/network?${new URLSearchParams({ ...q, quietDays: String(q.quietDays) })}`, { token: steward.token });
        expect(res.status, res.text).toBe(200);
        const rows = raws.map((r) => bruteRow(r, now, q.quietDays));
        expect(res.json.communities).toEqual(bruteDashboard(rows, q));
        expect(res.json.totals).toEqual({ communities: rows.length, quiet: rows.filter((r) => r.quiet).length, showcase: rows.filter((r) => r.showcase).length });
        // Read again from the stored rows (no recomputation): the same answer.
        const again = await t.call('GET', `/api/network?${new URLSearchParams({ ...q, quietDays: String(q.quietDays) })}`, { token: steward.token });
        expect(again.json).toEqual(res.json);
      } finally {
        t.close();
      }
    }),
    { numRuns: 30 },
  );
});

/** Answers `daysAgo` before BASE at noon UTC (so inside one local day in UTC). */
const at = (who: number, daysAgo: number) => ({ who, moderation: 'visible' as const, minutesAgo: Math.round((daysAgo - 0.5) * 24 * 60) });
const quietSpec = (answers: ReturnType<typeof at>[]): CommunitySpec => ({
  name: 'Alpha', visibility: 'private', timeZone: 'UTC', dayStartHour: 0, members: Array.from({ length: 10 }, () => 60 * 24 * 100),
  answers, kudos: [], spotlights: [], series: [], moderation: [],
});

it('flags showcase only for contribution above 10 % in each of the last 4 weeks, and going quiet after N days', async () => {
  // BASE is Wednesday 2026-06-10: yesterday (asOf) is Tuesday 06-09, and the last four weeks start 05-18 … 06-08.
  const t = await makeTestApp(new Date(BASE).toISOString());
  try {
    const steward = await t.userToken('steward@example.org', 'Steward');
    await t.db.update(users).set({ isSteward: true }).where(eq(users.id, steward.userId));
    const weeks = [2, 9, 16, 23];
    await seedCommunity(t, quietSpec(weeks.map((d) => at(0, d))), 0, BASE, steward.userId); // 1 of 10 each week: 10 %
    await seedCommunity(t, quietSpec(weeks.flatMap((d) => [at(0, d), at(1, d)])), 1, BASE, steward.userId); // 20 %
    await seedCommunity(t, quietSpec([...weeks.slice(1).flatMap((d) => [at(0, d), at(1, d)]), at(0, 30)]), 2, BASE, steward.userId); // not the last week
    await seedCommunity(t, quietSpec([at(0, 15)]), 3, BASE, steward.userId); // last answer on 05-26: 14 days before asOf
    await seedCommunity(t, quietSpec([at(0, 14)]), 4, BASE, steward.userId); // 13 days before asOf
    const read = async (query: string) => (await t.call('GET', `/api/network?${query}`, { token: steward.token })).json;
    const flags = (view: { communities: { slug: string; quiet: boolean; showcase: boolean; daysSinceAnswer: number | null }[] }) =>
      Object.fromEntries(view.communities.map((c) => [c.slug, [c.showcase, c.quiet, c.daysSinceAnswer]]));
    expect(flags(await read('quietDays=14'))).toEqual({
      c0: [false, false, 1], c1: [true, false, 1], c2: [false, false, 8], c3: [false, true, 14], c4: [false, false, 13],
    });
    expect(flags(await read('quietDays=13'))).toMatchObject({ c4: [false, true, 13] });
    expect(flags(await read(''))).toMatchObject({ c3: [false, true, 14] }); // the default threshold is 14 days
    expect((await read('filter=showcase')).communities.map((c: { slug: string }) => c.slug)).toEqual(['c1']);
    expect((await read('filter=quiet&quietDays=8')).communities.map((c: { slug: string }) => c.slug)).toEqual(['c2', 'c3', 'c4']);
    const csv = (await t.call('GET', '/api/network.csv?filter=quiet&quietDays=8&sort=lastAnswer&order=desc', { token: steward.token })).text.split('\r\n');
    expect(csv[0]).toMatch(/^slug,name,visibility,as_of,members,/);
    expect(csv.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['c2', 'c4', 'c3']);
    expect(csv.at(-1)).toBe('');
  } finally {
    t.close();
  }
});

it('the tick recomputes each stored row once its community’s next local day completes, oldest first', async () => {
  const t = await makeTestApp('2026-06-10T12:00:00Z');
  try {
    const steward = await t.userToken('steward@example.org', 'Steward');
    await t.db.update(users).set({ isSteward: true }).where(eq(users.id, steward.userId));
    const spec = quietSpec([at(0, 1)]);
    await seedCommunity(t, { ...spec, timeZone: 'UTC' }, 0, BASE, steward.userId);
    await seedCommunity(t, { ...spec, timeZone: 'Pacific/Auckland' }, 1, BASE, steward.userId);
    // No steward has looked yet: the tick computes nothing.
    expect((await tick(t.db, t.clock.now())).networked).toBeUndefined();
    expect((await t.call('GET', '/api/network', { token: steward.token })).status).toBe(200);
    const asOf = async () => Object.fromEntries((await t.db.select().from(networkFigures)).map((r) => [r.communityId, r.asOf]));
    expect(Object.values(await asOf())).toEqual(['2026-06-09', '2026-06-10']);
    expect((await tick(t.db, t.clock.now())).networked).toBeUndefined();
    // 00:30 UTC on 06-11: UTC's 06-10 is complete; Auckland (UTC+12) is on 06-11 12:30, its 06-11 is not.
    t.clock.set('2026-06-11T00:30:00Z');
    // A view does not wait for the recomputation: it shows the stored row and the day it covers.
    const before = await t.call('GET', '/api/network', { token: steward.token });
    expect(before.json.communities.map((c: { asOf: string }) => c.asOf)).toEqual(['2026-06-09', '2026-06-10']);
    expect((await tick(t.db, t.clock.now())).networked).toBe(1);
    expect(Object.values(await asOf())).toEqual(['2026-06-10', '2026-06-10']);
    expect((await tick(t.db, t.clock.now())).networked).toBeUndefined();
    t.clock.set('2026-06-11T12:30:00Z');
    expect((await tick(t.db, t.clock.now())).networked).toBe(1);
    expect(Object.values(await asOf())).toEqual(['2026-06-10', '2026-06-11']);
    expect((await tick(t.db, t.clock.now())).networked).toBeUndefined();
  } finally {
    t.close();
  }
});
