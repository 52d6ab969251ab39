/**
 * An iCalendar document (RFC 5545) from plain values. Events are written in the community's own time zone
 * (TZID, described by a VTIMEZONE), so a prompt at 07:00 stays at 07:00 on both sides of a DST change.
 */

export interface CalendarEvent {
  /** Globally unique and stable for the prompt, so a calendar app updates the event instead of adding another. */
  uid: string;
  /** Local wall time in the calendar's zone, 'YYYYMMDDTHHMMSS'. */
  localStart: string;
  /** Epoch ms (DTSTAMP). */
  stamp: number;
  summary: string;
  description: string;
  url: string;
}

export interface Calendar {
  /** PRODID's product and X-WR-CALNAME, the name calendar apps show for the subscription. */
  name: string;
  timeZone: string;
  /** The VTIMEZONE lines for `timeZone` (see vtimezone.ts). */
  vtimezone: string[];
  events: CalendarEvent[];
}

/** TEXT values: backslash, semicolon, comma and line breaks are escaped (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 character; continuations start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > 75) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/** 'YYYYMMDDTHHMMSSZ' for DTSTAMP, which must be UTC. */
export const utcStamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function eventLines(e: CalendarEvent, timeZone: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${utcStamp(e.stamp)}`,
    `DTSTART;TZID=${timeZone}:${e.localStart}`,
    'DURATION:PT2M',
    `SUMMARY:${escapeText(e.summary)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    `URL:${e.url}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** The whole document, CRLF line ends and folded lines, as RFC 5545 requires. */
export function renderCalendar(cal: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kindling//Prompts//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    `X-WR-TIMEZONE:${cal.timeZone}`,
    ...cal.vtimezone,
    ...cal.events.flatMap((e) => eventLines(e, cal.timeZone)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
