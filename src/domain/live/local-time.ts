/**
 * A facilitator schedules a session at a local wall time ("2026-03-29 10:00" in Europe/Paris); Kindling
 * stores the instant. Wall time to instant is the one direction time.ts does not cover: across a DST change
 * a wall time can be missing (spring forward) or happen twice (fall back).
 */
import { invalidField } from '../errors';
import { isSupportedDay, parseDay, wallClockMs } from '../time';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** True for 'HH:MM', 00:00 to 23:59. */
export const isWallTime = (time: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(time);

/**
 * The instant the wall clock of `timeZone` reads `day` `time`. A time that happens twice (the hour repeated when
 * clocks go back) is its first occurrence; a time that never happens (skipped when clocks go forward) is refused
 * with a 400 on `time`, so nobody is invited to a moment that does not exist.
 */
export function instantOfLocalTime(day: string, time: string, timeZone: string): Date {
  if (!isSupportedDay(day)) throw invalidField('date', 'must be a real date written YYYY-MM-DD');
  if (!isWallTime(time)) throw invalidField('time', 'must be a time written HH:MM');
  const [h, m] = time.split(':').map(Number) as [number, number];
  const wall = parseDay(day) + h * 60 * MINUTE + m * MINUTE;
  // Offsets a day either side bracket any change of offset near `wall` (no zone changes twice in two days).
  const candidates = [wall - 2 * DAY, wall + 2 * DAY]
    .map((probe) => wall - (wallClockMs(new Date(probe), timeZone) - probe))
    .filter((instant) => wallClockMs(new Date(instant), timeZone) === wall)
    .sort((a, b) => a - b);
  if (candidates.length === 0) throw invalidField('time', `${day} ${time} does not exist in ${timeZone} (the clocks skip it)`);
  return new Date(candidates[0]!);
}

/** The wall date and time of `instant` in `timeZone`: { day: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function localDateTime(instant: Date, timeZone: string): { day: string; time: string } {
  const iso = new Date(wallClockMs(instant, timeZone)).toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
}
