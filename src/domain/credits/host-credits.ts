/**
 * Hosting a live session earns helper credits once it has ended (a session cancelled before it starts earns
 * nothing). The tick credits ended sessions here, a few at a time, down live_sessions_uncredited.
 */
import { and, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { liveSessions } from '../../../db/schema';
import { creditEntry } from './ledger';

/** Sessions credited per run; the next tick takes the rest. */
export const HOSTS_PER_RUN = 40;

/** Credits the hosts of sessions ended by `now`, each session once (entry and mark in one batch). Returns how many. */
export async function creditEndedSessions(db: Db, now: Date): Promise<number> {
  const ended = await db
    .select({ id: liveSessions.id, communityId: liveSessions.communityId, hostId: liveSessions.hostId })
    .from(liveSessions)
    .where(and(isNull(liveSessions.creditedAt), lte(liveSessions.endsAt, now.getTime())))
    .limit(HOSTS_PER_RUN);
  if (ended.length === 0) return 0;
  const entries = ended.map((s) => creditEntry(db, { communityId: s.communityId, userId: s.hostId, reason: 'session_hosted', ref: `session:${s.id}` }, now));
  const mark = db.update(liveSessions).set({ creditedAt: now.getTime() }).where(inArray(liveSessions.id, ended.map((s) => s.id)));
  await db.batch([mark, ...entries]);
  return ended.length;
}

