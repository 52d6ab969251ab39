/**
 * Property: on random communities (members joining over months, outsiders, series, easy/hard and anonymous
 * answers over weeks, kudos, ladder steps, goals, rest weeks, in several zones and day-start hours) every
 * analytics figure equals a brute-force recomputation from the raw rows (tests/helpers/analytics-brute.ts).
 * Rows are written directly: the property is about reading them, and thousands of API calls would say no more.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { communities, kudos, ladderSteps, memberships, prompts, restWeeks, rhythmGoals, series, submissions, users } from '../../db/schema';
import { computeAnalytics } from '../../src/domain/analytics/compute';
import { analyticsWindow } from '../../src/domain/analytics/window';
import { bruteAnalytics, type RawRows } from '../helpers/analytics-brute';
import { bruteMonday } from '../helpers/rhythm-brute';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE = Date.parse('2026-06-10T00:00:00Z');
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const STAGES = ['observer', 'practising', 'sharing_community', 'sharing_public', 'main_space'];

const arbCommunity = fc.record({
  timeZone: fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'),
  dayStartHour: fc.integer({ min: 0, max: 5 }),
  nowMinutes: fc.integer({ min: 0, max: 60 * 24 * 200 }),
  members: fc.array(fc.record({ joinedMinutesAgo: fc.integer({ min: 0, max: 60 * 24 * 120 }), facilitator: fc.boolean() }), { maxLength: 14 }),
  outsiders: fc.integer({ min: 0, max: 2 }),
  series: fc.array(fc.record({ startDaysAgo: fc.integer({ min: -3, max: 60 }), prompts: fc.integer({ min: 1, max: 8 }) }), { maxLength: 3 }),
  answers: fc.array(
    fc.record({
      who: fc.nat(),
      prompt: fc.nat(),
      level: fc.constantFrom('easy' as const, 'hard' as const),
      anonymous: fc.boolean(),
      visibility: fc.constantFrom('facilitators' as const, 'community' as const, 'public' as const),
      moderation: fc.constantFrom('visible' as const, 'visible' as const, 'hidden' as const, 'removed' as const),
      minutesAgo: fc.integer({ min: -60 * 30, max: 60 * 24 * 100 }),
    }),
    { maxLength: 70 },
  ),
  kudos: fc.array(fc.record({ answer: fc.nat(), who: fc.nat(), kind: fc.constantFrom('applause', 'learned'), minutesAgo: fc.integer({ min: -60 * 30, max: 60 * 24 * 40 }) }), { maxLength: 40 }),
  ladder: fc.array(fc.record({ who: fc.nat(), rank: fc.integer({ min: 1, max: 4 }) }), { maxLength: 8 }),
  goals: fc.array(fc.record({ who: fc.nat(), weeksAgo: fc.integer({ min: 0, max: 14 }), goal: fc.integer({ min: 1, max: 7 }) }), { maxLength: 6 }),
  rest: fc.array(fc.record({ who: fc.nat(), weeksAgo: fc.integer({ min: -2, max: 14 }) }), { maxLength: 6 }),
});

type Spec = typeof arbCommunity extends fc.Arbitrary<infer T> ? T : never;

let run = 0;

/** Writes one random community; returns it and its raw rows for the brute force. */
async function seed(spec: Spec) {
  const n = ++run;
  const now = BASE + spec.nowMinutes * 60_000;
  const db = t.db;
  const [c] = await db
    .insert(communities)
    .values({ slug: `prop-${n}`, name: `Prop ${n}`, timeZone: spec.timeZone, dayStartHour: spec.dayStartHour, visibility: 'private', createdAt: now - 200 * DAY })
    .returning();
  const people = await db
    .insert(users)
    .values(Array.from({ length: spec.members.length + spec.outsiders + 1 }, (_, i) => ({ email: `p${n}-${i}@example.org`, name: `P${i}`, createdAt: now - 300 * DAY })))
    .returning({ id: users.id });
  const raw: RawRows = { timeZone: spec.timeZone, dayStartHour: spec.dayStartHour, now, memberships: [], series: [], prompts: [], answers: [], kudos: [], shownSteps: [], goals: [], rest: [] };
  raw.memberships = spec.members.map((m, i) => ({ userId: people[i]!.id, role: m.facilitator ? 'facilitator' : 'member', joinedAt: now - m.joinedMinutesAgo * 60_000 }));
  if (raw.memberships.length) await db.insert(memberships).values(raw.memberships.map((m) => ({ communityId: c!.id, ...m })));
  const pool = people.slice(0, spec.members.length + spec.outsiders).map((p) => p.id);
  const author = people[people.length - 1]!.id;

  for (const [i, s] of spec.series.entries()) {
    const start = dayOf(now - s.startDaysAgo * DAY);
    const [row] = await db
      .insert(series)
      .values({ communityId: c!.id, title: `Series ${i}`, startDate: start, cadence: 'daily', status: 'running', createdBy: author, createdAt: now })
      .returning({ id: series.id });
    raw.series.push({ id: row!.id, title: `Series ${i}` });
    const ps = await db
      .insert(prompts)
      .values(Array.from({ length: s.prompts }, (_, k) => {
        const opensOn = dayOf(Date.parse(`${start}T00:00:00Z`) + k * DAY);
        return { seriesId: row!.id, communityId: c!.id, position: k + 1, easyText: 'e', hardText: 'h', easyPoints: 1, hardPoints: 3, opensOn, opensAt: Date.parse(opensOn) };
      }))
      .returning({ id: prompts.id, seriesId: prompts.seriesId, position: prompts.position, opensOn: prompts.opensOn });
    raw.prompts.push(...ps);
  }

  if (pool.length && raw.prompts.length) {
    const seen = new Set<string>();
    for (const a of spec.answers) {
      const userId = pool[a.who % pool.length]!;
      const prompt = raw.prompts[a.prompt % raw.prompts.length]!;
      const key = `${prompt.id}/${userId}/${a.level}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const [row] = await db
        .insert(submissions)
        .values({ promptId: prompt.id, communityId: c!.id, userId, level: a.level, body: 'b', visibility: a.visibility, anonymous: a.anonymous, moderation: a.moderation, points: 1, onTime: true, createdAt: now - a.minutesAgo * 60_000 })
        .returning({ id: submissions.id });
      raw.answers.push({ id: row!.id, promptId: prompt.id, userId, level: a.level, anonymous: a.anonymous, visibility: a.visibility, moderation: a.moderation, createdAt: now - a.minutesAgo * 60_000 });
    }
  }
  if (pool.length && raw.answers.length) {
    const seen = new Set<string>();
    for (const k of spec.kudos) {
      const row = { submissionId: raw.answers[k.answer % raw.answers.length]!.id, userId: pool[k.who % pool.length]!, kind: k.kind, createdAt: now - k.minutesAgo * 60_000 };
      const key = `${row.submissionId}/${row.userId}/${row.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await db.insert(kudos).values(row);
      raw.kudos.push(row);
    }
  }
  const thisMonday = bruteMonday(dayOf(now));
  const mondayAgo = (w: number) => dayOf(Date.parse(`${thisMonday}T00:00:00Z`) - w * 7 * DAY);
  if (pool.length) {
    const steps = new Map<string, { userId: number; rank: number }>();
    for (const l of spec.ladder) steps.set(`${pool[l.who % pool.length]}/${l.rank}`, { userId: pool[l.who % pool.length]!, rank: l.rank });
    for (const s of steps.values()) {
      await db.insert(ladderSteps).values({ communityId: c!.id, userId: s.userId, view: 'shown', stage: STAGES[s.rank]!, rank: s.rank, reachedOn: dayOf(now), createdAt: now });
      raw.shownSteps.push(s);
    }
    const goals = new Map<string, { userId: number; weekOf: string; goal: number }>();
    for (const g of spec.goals) goals.set(`${pool[g.who % pool.length]}/${g.weeksAgo}`, { userId: pool[g.who % pool.length]!, weekOf: mondayAgo(g.weeksAgo), goal: g.goal });
    for (const g of goals.values()) await db.insert(rhythmGoals).values({ communityId: c!.id, ...g, updatedAt: now });
    raw.goals = [...goals.values()];
    const rests = new Map<string, { userId: number; weekOf: string }>();
    for (const r of spec.rest) rests.set(`${pool[r.who % pool.length]}/${r.weeksAgo}`, { userId: pool[r.who % pool.length]!, weekOf: mondayAgo(r.weeksAgo) });
    for (const r of rests.values()) await db.insert(restWeeks).values({ communityId: c!.id, ...r, createdAt: now });
    raw.rest = [...rests.values()];
  }
  return { community: c!, raw, now: new Date(now) };
}

it('every figure equals a brute-force recomputation from the raw rows', { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(arbCommunity, async (spec) => {
      const { community, raw, now } = await seed(spec);
      const computed = await computeAnalytics(t.db, community, analyticsWindow(community, now));
      expect(computed).toEqual(bruteAnalytics(raw));
    }),
    { numRuns: 60 },
  );
});
