import { expect, it } from 'vitest';
import { instantOfLocalTime, localDateTime } from '../../src/domain/live/local-time';
it('x', () => {
  expect(instantOfLocalTime('2026-03-29', '10:00', 'Europe/Paris').toISOString()).toBe('2026-03-29T08:00:00.000Z');
  expect(instantOfLocalTime('2026-03-28', '10:00', 'Europe/Paris').toISOString()).toBe('2026-03-28T09:00:00.000Z');
  expect(() => instantOfLocalTime('2026-03-29', '02:30', 'Europe/Paris')).toThrow();
  expect(instantOfLocalTime('2026-10-25', '02:30', 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  expect(localDateTime(new Date('2026-10-25T01:30:00Z'), 'Europe/Paris')).toEqual({ day: '2026-10-25', time: '02:30' });
});
