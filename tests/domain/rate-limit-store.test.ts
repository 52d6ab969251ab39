/**
 * The counter store on libSQL (D1 runs the same upsert), the memory front Node puts before it, and the tick's
 * purge. The database is the test app's real, migrated file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rateLimitCounters } from '../../db/schema';
import { enforceLimit, FREE_RETRIES_PER_KEY, isFreeRetry, RateLimitedError } from '../../src/domain/limits/enforce';
import { memoryFront } from '../../src/domain/limits/memory-front';
import { databaseStore, type CounterWindow, type RateLimitStore } from '../../src/domain/limits/store';
import { LIMITS, limitTable, parseLimitOverrides } from '../../src/domain/limits/table';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterEach(() => t.close());

const at = (iso: string) => new Date(iso);
const rows = () => t.db.select().from(rateLimitCounters);

/** The database store, with a count of the calls that reached it. */
function countingDatabase() {
  const inner = databaseStore(t.db);
  const seen = { calls: 0 };
  const store: RateLimitStore = {
    add: (w, hits) => {
      seen.calls++;
      return inner.add(w, hits);
    },
  };
  return { store, seen };
}

describe('databaseStore', () => {
  it('counts hits per key and window in one row each, and returns the count after the hit', async () => {
    const store = databaseStore(t.db);
    const w: CounterWindow = { key: 'answers:m:1', start: 0, end: 60_000, max: 30 };
    expect(await store.add(w, 1)).toBe(1);
    expect(await store.add(w, 1)).toBe(2);
    expect(await store.add(w, 5)).toBe(7);
    expect(await store.add({ ...w, key: 'answers:m:2' }, 1)).toBe(1);
    expect(await store.add({ ...w, start: 60_000, end: 120_000 }, 1)).toBe(1);
    expect(await rows()).toHaveLength(3);
  });

  it('counts concurrent hits exactly (the upsert is one statement)', async () => {
    const store = databaseStore(t.db);
    const w: CounterWindow = { key: 'kudos:m:1', start: 0, end: 60_000, max: 120 };
    const counts = await Promise.all(Array.from({ length: 20 }, () => store.add(w, 1)));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('is purged by the tick once its window has ended', async () => {
    const table = limitTable();
    await enforceLimit(databaseStore(t.db), table, 'answers', 1, at('2026-03-02T12:00:10Z'));
    await enforceLimit(databaseStore(t.db), table, 'uploads', 1, at('2026-03-02T12:00:10Z'));
    await tick(t.db, at('2026-03-02T12:01:00.001Z'));
    expect((await rows()).map((r) => r.key)).toEqual(['uploads:m:1']);
    await tick(t.db, at('2026-03-02T13:00:00.001Z'));
    expect(await rows()).toHaveLength(0);
  });
});

describe('enforceLimit', () => {
  it('reports (20 an hour per member): the 21st throws with the seconds left, and the next hour starts afresh', async () => {
    const store = databaseStore(t.db);
    const table = limitTable();
    for (let i = 0; i < LIMITS.reports.max; i++) await enforceLimit(store, table, 'reports', 7, at('2026-03-02T12:15:00Z'));
    const refused = await enforceLimit(store, table, 'reports', 7, at('2026-03-02T12:15:00Z')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(45 * 60);
    await enforceLimit(store, table, 'reports', 8, at('2026-03-02T12:15:00Z'));
    await enforceLimit(store, table, 'reports', 7, at('2026-03-02T13:00:00Z'));
  });

  it('takes overrides from RATE_LIMITS, and refuses unknown names', async () => {
    const overrides = parseLimitOverrides('answers=2/10, signInPerIp=100/3600');
    expect(overrides).toEqual({ answers: { max: 2, windowSeconds: 10 }, signInPerIp: { max: 100, windowSeconds: 3600 } });
    expect(parseLimitOverrides('answer=2/10')).toMatch(/not name=max\/seconds/);
    expect(parseLimitOverrides('answers=0/10')).toMatch(/at least 1/);
    const table = limitTable(overrides as Exclude<typeof overrides, string>);
    expect(table.answers).toEqual({ max: 2, windowSeconds: 10, by: 'member' });
    const store = databaseStore(t.db);
    await enforceLimit(store, table, 'answers', 1, at('2026-03-02T12:00:00Z'));
    await enforceLimit(store, table, 'answers', 1, at('2026-03-02T12:00:09Z'));
    await expect(enforceLimit(store, table, 'answers', 1, at('2026-03-02T12:00:09Z'))).rejects.toThrow(/in 1 second$/);
  });
});

describe('memoryFront', () => {
  const w: CounterWindow = { key: 'answers:m:1', start: 0, end: 60_000, max: 30 };

  it('skips the database while clearly under the limit, then writes every pending hit at once', async () => {
    const { store, seen } = countingDatabase();
    const front = memoryFront(store);
    for (let i = 1; i <= 15; i++) expect(await front.add(w, 1)).toBe(i);
    expect(seen.calls).toBe(0);
    expect(await front.add(w, 1)).toBe(16);
    expect(seen.calls).toBe(1);
    expect((await rows())[0]!.count).toBe(16);
  });

  it('enforces the exact max, then answers a blocked key from memory until its window ends', async () => {
    const { store, seen } = countingDatabase();
    const front = memoryFront(store);
    const table = limitTable();
    const now = at('1970-01-01T00:00:30Z');
    for (let i = 0; i < 30; i++) await enforceLimit(front, table, 'answers', 1, now);
    await expect(enforceLimit(front, table, 'answers', 1, now)).rejects.toBeInstanceOf(RateLimitedError);
    const callsWhenBlocked = seen.calls;
    for (let i = 0; i < 50; i++) await expect(enforceLimit(front, table, 'answers', 1, now)).rejects.toBeInstanceOf(RateLimitedError);
    expect(seen.calls).toBe(callsWhenBlocked);
    await enforceLimit(front, table, 'answers', 1, at('1970-01-01T00:01:00Z'));
  });

  it('sees hits another process wrote to the database once it asks it', async () => {
    const front = memoryFront(databaseStore(t.db));
    await databaseStore(t.db).add(w, 25);
    for (let i = 1; i <= 15; i++) await front.add(w, 1);
    // The 16th hit asks the database: 25 from elsewhere plus our 16.
    expect(await front.add(w, 1)).toBe(41);
  });
});

describe('isFreeRetry', () => {
  it('counts a key once, lets its retries through up to the allowance, then counts them again', async () => {
    const store = memoryFront(databaseStore(t.db));
    const table = limitTable();
    const now = at('2026-03-02T12:00:00Z');
    expect(await isFreeRetry(store, table, 'answers', 1, 'k', now)).toBe(false);
    for (let i = 0; i < FREE_RETRIES_PER_KEY; i++) expect(await isFreeRetry(store, table, 'answers', 1, 'k', now)).toBe(true);
    expect(await isFreeRetry(store, table, 'answers', 1, 'k', now)).toBe(false);
    // Another member's key of the same name, and the same key in the next window, are new.
    expect(await isFreeRetry(store, table, 'answers', 2, 'k', now)).toBe(false);
    expect(await isFreeRetry(store, table, 'answers', 1, 'k', at('2026-03-02T12:01:00Z'))).toBe(false);
  });
});
