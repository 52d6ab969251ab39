/**
 * A VTIMEZONE (RFC 5545 §3.6.5) for an IANA zone over a span of time, read from the runtime's own tz data
 * (Intl), so no time-zone database ships with Kindling. Each offset change in the span is one STANDARD or
 * DAYLIGHT onset; the span's first offset is the first onset.
 */
import { wallClockMs } from '../time';

const MINUTE = 60_000;
const DAY = 86_400_000;

const offsetAt = (ms: number, timeZone: string) => wallClockMs(new Date(ms), timeZone) - Math.floor(ms / 1000) * 1000;

/** '+0100', '-0700', '+053000' (an offset with seconds, as some historical zones have). */
function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.abs(offsetMs) / 1000;
  const hh = String(Math.floor(total / 3600)).padStart(2, '0');
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = total % 60;
  return `${sign}${hh}${mm}${ss ? String(ss).padStart(2, '0') : ''}`;
}

/** Local wall time 'YYYYMMDDTHHMMSS' of an instant given the offset in force. */
const localStamp = (ms: number, offsetMs: number) =>
  new Date(ms + offsetMs).toISOString().slice(0, 19).replace(/[-:]/g, '');

/** The first minute at which the offset differs from the one at `from`, knowing it does by `to`. */
function changeBetween(from: number, to: number, timeZone: string): number {
  const before = offsetAt(from, timeZone);
  let lo = from;
  let hi = to;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The VTIMEZONE's lines for `timeZone`, covering [fromMs, toMs] (a day is added on both sides). */
export function vtimezoneLines(timeZone: string, fromMs: number, toMs: number): string[] {
  const start = Math.floor(fromMs / DAY) * DAY - DAY;
  const end = Math.ceil(toMs / DAY) * DAY + DAY;
  const first = offsetAt(start, timeZone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const onset = (kind: 'STANDARD' | 'DAYLIGHT', at: number, fromOffset: number, toOffset: number) =>
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(at, fromOffset)}`,
      `TZOFFSETFROM:${formatOffset(fromOffset)}`,
      `TZOFFSETTO:${formatOffset(toOffset)}`,
      `END:${kind}`,
    );
  // In DST at the span's start when the offset half a year away is smaller (either hemisphere).
  onset(first > offsetAt(start + 182 * DAY, timeZone) ? 'DAYLIGHT' : 'STANDARD', start, first, first);
  // Offsets change at most a few times a year: a daily walk finds each change, a binary search its minute.
  let previous = first;
  for (let day = start + DAY; day <= end; day += DAY) {
    const offset = offsetAt(day, timeZone);
    if (offset === previous) continue;
    const at = changeBetween(day - DAY, day, timeZone);
    onset(offset > previous ? 'DAYLIGHT' : 'STANDARD', at, previous, offset);
    previous = offset;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
