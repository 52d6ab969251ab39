/** /c/:slug/calendar.ics read with ical.js: two-minute events at the community's day start, right across DST. */
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries } from '../helpers/fixtures';

let t: TestApp;
afterEach(() => t.close());

const prompts = (n: number, text = (i: number) => `Prompt ${i}`) =>
  Array.from({ length: n }, (_, i) => ({ easy: text(i + 1), hard: `${text(i + 1)}, harder` }));

/** Parses the calendar, registering its own VTIMEZONEs (not ical.js's), and returns its events. */
function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e)) };
}

async function communityCalendar(timeZone: string, dayStartHour: number, startDate: string, count: number) {
  const fac = await t.userToken('fran@example.org', 'Fran');
  await createCommunity(t, fac.token, { slug: 'dawn', name: 'Dawn Club', timeZone, dayStartHour });
  const series = await createSeries(t, fac.token, 'dawn', { startDate, prompts: prompts(count) });
  const res = await t.call('GET', '/c/dawn/calendar.ics');
  expect(res.status).toBe(200);
  return { series, res, ...parseCalendar(res.text) };
}

describe('GET /c/:slug/calendar.ics', () => {
  it('keeps each prompt at 07:00 in Paris across the spring DST change, as two-minute events', async () => {
    t = await makeTestApp('2026-03-26T12:00:00Z', { PUBLIC_URL: 'https://kindling.example.org' });
    const { res, events, series } = await communityCalendar('Europe/Paris', 7, '2026-03-27', 5);
    expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    expect(res.text.split('\r\n').slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);

    expect(events.map((e) => e.uid)).toEqual(series.prompts.map((p) => `prompt-${p.id}@kindling.example.org`));
    expect(events.map((e) => e.startDate.zone?.tzid)).toEqual(Array(5).fill('Europe/Paris'));
    expect(events.map((e) => [e.startDate.day, e.startDate.hour, e.startDate.minute])).toEqual([
      [27, 7, 0], [28, 7, 0], [29, 7, 0], [30, 7, 0], [31, 7, 0],
    ]);
    // The same local hour is a different UTC hour once summer time begins (29 March 2026).
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
      '2026-03-27T06:00:00.000Z', '2026-03-28T06:00:00.000Z', '2026-03-29T05:00:00.000Z',
      '2026-03-30T05:00:00.000Z', '2026-03-31T05:00:00.000Z',
    ]);
    expect(events.map((e) => e.duration.toSeconds())).toEqual(Array(5).fill(120));
    expect(events[0]!.summary).toBe('Dawn Club: Warm-ups #1: Prompt 1');
  });

  it('keeps each prompt at 06:00 in Vancouver across the autumn DST change', async () => {
    t = await makeTestApp('2026-10-30T12:00:00Z');
    const { events } = await communityCalendar('America/Vancouver', 6, '2026-10-31', 3);
    expect(events.map((e) => [e.startDate.day, e.startDate.hour])).toEqual([[31, 6], [1, 6], [2, 6]]);
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
      '2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z',
    ]);
  });

  it('lists opened and scheduled prompts with stable UIDs, and the ones of a paused series only once opened', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z');
    const { series, events } = await communityCalendar('UTC', 0, '2026-03-02', 3);
    expect(events).toHaveLength(3);
    const fac = await t.userToken('fran@example.org');
    t.clock.set('2026-03-03T00:00:01Z');
    await tick(t.db, t.clock.now());
    expect((await t.call('POST', `/api/series/${series.id}/pause`, { token: fac.token })).status).toBe(200);
    const after = parseCalendar((await t.call('GET', '/c/dawn/calendar.ics')).text).events;
    expect(after.map((e) => e.uid)).toEqual(events.slice(0, 2).map((e) => e.uid));
  });

  it('escapes text and folds long lines at 75 octets without splitting a character', async () => {
    t = await makeTestApp('2026-03-02T12:00:00Z');
    const tricky = 'Café, crème; brûlée\\ and a line\nbreak — ' + 'é'.repeat(60);
    const fac = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fac.token, { slug: 'dawn', name: 'Dawn, Club; Inc' });
    await createSeries(t, fac.token, 'dawn', { startDate: '2026-03-02', prompts: [{ easy: tricky, hard: 'Hard' }] });
    const res = await t.call('GET', '/c/dawn/calendar.ics');
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    const lines = res.text.split('\r\n');
    expect(lines.filter((l) => bytes(l) > 75)).toEqual([]);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(res.text.replace(/\r\n/g, '')).not.toMatch(/\uFFFD/);
    const { calendar, events } = parseCalendar(res.text);
    // ical.js leaves X- properties as written; their TEXT is escaped like any other.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Dawn\\, Club\\; Inc');
    expect(events[0]!.summary).toBe(`Dawn, Club; Inc: Warm-ups #1: ${tricky}`);
    expect(events[0]!.description).toContain(`Easy: ${tricky}\nHard: Hard`);
  });
});
