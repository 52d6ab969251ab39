/** A session's local wall time to the stored instant and back (issue 15), across DST changes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { instantOfLocalTime, localDateTime } from '../../src/domain/live/local-time';

describe('instantOfLocalTime', () => {
  it('follows the clock change: 10:00 in Paris is 09:00Z the day before summer time, 08:00Z on the day', () => {
    expect(instantOfLocalTime('2026-03-28', '10:00', 'Europe/Paris').toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(instantOfLocalTime('2026-03-29', '10:00', 'Europe/Paris').toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(instantOfLocalTime('2026-03-08', '10:00', 'America/New_York').toISOString()).toBe('2026-03-08T14:00:00.000Z');
  });

  it('refuses a wall time the clocks skip, naming the field', () => {
    const refused = () => instantOfLocalTime('2026-03-29', '02:30', 'Europe/Paris');
    expect(refused).toThrow(DomainError);
    try {
      refused();
    } catch (err) {
      expect((err as DomainError).extra.issues?.[0]?.path).toBe('time');
    }
  });

  it('takes the first of a wall time the clocks repeat', () => {
    expect(instantOfLocalTime('2026-10-25', '02:30', 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(localDateTime(new Date('2026-10-25T01:30:00Z'), 'Europe/Paris')).toEqual({ day: '2026-10-25', time: '02:30' });
  });

  it('round-trips every wall time that exists, in zones with and without DST', () => {
    const zones = ['UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
    const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    let skipped = 0;
    fc.assert(
      fc.property(day, time, fc.constantFrom(...zones), (d, t, zone) => {
        let instant: Date;
        try {
          instant = instantOfLocalTime(d, t, zone);
        } catch {
          skipped++; // a skipped wall time: refused, checked above; rare
          return;
        }
        expect(localDateTime(instant, zone)).toEqual({ day: d, time: t });
      }),
      { numRuns: 500 },
    );
    expect(skipped).toBeLessThan(10);
  });
});
