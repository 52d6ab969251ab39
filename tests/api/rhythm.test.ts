import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';
import { bruteLocalDay, bruteMonday, bruteRhythm } from '../helpers/rhythm-brute';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z'); // Monday; 04:00 in Vancouver
});
afterAll(() => t.close());

const DAY = 86_400_000;
const dayPlus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
let seq = 0;

/** A community in `timeZone` with a long daily series that began `daysBefore` days ago, and one member. */
async function setup(timeZone: string, opts: { dayStartHour?: number; daysBefore?: number; visibility?: 'public' | 'private' } = {}) {
  const n = ++seq;
  const fac = await t.userToken(`fac${n}@example.org`, `Fac ${n}`);
  const member = await t.userToken(`member${n}@example.org`, `Member ${n}`);
  const slug = `rhythm-${n}`;
  await createCommunity(t, fac.token, { slug, timeZone, dayStartHour: opts.dayStartHour ?? 0, visibility: opts.visibility ?? 'public' });
  const today = bruteLocalDay(t.clock.now().getTime(), timeZone, opts.dayStartHour ?? 0);
  const prompts = Array.from({ length: 120 }, (_, i) => ({ easy: `Easy ${i}`, hard: `Hard ${i}` }));
  const series = await createSeries(t, fac.token, slug, { startDate: dayPlus(today, -(opts.daysBefore ?? 20)), prompts });
  const invite = opts.visibility === 'private' ? (await t.call('POST', `/api/communities/${slug}/invites`, { token: fac.token })).json.code : undefined;
  await join(t, member.token, slug, invite);
  const promptOn = new Map(series.prompts.map((p) => [p.opensOn, p.id]));
  return { slug, fac, member, promptOn, timeZone, dayStartHour: opts.dayStartHour ?? 0 };
}

const answer = (token: string, promptId: number, level = 'easy') =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, { token, body: { level, body: 'Done', visibility: 'community' } });
const rhythm = (slug: string, token?: string) => t.call('GET', `/api/communities/${slug}/rhythm/me`, { token });

describe('weekly rhythm', () => {
  it('starts at the default goal of 3, sets a goal, and takes rest weeks only ahead, three per quarter', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const { slug, member, promptOn } = await setup('America/Vancouver');
    expect((await rhythm(slug, member.token)).json).toEqual({
      goal: 3,
      currentRun: 0,
      longestRun: 0,
      thisWeek: { weekOf: '2026-03-02', days: 0, goal: 3, met: false, rest: false },
      restWeeks: [],
    });
    await answer(member.token, promptOn.get('2026-03-02')!);
    const goal = await t.call('PATCH', `/api/communities/${slug}/rhythm/me`, { token: member.token, body: { goal: 1 } });
    expect(goal.status).toBe(200);
    expect(goal.json).toMatchObject({ goal: 1, currentRun: 1, thisWeek: { days: 1, goal: 1, met: true } });

    const rest = (weekOf: string) => t.call('POST', `/api/communities/${slug}/rhythm/rest-weeks`, { token: member.token, body: { weekOf } });
    const now = await rest('2026-03-04');
    expect(now.status).toBe(400);
    expect(now.json.error.issues[0].path).toBe('weekOf');
    // Any day of the week names it; the week is stored by its Monday.
    expect((await rest('2026-03-11')).json.restWeeks).toEqual(['2026-03-09']);
    expect((await rest('2026-03-09')).status).toBe(201); // again: harmless
    expect((await rest('2026-03-16')).status).toBe(201);
    expect((await rest('2026-03-30')).status).toBe(201); // Monday 30 March: still the first quarter
    const fourth = await rest('2026-03-23');
    expect(fourth.status).toBe(400);
    expect(fourth.json.error.message).toContain('3 rest weeks');
    expect((await rest('2026-04-06')).status).toBe(201); // a new quarter
    expect((await rest('2027-04-05')).status).toBe(400); // more than a year ahead

    const back = await t.call('DELETE', `/api/communities/${slug}/rhythm/rest-weeks/2026-03-16`, { token: member.token });
    expect(back.json.restWeeks).toEqual(['2026-03-09', '2026-03-30', '2026-04-06']);
    expect((await t.call('DELETE', `/api/communities/${slug}/rhythm/rest-weeks/2026-03-16`, { token: member.token })).status).toBe(404);
    expect((await t.call('DELETE', `/api/communities/${slug}/rhythm/rest-weeks/2026-03-02`, { token: member.token })).status).toBe(400);
  });

  it.each([[{ goal: 0 }], [{ goal: 8 }], [{ goal: '3' }], [{ goal: 2.5 }], [{}]])('refuses goal %j with 400 naming goal', async (body) => {
    const { slug, member } = await setup('UTC');
    const res = await t.call('PATCH', `/api/communities/${slug}/rhythm/me`, { token: member.token, body });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain('goal');
  });

  it('is for signed-in members only; a private community stays invisible to outsiders', async () => {
    const { slug } = await setup('UTC');
    const priv = await setup('UTC', { visibility: 'private' });
    const stranger = await t.userToken('stranger@example.org', 'Stranger');
    expect((await rhythm(slug)).status).toBe(401);
    expect((await rhythm(slug, stranger.token)).status).toBe(403);
    expect((await rhythm(priv.slug, stranger.token)).status).toBe(404);
  });

  it("counts Sunday 23:30 in Vancouver's spring-forward week for that week, late answers on the day they are written, and forgets deleted ones", async () => {
    t.clock.set('2026-03-02T20:00:00Z'); // Monday 2 March, 12:00 PST
    const { slug, member, promptOn } = await setup('America/Vancouver');
    await answer(member.token, promptOn.get('2026-03-02')!);
    t.clock.set('2026-03-04T20:00:00Z');
    await tick(t.db, t.clock.now());
    const wednesday = (await answer(member.token, promptOn.get('2026-03-04')!)).json.id;
    // Clocks sprang forward at 02:00 on Sunday 8 March: 06:30 UTC on the 9th is Sunday 23:30 PDT.
    t.clock.set('2026-03-09T06:30:00Z');
    await tick(t.db, t.clock.now());
    // A late answer, to Monday's prompt: it counts for Sunday, the day it was written.
    expect((await answer(member.token, promptOn.get('2026-03-02')!, 'hard')).json.onTime).toBe(false);
    expect((await rhythm(slug, member.token)).json).toMatchObject({ currentRun: 1, thisWeek: { weekOf: '2026-03-02', days: 3, met: true } });

    t.clock.set('2026-03-09T07:30:00Z'); // Monday 00:30 PDT: a new week, the run stands while it is under way
    expect((await rhythm(slug, member.token)).json).toMatchObject({ currentRun: 1, longestRun: 1, thisWeek: { weekOf: '2026-03-09', days: 0 } });

    expect((await t.call('DELETE', `/api/submissions/${wednesday}`, { token: member.token })).status).toBe(200);
    expect((await rhythm(slug, member.token)).json).toMatchObject({ currentRun: 0, longestRun: 0 });
  });
});

type Step =
  | { kind: 'wait'; hours: number }
  | { kind: 'answer'; back: number; level: 'easy' | 'hard' }
  | { kind: 'delete'; pick: number }
  | { kind: 'rest'; ahead: number }
  | { kind: 'goal'; goal: number }
  | { kind: 'check' };

// Weighted so that histories span several weeks with met, missed and rested ones among them.
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 4, max: 30 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'wait' as const, hours: 7 * 24 }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('answer' as const), back: fc.integer({ min: 0, max: 15 }), level: fc.constantFrom('easy' as const, 'hard' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rest' as const), ahead: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('goal' as const), goal: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'check' as const }) },
);

/** Windows that cross a DST change: Vancouver springs forward on 8 March, Paris falls back on 25 October. */
const WINDOWS = [
  { timeZone: 'America/Vancouver', start: '2026-02-25T18:00:00Z' },
  { timeZone: 'Europe/Paris', start: '2026-10-12T09:00:00Z' },
];

describe('weekly rhythm over random histories', () => {
  it('equals a brute-force recomputation after answers, late answers, deletions, rest weeks and goal changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WINDOWS), fc.constantFrom(0, 5), fc.array(step, { minLength: 30, maxLength: 70 }), async (w, dayStartHour, steps) => {
        t.clock.set(w.start);
        const s = await setup(w.timeZone, { dayStartHour });
        const live: { id: number; at: number }[] = [];
        const rest: string[] = [];
        const goals: { weekOf: string; goal: number }[] = [];
        const today = () => bruteLocalDay(t.clock.now().getTime(), w.timeZone, dayStartHour);
        const check = async () => {
          const expected = bruteRhythm({ instants: live.map((a) => a.at), timeZone: w.timeZone, dayStartHour, rest, goals, now: t.clock.now().getTime() });
          const res = await rhythm(s.slug, s.member.token);
          expect(res.json).toEqual({ goal: expected.thisWeek.goal, ...expected, restWeeks: rest.filter((r) => r >= expected.thisWeek.weekOf).sort() });
        };
        for (const st of steps) {
          if (st.kind === 'wait') {
            t.clock.advance(st.hours * 3_600_000);
            await tick(t.db, t.clock.now());
          } else if (st.kind === 'answer') {
            const prompt = s.promptOn.get(dayPlus(today(), -st.back));
            if (prompt === undefined) continue;
            const res = await answer(s.member.token, prompt, st.level);
            expect([201, 409]).toContain(res.status);
            if (res.status === 201) live.push({ id: res.json.id, at: t.clock.now().getTime() });
          } else if (st.kind === 'delete' && live.length) {
            const [gone] = live.splice(st.pick % live.length, 1);
            expect((await t.call('DELETE', `/api/submissions/${gone!.id}`, { token: s.member.token })).status).toBe(200);
          } else if (st.kind === 'rest') {
            const week = bruteMonday(dayPlus(today(), 7 * st.ahead));
            const quarter = (d: string) => `${d.slice(0, 4)}Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3)}`;
            const res = await t.call('POST', `/api/communities/${s.slug}/rhythm/rest-weeks`, { token: s.member.token, body: { weekOf: week } });
            const allowed = st.ahead > 0 && (rest.includes(week) || rest.filter((r) => quarter(r) === quarter(week)).length < 3);
            expect(res.status).toBe(allowed ? 201 : 400);
            if (allowed && !rest.includes(week)) rest.push(week);
          } else if (st.kind === 'goal') {
            await t.call('PATCH', `/api/communities/${s.slug}/rhythm/me`, { token: s.member.token, body: { goal: st.goal } });
            const week = bruteMonday(today());
            goals.splice(0, goals.length, ...goals.filter((g) => g.weekOf !== week), { weekOf: week, goal: st.goal });
          } else if (st.kind === 'check') {
            await check();
          }
        }
        await check();
      }),
      { numRuns: 25, endOnFailure: true },
    );
  }, 120_000);
});
