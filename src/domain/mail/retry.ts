/**
 * The retry rule shared by the mail outbox and chat posts: exponential backoff (1 min, 2, 4 … capped at an
 * hour) with a little jitter, so that many sends that failed together (a provider outage) do not all come
 * back in the same second, and a bounded number of attempts.
 */

/** Attempts before a send is given up: 1+2+4+8+16+32 min then hourly, about four hours of trying in all. */
export const MAX_ATTEMPTS = 10;
export const RETRY_BASE_MS = 60_000;
export const RETRY_CAP_MS = 3_600_000;
/** Jitter takes up to this share off a delay: the wait is always between 90% and 100% of the nominal one. */
const JITTER_SHARE = 0.1;

/**
 * The nominal wait after the `attempts`-th failed attempt (1-based): base·2^(attempts−1), at most the cap.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export type RetryDecision = { giveUp: true } | { giveUp: false; nextAttemptAt: number };

/**
 * What follows a failed attempt: give up once `attempts` (already counting this one) reaches MAX_ATTEMPTS,
 * else try again after the backoff. `random` is in [0, 1) (Math.random in production; tests pass a constant).
 */
export function afterFailure(attempts: number, now: Date, random: number): RetryDecision {
  if (attempts >= MAX_ATTEMPTS) return { giveUp: true };
  const delay = retryDelayMs(attempts) * (1 - JITTER_SHARE * Math.min(Math.max(random, 0), 1));
  return { giveUp: false, nextAttemptAt: now.getTime() + Math.round(delay) };
}
