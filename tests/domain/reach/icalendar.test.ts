/** The iCalendar writer on its own: time zones ical.js must read right, and folding of any character. */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { foldLine, renderCalendar } from '../../../src/domain/reach/icalendar';
import { vtimezoneLines } from '../../../src/domain/reach/vtimezone';

/** The UTC instants ical.js reads for local 07:00 on each day, with only our VTIMEZONE to go by. */
function instantsAt7(timeZone: string, days: string[]): string[] {
  const text = renderCalendar({
    name: 'Test',
    timeZone,
    vtimezone: vtimezoneLines(timeZone, Date.parse(`${days[0]}T00:00:00Z`), Date.parse(`${days.at(-1)}T00:00:00Z`)),
    events: days.map((day, i) => ({
      uid: `e${i}@test`, localStart: `${day.replace(/-/g, '')}T070000`, stamp: 0, summary: 's', description: 'd', url: 'https://x.test/',
    })),
  });
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e).startDate.toJSDate().toISOString().slice(0, 16));
}

describe('vtimezoneLines', () => {
  it('starts in summer time in the southern hemisphere and follows both changes (Sydney)', () => {
    expect(instantsAt7('Australia/Sydney', ['2026-04-04', '2026-04-06', '2026-10-03', '2026-10-05'])).toEqual([
      '2026-04-03T20:00', '2026-04-05T21:00', '2026-10-02T21:00', '2026-10-04T20:00',
    ]);
    const lines = vtimezoneLines('Australia/Sydney', Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-11-01T00:00:00Z'));
    expect(lines.filter((l) => l.startsWith('BEGIN:'))).toEqual(['BEGIN:VTIMEZONE', 'BEGIN:DAYLIGHT', 'BEGIN:STANDARD', 'BEGIN:DAYLIGHT']);
    expect(lines).toContain('DTSTART:20260405T030000');
  });

  it('writes one standard period for a zone without DST, and odd offsets exactly (Kathmandu, +05:45)', () => {
    const lines = vtimezoneLines('Asia/Kathmandu', Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-12-31T00:00:00Z'));
    expect(lines.filter((l) => l.startsWith('TZOFFSETTO'))).toEqual(['TZOFFSETTO:+0545']);
    expect(instantsAt7('Asia/Kathmandu', ['2026-06-01'])).toEqual(['2026-06-01T01:15']);
  });
});

describe('foldLine', () => {
  it('folds at 75 octets and never inside a character, emoji included', () => {
    const line = `SUMMARY:${'🔥é'.repeat(40)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
  });
});
