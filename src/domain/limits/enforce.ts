/**
 * Applying a limit: one hit on the subject's counter for the current fixed window, and a `rate_limited`
 * DomainError (429, with the seconds until the window ends) once the count passes the max.
 */
import { sha256Hex } from '../crypto';
import { DomainError } from '../errors';
import type { RateLimitStore } from './store';
import type { LimitName, LimitRule, LimitSubject, LimitTable } from './table';

/** "45 seconds", "38 minutes": precise where it matters, readable where it does not. */
export function waitText(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many requests; try again in ${waitText(retryAfterSeconds)}`);
  }
}

/**
 * The counter key for a subject. IPs and addresses are hashed with the deployment's pepper (./pepper.ts) and
 * the limit's name, so one subject's keys differ between limits: neither is ever stored in clear. Member ids
 * are not secret.
 */
export async function limitKey(name: LimitName, by: LimitSubject, subject: string | number, pepper: string): Promise<string> {
  if (by === 'member') return `${name}:m:${subject}`;
  const hash = await sha256Hex(`${pepper}\n${name}\n${String(subject).trim().toLowerCase()}`);
  return `${name}:${hash.slice(0, 32)}`;
}

/**
 * Counts one hit of `subject` against the named limit at `now`; throws RateLimitedError past the max.
 * `pepper` (./pepper.ts) is needed by limits on IPs and addresses only.
 */
export function windowOf(rule: LimitRule, now: Date): { start: number; end: number } {
  const windowMs = rule.windowSeconds * 1000;
  const start = now.getTime() - (now.getTime() % windowMs);
  return { start, end: start + windowMs };
}

/**
 * Retries of one key a window allows for free: enough for a client retrying hard on a bad connection (the
 * robustness suite sends 1,000 at once), bounded because a key whose first request failed leaves no
 * idempotency record, so its retries would otherwise never be counted.
 */
export const FREE_RETRIES_PER_KEY = 1_000;

/**
 * True when this request is a retry of an Idempotency-Key the member already sent to the named limit in the
 * current window (up to FREE_RETRIES_PER_KEY of them): only the first use counts. Concurrent retries, which
 * the idempotency middleware answers with a replay or 409, then spend nothing; a new key counts again, so
 * each counted key carries at most one write. The marker needs no max of its own, so a memory front keeps it
 * off the database.
 */
export async function isFreeRetry(
  store: RateLimitStore,
  table: LimitTable,
  name: LimitName,
  memberId: number,
  idempotencyKey: string,
  now: Date,
): Promise<boolean> {
  const key = `${name}:m:${memberId}:k:${(await sha256Hex(idempotencyKey)).slice(0, 32)}`;
  const uses = await store.add({ key, ...windowOf(table[name], now), max: Number.MAX_SAFE_INTEGER }, 1);
  return uses > 1 && uses <= 1 + FREE_RETRIES_PER_KEY;
}

export async function enforceLimit(
  store: RateLimitStore,
  table: LimitTable,
  name: LimitName,
  subject: string | number,
  now: Date,
  pepper = '',
): Promise<void> {
  const rule = table[name];
  const t = now.getTime();
  const { start, end } = windowOf(rule, now);
  const key = await limitKey(name, rule.by, subject, pepper);
  const count = await store.add({ key, start, end, max: rule.max }, 1);
  if (count > rule.max) throw new RateLimitedError(Math.max(1, Math.ceil((end - t) / 1000)));
}
