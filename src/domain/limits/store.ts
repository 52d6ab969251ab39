/**
 * Where rate-limit counts live. The database store works on both homes (libSQL on Node, D1 on Workers run the
 * same SQL): one upsert per hit, returning the window's count. Node puts ./memory-front.ts before it.
 */
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { rateLimitCounters } from '../../../db/schema';

/** One fixed window of one limited subject. */
export interface CounterWindow {
  /** The limit's name and the subject's hash, e.g. `answers:m:42` or `signInPerIp:3f2a…`. */
  key: string;
  /** Start and end of the window (ms since the epoch). */
  start: number;
  end: number;
  /** The limit's max: a front may use it to decide when the database must be asked. */
  max: number;
}

export interface RateLimitStore {
  /** Adds `hits` (one, or a front's pending sum) to the window's counter; resolves to the count after it. */
  add(window: CounterWindow, hits: number): Promise<number>;
}

/** Counters in the rate_limit_counters table: a single `INSERT … ON CONFLICT DO UPDATE … RETURNING` per call. */
export function databaseStore(db: Db): RateLimitStore {
  return {
    async add(window, hits) {
      const [row] = await db
        .insert(rateLimitCounters)
        .values({ key: window.key, windowStart: window.start, count: hits, expiresAt: window.end })
        .onConflictDoUpdate({
          target: [rateLimitCounters.key, rateLimitCounters.windowStart],
          set: { count: sql`${rateLimitCounters.count} + excluded.count` },
        })
        .returning({ count: rateLimitCounters.count });
      return row?.count ?? hits;
    },
  };
}

/** The tick's housekeeping: counters of windows that have ended. */
export const purgeEndedWindows = (db: Db, now: Date) => db.delete(rateLimitCounters).where(lt(rateLimitCounters.expiresAt, now.getTime()));
