import { describe, expect, it } from 'vitest';
import { afterFailure, MAX_ATTEMPTS, retryDelayMs } from '../../src/domain/mail/retry';

const now = new Date('2026-03-02T12:00:00Z');
const minutes = (ms: number) => ms / 60_000;

describe('the retry rule', () => {
  it('doubles from a minute and stops at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => minutes(retryDelayMs(n)))).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('keeps jitter within the last tenth of the delay', () => {
    for (const random of [0, 0.25, 0.5, 0.999]) {
      const next = afterFailure(3, now, random);
      if (next.giveUp) throw new Error('gave up too early');
      const wait = next.nextAttemptAt - now.getTime();
      expect(wait).toBeLessThanOrEqual(4 * 60_000);
      expect(wait).toBeGreaterThanOrEqual(0.9 * 4 * 60_000);
    }
    const early = afterFailure(1, now, 0);
    const late = afterFailure(1, now, 0.99);
    expect(early).not.toEqual(late);
  });

  it('gives up once the attempts are spent', () => {
    expect(afterFailure(MAX_ATTEMPTS - 1, now, 0).giveUp).toBe(false);
    expect(afterFailure(MAX_ATTEMPTS, now, 0)).toEqual({ giveUp: true });
  });
});
