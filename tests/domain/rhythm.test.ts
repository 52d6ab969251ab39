import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeRhythm, goalFor, postedDays, quarterOf } from '../../src/domain/recognition/rhythm';
import { localDay } from '../../src/domain/time';
import { bruteLocalDay, bruteMonday, bruteRhythm } from '../helpers/rhythm-brute';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Windows of ten weeks around each zone's DST change, so many generated weeks hold one. */
const ZONES = [
  { timeZone: 'America/Vancouver', from: Date.parse('2026-02-09T00:00:00Z') }, // springs forward 8 March
  { timeZone: 'Europe/Paris', from: Date.parse('2026-09-21T00:00:00Z') }, // falls back 25 October
  { timeZone: 'Australia/Lord_Howe', from: Date.parse('2026-09-07T00:00:00Z') }, // half-hour shift, 4 October
  { timeZone: 'Asia/Tokyo', from: Date.parse('2026-03-02T00:00:00Z') },
  { timeZone: 'UTC', from: Date.parse('2026-12-07T00:00:00Z') }, // across a year and a quarter end
];
const SPAN = 70 * DAY;

/** Same days the domain would see: an answer counts on the local day it was posted. */
const fromModel = (h: History) => ({
  days: postedDays(h.answers.filter((a) => !a.deleted).map((a) => a.postedAt), h.timeZone, h.dayStartHour),
  restWeeks: h.rest,
  goals: h.goals,
  today: localDay(new Date(h.now), h.timeZone, h.dayStartHour),
});

interface History {
  timeZone: string;
  dayStartHour: number;
  /** promptDaysBefore: how late the answer was; it must not matter, only postedAt does. */
  answers: { postedAt: number; promptDaysBefore: number; deleted: boolean }[];
  rest: string[];
  goals: { weekOf: string; goal: number }[];
  now: number;
}

const history: fc.Arbitrary<History> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    dayStartHour: fc.constantFrom(0, 0, 3, 5, 23),
    // Answers bunch into weeks and days, as people's do, so that met, missed and bridged weeks all occur.
    answers: fc.array(
      fc.record({
        week: fc.integer({ min: 0, max: 9 }),
        weekday: fc.integer({ min: 0, max: 6 }),
        minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
        promptDaysBefore: fc.nat(20),
        deleted: fc.boolean(),
      }),
      { maxLength: 80 },
    ),
    restOffsets: fc.uniqueArray(fc.integer({ min: -1, max: 11 }), { maxLength: 5 }),
    goals: fc.array(fc.record({ week: fc.integer({ min: -1, max: 11 }), goal: fc.integer({ min: 1, max: 7 }) }), { maxLength: 3 }),
    nowAt: fc.integer({ min: 0, max: SPAN }),
  })
  .map(({ zone, dayStartHour, answers, restOffsets, goals, nowAt }) => {
    const firstMonday = bruteMonday(new Date(zone.from).toISOString().slice(0, 10));
    const monday = (i: number) => new Date(Date.parse(`${firstMonday}T00:00:00Z`) + i * 7 * DAY).toISOString().slice(0, 10);
    const now = zone.from + nowAt;
    return {
      timeZone: zone.timeZone,
      dayStartHour,
      // Answers are only ever posted up to now.
      answers: answers.map((a) => {
        const at = a.week * 7 * DAY + a.weekday * DAY + a.minute * 60_000;
        return { postedAt: zone.from + Math.min(at, nowAt), promptDaysBefore: a.promptDaysBefore, deleted: a.deleted };
      }),
      rest: restOffsets.map(monday),
      goals: [...new Map(goals.map((g) => [monday(g.week), g.goal]))].map(([weekOf, goal]) => ({ weekOf, goal })),
      now,
    };
  });

describe('computeRhythm', () => {
  it('equals a brute-force recomputation over random histories, zones, DST weeks, rest weeks, goals, deletions and late answers', () => {
    fc.assert(
      fc.property(history, (h) => {
        const live = h.answers.filter((a) => !a.deleted).map((a) => a.postedAt);
        const expected = bruteRhythm({ instants: live, timeZone: h.timeZone, dayStartHour: h.dayStartHour, rest: h.rest, goals: h.goals, now: h.now });
        expect(computeRhythm(fromModel(h))).toEqual(expected);
      }),
      { numRuns: 600 },
    );
  });

  it('never grows when an answer is deleted, and is blind to the order and repetition of answers', () => {
    fc.assert(
      fc.property(history, fc.nat(), (h, pick) => {
        const all = computeRhythm(fromModel({ ...h, answers: h.answers.map((a) => ({ ...a, deleted: false })) }));
        const fewer = computeRhythm(fromModel(h));
        expect(fewer.currentRun).toBeLessThanOrEqual(all.currentRun);
        expect(fewer.longestRun).toBeLessThanOrEqual(all.longestRun);
        const shuffled = [...h.answers].sort((a, b) => ((a.postedAt * 7919 + pick) % 101) - ((b.postedAt * 7919 + pick) % 101));
        expect(computeRhythm(fromModel({ ...h, answers: [...shuffled, ...shuffled] }))).toEqual(fewer);
      }),
      { numRuns: 200 },
    );
  });

  const week = (monday: string, days: number[]) => days.map((d) => new Date(Date.parse(`${monday}T12:00:00Z`) + d * DAY).toISOString().slice(0, 10));

  it('counts met weeks, lets a missed single day pass, and resets only after a whole week under the goal', () => {
    const days = [...week('2026-03-02', [0, 2, 4]), ...week('2026-03-09', [1, 3, 6]), ...week('2026-03-16', [0, 1]), ...week('2026-03-23', [0, 1, 2])];
    expect(computeRhythm({ days, restWeeks: [], goals: [], today: '2026-03-25' })).toEqual({
      currentRun: 1,
      longestRun: 2,
      thisWeek: { weekOf: '2026-03-23', days: 3, goal: 3, met: true, rest: false },
    });
  });

  it('bridges a rest week without counting it, and keeps the run while this week is still under way', () => {
    const days = [...week('2026-03-02', [0, 1, 2]), ...week('2026-03-16', [0, 1, 2]), ...week('2026-03-23', [0])];
    const r = computeRhythm({ days, restWeeks: ['2026-03-09'], goals: [], today: '2026-03-24' });
    expect(r).toMatchObject({ currentRun: 2, longestRun: 2, thisWeek: { days: 1, met: false } });
    // Without the rest week, the empty week ends the first run.
    expect(computeRhythm({ days, restWeeks: [], goals: [], today: '2026-03-24' })).toMatchObject({ currentRun: 1, longestRun: 1 });
  });

  it('applies a goal from its week on, never to the weeks before it', () => {
    const days = [...week('2026-03-02', [0]), ...week('2026-03-09', [0])];
    const goals = [{ weekOf: '2026-03-09', goal: 1 }];
    expect(computeRhythm({ days, restWeeks: [], goals, today: '2026-03-10' })).toMatchObject({ currentRun: 1, longestRun: 1 });
    expect(goalFor(goals, '2026-03-02')).toBe(3);
    expect(goalFor([...goals, { weekOf: '2026-03-16', goal: 5 }], '2026-04-06')).toBe(5);
  });
});

describe('postedDays', () => {
  it('equals the local day of every instant, through DST changes and half-hour zones', () => {
    const zones = ['America/Vancouver', 'Europe/Paris', 'Australia/Lord_Howe', 'Australia/Adelaide', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.array(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }), { maxLength: 40 }),
        (zone, start, instants) => {
          expect(postedDays(instants, zone, start)).toEqual(instants.map((t) => bruteLocalDay(t, zone, start)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("counts an answer posted late on Sunday in Vancouver's spring-forward week for that week", () => {
    // 06:30 UTC on Monday 9 March is still Sunday 23:30 in Vancouver (UTC-7 since 02:00 that Sunday).
    expect(postedDays([Date.parse('2026-03-09T06:30:00Z'), Date.parse('2026-03-09T07:30:00Z')], 'America/Vancouver', 0)).toEqual([
      '2026-03-08',
      '2026-03-09',
    ]);
    // Paris falls back on 25 October: 23:30 UTC on Sunday is already Monday 00:30 (UTC+1).
    expect(postedDays([Date.parse('2026-10-25T22:30:00Z'), Date.parse('2026-10-25T23:30:00Z')], 'Europe/Paris', 0)).toEqual([
      '2026-10-25',
      '2026-10-26',
    ]);
  });
});

describe('quarterOf', () => {
  it('places a week in the quarter of its Monday', () => {
    expect(quarterOf('2026-03-30')).toEqual(['2026-01-01', '2026-04-01']);
    expect(quarterOf('2026-12-28')).toEqual(['2026-10-01', '2027-01-01']);
    expect(quarterOf('2026-07-06')).toEqual(['2026-07-01', '2026-10-01']);
  });
});
