/**
 * Calendar arithmetic in a community's time zone. A "local day" is a 'YYYY-MM-DD' string; a community's
 * day starts at its day-start hour, so at 05:00 with a 06:00 start it is still yesterday.
 * Wall-clock arithmetic (not offset arithmetic) keeps DST days right: the day starts at the first instant
 * whose local wall time reaches the start hour.
 */
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

/** The wall-clock time of `instant` in `timeZone`, expressed as if it were UTC (for arithmetic). */
function wallClockMs(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The community day that `instant` falls in. */
export function localDay(instant: Date, timeZone: string, dayStartHour = 0): string {
  return new Date(wallClockMs(instant, timeZone) - dayStartHour * HOUR).toISOString().slice(0, 10);
}

export function parseDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isValidDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && new Date(parseDay(day)).toISOString().slice(0, 10) === day;
}

export function addDays(day: string, days: number): string {
  return new Date(parseDay(day) + days * DAY).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(day: string): number {
  return (new Date(parseDay(day)).getUTCDay() + 6) % 7;
}

/** The Monday that starts the week containing `day` (weeks run Monday to Sunday). */
export function weekOf(day: string): string {
  return addDays(day, -weekdayIndex(day));
}
