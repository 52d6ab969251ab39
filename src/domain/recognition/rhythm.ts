/**
 * The weekly rhythm, as pure functions: streaks that fit busy people. A member sets a goal of N answer-days
 * per community week (Monday to Sunday, local); a week is met when it holds at least N distinct days with an
 * answer. A run is the number of met weeks since the last missed one, so a missed day never resets anything,
 * and only a whole week below the goal does.
 *
 * - An answer counts on the community-local day it was POSTED, not the day of its prompt: a late answer to
 *   an old prompt counts for the day it was written (the member did the work that day).
 * - A declared rest week bridges a run without counting as met: it neither breaks nor extends it. A rest
 *   week in which the goal was met anyway counts as met (the rest was not needed).
 * - The current week never breaks a run while it is still going: it adds one once met.
 * Everything is recomputed from the answers that exist, so deleting an answer is simply not counting it.
 */
import { everyDays, localDay, weekOf } from '../time';

export const DEFAULT_GOAL = 3;
export const MIN_GOAL = 1;
export const MAX_GOAL = 7;

/** A goal applies from its week on; weeks before the first change use DEFAULT_GOAL. */
export interface GoalChange {
  weekOf: string;
  goal: number;
}

export interface RhythmInput {
  /** Community-local days with an answer; repeats are fine (one day counts once). */
  days: Iterable<string>;
  /** Mondays of declared rest weeks. */
  restWeeks: Iterable<string>;
  goals: readonly GoalChange[];
  /** The community-local day now. */
  today: string;
}

export interface Rhythm {
  currentRun: number;
  longestRun: number;
  thisWeek: { weekOf: string; days: number; goal: number; met: boolean; rest: boolean };
}

/** The goal in force in `week`: the latest change made in or before it. */
export function goalFor(goals: readonly GoalChange[], week: string): number {
  let goal = DEFAULT_GOAL;
  let from = '';
  for (const g of goals) {
    if (g.weekOf <= week && g.weekOf >= from) {
      goal = g.goal;
      from = g.weekOf;
    }
  }
  return goal;
}

/** Current and longest run of met weeks, and how this week stands. One pass, oldest week first. */
export function computeRhythm(input: RhythmInput): Rhythm {
  const thisWeek = weekOf(input.today);
  const daysByWeek = new Map<string, Set<string>>();
  for (const day of input.days) {
    // A day after today cannot hold an answer yet; ignore it rather than count the future.
    if (day > input.today) continue;
    const w = weekOf(day);
    let set = daysByWeek.get(w);
    if (!set) daysByWeek.set(w, (set = new Set()));
    set.add(day);
  }
  const rest = new Set(input.restWeeks);
  const goals = [...input.goals].sort((a, b) => (a.weekOf < b.weekOf ? -1 : 1));
  const metIn = (w: string) => (daysByWeek.get(w)?.size ?? 0) >= goalFor(goals, w);

  let run = 0;
  let longest = 0;
  const first = [...daysByWeek.keys()].sort()[0];
  // Runs start with the first answer: the weeks before it are neither missed nor met.
  for (const w of first === undefined ? [] : everyDays(first, thisWeek, 7)) {
    if (metIn(w)) run += 1;
    else if (w !== thisWeek && !rest.has(w)) run = 0;
    longest = Math.max(longest, run);
  }
  const days = daysByWeek.get(thisWeek)?.size ?? 0;
  const goal = goalFor(goals, thisWeek);
  return {
    currentRun: run,
    longestRun: longest,
    thisWeek: { weekOf: thisWeek, days, goal, met: days >= goal, rest: rest.has(thisWeek) },
  };
}

const HOUR = 3_600_000;

/**
 * The community-local days on which these instants fall. Answers cluster in hours, and formatting a date in
 * a time zone is the costly part of a rhythm board, so the day is looked up once per UTC hour: when both
 * ends of an hour fall on the same local day, so does all of it, since no zone shifts its clocks back across
 * its day start and forward again within one hour. tests/domain/rhythm.test.ts checks this against
 * per-instant lookups in zones with DST and half-hour shifts.
 */
export function postedDays(instants: Iterable<number>, timeZone: string, dayStartHour: number): string[] {
  const byHour = new Map<number, string | null>();
  const out: string[] = [];
  for (const t of instants) {
    const hour = Math.floor(t / HOUR);
    let day = byHour.get(hour);
    if (day === undefined) {
      const start = localDay(new Date(hour * HOUR), timeZone, dayStartHour);
      const end = localDay(new Date(hour * HOUR + HOUR - 1), timeZone, dayStartHour);
      byHour.set(hour, (day = start === end ? start : null));
    }
    out.push(day ?? localDay(new Date(t), timeZone, dayStartHour));
  }
  return out;
}

/** The calendar quarter a week belongs to (by its Monday), as [first day, first day of the next). */
export function quarterOf(monday: string): [string, string] {
  const year = Number(monday.slice(0, 4));
  const q = Math.floor((Number(monday.slice(5, 7)) - 1) / 3);
  const start = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const next = q === 3 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 4).padStart(2, '0')}-01`;
  return [start, next];
}
