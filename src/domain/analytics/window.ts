/**
 * The time frame of a community's analytics. Every figure covers complete community-local days only, up to
 * and including `asOf` (the day before today), so a snapshot taken once a day stays exact all day long.
 * Local days are turned into instants once here, and SQL compares plain `created_at` numbers with them.
 */
import { addDays, dayStartsAt, localDay, weekOf } from '../time';

/** Weeks in the trend: the community week holding `asOf` and the eleven before it. */
export const TREND_WEEKS = 12;

export interface AnalyticsWindow {
  /** The last local day counted (yesterday at computation). */
  asOf: string;
  /** The instant `asOf` ends: nothing at or after it counts. */
  end: number;
  /** The instant the 7 local days ending with `asOf` begin (asOf − 6). */
  start7: number;
  /** The instant the 30 local days ending with `asOf` begin (asOf − 29). */
  start30: number;
  /** The trend's weeks, oldest first: Monday, and the instants its counted part begins and ends. */
  weeks: { weekOf: string; start: number; end: number }[];
  /** When the next local day completes, and a fresher snapshot exists: the end of `asOf + 1`. */
  refreshAt: number;
}

interface Zone {
  timeZone: string;
  dayStartHour: number;
}

/** The analytics window of `community` at instant `now`. */
export function analyticsWindow(community: Zone, now: Date): AnalyticsWindow {
  const { timeZone, dayStartHour } = community;
  const startOf = (day: string) => dayStartsAt(day, timeZone, dayStartHour).getTime();
  const asOf = addDays(localDay(now, timeZone, dayStartHour), -1);
  const end = startOf(addDays(asOf, 1));
  const lastWeek = weekOf(asOf);
  const weeks = [];
  for (let i = TREND_WEEKS - 1; i >= 0; i--) {
    const monday = addDays(lastWeek, -7 * i);
    weeks.push({ weekOf: monday, start: startOf(monday), end: Math.min(startOf(addDays(monday, 7)), end) });
  }
  return { asOf, end, start7: startOf(addDays(asOf, -6)), start30: startOf(addDays(asOf, -29)), weeks, refreshAt: startOf(addDays(asOf, 2)) };
}
