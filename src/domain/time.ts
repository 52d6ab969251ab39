/**
 * Calendar arithmetic in a community's time zone. A "local day" is a 'YYYY-MM-DD' string; a community's
 * day starts at its day-start hour, so at 05:00 with a 06:00 start it is still yesterday.
 * Wall-clock arithmetic (not offset arithmetic) keeps DST days right: the day starts at the first instant
 * whose local wall time reaches the start hour.
 */
import { DomainError } from './errors';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall clock minus UTC at `instantMs` (whole seconds: every offset in the tz database is). */
function offsetAt(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instantMs)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(instantMs / 1000) * 1000;
}

/**
 * Each zone's offset per UTC hour, kept when it is the same at both ends of the hour (no change of offset
 * inside it: no zone changes twice within an hour). formatToParts is slow (~5 µs), and recognition asks for
 * the local day of every answer a member has.
 */
const offsetsByHour = new Map<string, number>();
const MOST_OFFSETS_KEPT = 50_000;

/** The wall-clock time of `instant` in `timeZone`, expressed as if it were UTC (for arithmetic), to the second. */
export function wallClockMs(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  const hour = Math.floor(ms / HOUR);
  const key = `${timeZone} ${hour}`;
  let offset = offsetsByHour.get(key);
  if (offset === undefined) {
    const start = offsetAt(hour * HOUR, timeZone);
    if (start === offsetAt((hour + 1) * HOUR - 1000, timeZone)) {
      if (offsetsByHour.size >= MOST_OFFSETS_KEPT) offsetsByHour.clear();
      offsetsByHour.set(key, (offset = start));
    } else {
      offset = offsetAt(ms, timeZone); // the hour the offset changes in
    }
  }
  return Math.floor(ms / 1000) * 1000 + offset;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Day strings and their day numbers (days since 1970-01-01), remembered both ways: recognition turns every
 * answer of a member into its local day and week, and building and parsing date strings was ~3% of an answer.
 */
const dayByNumber = new Map<number, string>();
const numberByDay = new Map<string, number>();
const MOST_DAYS_KEPT = 20_000; // ~55 years of days

/** The days Kindling accepts from anyone: a series, a rest week. Generous for a daily practice, and finite. */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2100-12-31';

/** Day numbers of 0000-01-01 and 9999-12-31: past either, an ISO date has a sign and six-digit year. */
const FIRST_NUMBER = -719_528;
const LAST_NUMBER = 2_932_896;

function dayOfNumber(n: number): string {
  let day = dayByNumber.get(n);
  if (day === undefined) {
    // A day string must stay 'YYYY-MM-DD': '+010000-01-01' sliced to ten characters never advances again.
    if (!Number.isInteger(n) || n < FIRST_NUMBER || n > LAST_NUMBER) {
      throw new DomainError('invalid_input', 'That date is outside the calendar Kindling supports');
    }
    day = new Date(n * DAY).toISOString().slice(0, 10);
    if (dayByNumber.size >= MOST_DAYS_KEPT) dayByNumber.clear();
    dayByNumber.set(n, day);
  }
  return day;
}

/** NaN for what is not a date. */
function numberOfDay(day: string): number {
  let n = numberByDay.get(day);
  if (n === undefined) {
    n = Date.parse(`${day}T00:00:00Z`) / DAY;
    if (numberByDay.size >= MOST_DAYS_KEPT) numberByDay.clear();
    numberByDay.set(day, n);
  }
  return n;
}

/** The community day that `instant` falls in. */
export function localDay(instant: Date, timeZone: string, dayStartHour = 0): string {
  return dayOfNumber(Math.floor((wallClockMs(instant, timeZone) - dayStartHour * HOUR) / DAY));
}

export function parseDay(day: string): number {
  return numberOfDay(day) * DAY;
}

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30, and 2026-13-01, which parses to NaN). */
export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const ms = parseDay(day);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/** True for a real date within FIRST_DAY..LAST_DAY: the dates requests may carry. */
export function isSupportedDay(day: string): boolean {
  return isValidDay(day) && day >= FIRST_DAY && day <= LAST_DAY;
}

/** Most steps any walk over days may take: every day from FIRST_DAY to LAST_DAY, and a margin. */
const MOST_STEPS = 40_000;

/**
 * `from`, `from + step`, … up to `to` inclusive (`step` days apart, step ≥ 1). Bounded twice: each day
 * must come after the last, and the walk stops with an error past MOST_STEPS rather than spinning.
 */
export function* everyDays(from: string, to: string, step: number): Generator<string> {
  let steps = 0;
  for (let d = from; d <= to; ) {
    if (++steps > MOST_STEPS) throw new DomainError('invalid_input', 'That range of dates is too long');
    yield d;
    const next = addDays(d, step);
    if (!(next > d)) throw new DomainError('invalid_input', 'That date is outside the calendar Kindling supports');
    d = next;
  }
}

export function addDays(day: string, days: number): string {
  return dayOfNumber(numberOfDay(day) + days);
}

/** 0 = Monday … 6 = Sunday (day 0, 1970-01-01, was a Thursday). */
export function weekdayIndex(day: string): number {
  return (((numberOfDay(day) + 3) % 7) + 7) % 7;
}

/** The Monday that starts the week containing `day` (weeks run Monday to Sunday). */
export function weekOf(day: string): string {
  return addDays(day, -weekdayIndex(day));
}

const MINUTE = 60_000;

/**
 * The first instant (to the minute) at which `day` has begun in the community: its day-start hour,
 * or the end of a DST gap that swallowed that hour. Found by bisection over `localDay` itself,
 * so the scheduler and the on-time rule can never disagree about when a day begins.
 */
export function dayStartsAt(day: string, timeZone: string, dayStartHour = 0): Date {
  // Every zone's offset lies within -12h..+14h, so the start is inside this window.
  let lo = parseDay(day) + dayStartHour * HOUR - 15 * HOUR; // not yet `day` anywhere
  let hi = parseDay(day) + dayStartHour * HOUR + 13 * HOUR; // already `day` everywhere
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (localDay(new Date(mid), timeZone, dayStartHour) >= day) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
