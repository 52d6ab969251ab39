/**
 * Live sessions as iCalendar (RFC 5545): one event for "add to calendar", or a community's upcoming sessions
 * as a feed. Times are written in UTC (a trailing Z), which every calendar app reads without a VTIMEZONE:
 * a session is one instant, chosen on the community's wall clock when it was scheduled.
 */
import { escapeText, foldLine, utcStamp } from '../reach/icalendar';
import type { LiveSessionRow } from './view';

export interface SessionEvent {
  session: Pick<LiveSessionRow, 'id' | 'title' | 'prompt' | 'startsAt' | 'endsAt' | 'callUrl' | 'createdAt'>;
  hostName: string;
  /** The session's page. */
  url: string;
  /** Only members get the call link; a feed readable by visitors leaves it out. */
  withCallUrl: boolean;
}

/** Stable per session and deployment, so a calendar updates the event rather than adding a second one. */
const uid = (e: SessionEvent, host: string) => `live-session-${e.session.id}@${host}`;

function eventLines(e: SessionEvent, host: string): string[] {
  const s = e.session;
  const description = [s.prompt, e.hostName ? `Host: ${e.hostName}` : '', e.withCallUrl && s.callUrl ? `Call: ${s.callUrl}` : '', e.url]
    .filter(Boolean)
    .join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${uid(e, host)}`,
    // When it was scheduled: stable, so the same calendar is the same bytes (ETags) until a session changes.
    `DTSTAMP:${utcStamp(s.createdAt)}`,
    `DTSTART:${utcStamp(s.startsAt)}`,
    `DTEND:${utcStamp(s.endsAt)}`,
    `SUMMARY:${escapeText(s.title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(e.withCallUrl && s.callUrl ? [`LOCATION:${escapeText(s.callUrl)}`] : []),
    `URL:${e.url}`,
    'END:VEVENT',
  ];
}

/** The calendar document: CRLF line ends and lines folded at 75 octets; `host` makes the UIDs unique. */
export function sessionsCalendar(name: string, events: SessionEvent[], host: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kindling//Live sessions//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap((e) => eventLines(e, host)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
