import { describe, expect, it } from 'vitest';
import { closingDay, openingDays } from '../../src/domain/series/schedule';
import { DomainError } from '../../src/domain/errors';
import { addDays, dayStartsAt, everyDays, isSupportedDay, isValidDay, localDay, wallClockMs, weekOf } from '../../src/domain/time';

const MINUTE = 60_000;

describe('local days', () => {
  it('shifts the day by the community day-start hour', () => {
    const at = new Date('2026-03-02T13:30:00Z'); // 05:30 in Vancouver (PST)
    expect(localDay(at, 'America/Vancouver', 0)).toBe('2026-03-02');
    expect(localDay(at, 'America/Vancouver', 6)).toBe('2026-03-01');
    expect(localDay(at, 'Asia/Tokyo', 0)).toBe('2026-03-02');
  });

  it.each([
    ['2026-03-08', 'America/Vancouver', 2, '2026-03-08T10:00:00.000Z'], // 02:00 does not exist: opens at 03:00 PDT
    ['2026-03-08', 'America/Vancouver', 0, '2026-03-08T08:00:00.000Z'],
    ['2026-11-01', 'America/Vancouver', 1, '2026-11-01T08:00:00.000Z'], // first of the two 01:00s
    ['2026-11-02', 'America/Vancouver', 6, '2026-11-02T14:00:00.000Z'], // back on PST
    ['2026-03-29', 'Europe/Paris', 6, '2026-03-29T04:00:00.000Z'], // CEST from 02:00
    ['2026-03-02', 'Asia/Tokyo', 0, '2026-03-01T15:00:00.000Z'],
    ['2026-03-02', 'Pacific/Kiritimati', 0, '2026-03-01T10:00:00.000Z'],
    ['2026-03-02', 'Pacific/Pago_Pago', 23, '2026-03-03T10:00:00.000Z'],
  ])('%s in %s starting at %i:00 begins at %s', (day, tz, hour, iso) => {
    const start = dayStartsAt(day, tz, hour);
    expect(start.toISOString()).toBe(iso);
    expect(localDay(start, tz, hour)).toBe(day);
    expect(localDay(new Date(start.getTime() - MINUTE), tz, hour)).toBe(addDays(day, -1));
  });

  it('starts weeks on Monday and validates dates', () => {
    expect(weekOf('2026-03-08')).toBe('2026-03-02'); // Sunday
    expect(weekOf('2026-03-02')).toBe('2026-03-02');
    expect(isValidDay('2026-02-29')).toBe(false);
    expect(isValidDay('2028-02-29')).toBe(true);
    expect(isValidDay('2026-3-1')).toBe(false);
  });
});

describe('the edges of the calendar (issue 21)', () => {
  it('never builds a day string past 9999-12-31: it throws instead of slicing "+010000-01"', () => {
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(() => addDays('9999-12-31', 1)).toThrow(DomainError);
    expect(() => addDays('0000-01-01', -1)).toThrow(DomainError);
    expect(() => addDays('not a day', 1)).toThrow(DomainError);
  });

  it('accepts from requests only dates from 2000-01-01 to 2100-12-31', () => {
    expect(isSupportedDay('2000-01-01')).toBe(true);
    expect(isSupportedDay('2100-12-31')).toBe(true);
    expect(isSupportedDay('1999-12-31')).toBe(false);
    expect(isSupportedDay('2101-01-01')).toBe(false);
    expect(isSupportedDay('9999-12-31')).toBe(false);
  });

  it('walks days in bounded steps, and stops with an error rather than spinning', () => {
    expect([...everyDays('2026-03-02', '2026-03-20', 7)]).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect([...everyDays('2026-03-02', '2026-03-01', 7)]).toEqual([]);
    expect(() => [...everyDays('9999-12-20', '9999-12-31', 7)]).toThrow(DomainError);
    expect(() => [...everyDays('2026-03-02', '2026-03-09', 0)]).toThrow(DomainError);
    expect(() => [...everyDays('0001-01-01', '9999-12-31', 1)]).toThrow(/too long/);
  });
});

describe('the wall clock (offsets remembered per hour)', () => {
  /** Straight from Intl, every time: what the remembered offsets must always agree with. */
  const reference = (instant: Date, timeZone: string) => {
    const parts: Record<string, number> = {};
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    for (const p of format.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  };

  it('agrees with Intl to the second across changes of offset, including half-hour and 45-minute zones', () => {
    // Each zone around one of its changes: Vancouver (spring, fall), London, Lord Howe (a 30-minute change),
    // Chatham (+12:45/+13:45), Kathmandu (+05:45, none), and a historical local mean time (Amsterdam, 1937).
    const cases: [string, string][] = [
      ['America/Vancouver', '2026-03-08T10:00:00Z'],
      ['America/Vancouver', '2026-11-01T09:00:00Z'],
      ['Europe/London', '2026-03-29T01:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
      ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
      ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
      ['Europe/Amsterdam', '1937-07-01T00:00:00Z'],
    ];
    for (const [zone, around] of cases) {
      const centre = Date.parse(around);
      // Every 7 min 13 s over six hours either side, visited out of order so remembered hours are reused.
      const instants: number[] = [];
      for (let t = centre - 6 * 3_600_000; t <= centre + 6 * 3_600_000; t += 433_000) instants.push(t);
      instants.sort((a, b) => (a * 7919) % 1000003 - (b * 7919) % 1000003);
      for (const t of [...instants, ...instants]) {
        const instant = new Date(t + 123); // milliseconds are dropped, as the wall clock is read to the second
        expect(wallClockMs(instant, zone), `${zone} at ${instant.toISOString()}`).toBe(reference(instant, zone));
      }
    }
  });
});

describe('opening days', () => {
  it('skips weekends for a weekday series, starting from the next weekday', () => {
    expect(openingDays('2026-03-06', 'weekdays', 3)).toEqual(['2026-03-06', '2026-03-09', '2026-03-10']);
    expect(openingDays('2026-03-07', 'weekdays', 1)).toEqual(['2026-03-09']);
    expect(openingDays('2026-03-07', 'daily', 2)).toEqual(['2026-03-07', '2026-03-08']);
  });

  it('refuses a schedule past the last supported day instead of walking on (issue 21)', () => {
    expect(() => openingDays('9999-12-31', 'weekdays', 2)).toThrow(DomainError);
    expect(() => openingDays('9999-12-31', 'daily', 2)).toThrow(DomainError);
    expect(() => openingDays('2100-12-31', 'daily', 2)).toThrow(/past 2100-12-31/);
    expect(openingDays('2100-12-30', 'daily', 2)).toEqual(['2100-12-30', '2100-12-31']);
  });

  it('keeps a series open for a late window after its last prompt', () => {
    expect(closingDay('2026-03-10')).toBe('2026-03-18');
  });
});
