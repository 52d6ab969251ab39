/**
 * Recognition is derived state: after each change to a member's answers or to the encouragement they got,
 * what is derived from them is recomputed here, so no counter can drift from the answers that exist.
 * Each part is idempotent and safe to race (unique keys, conditional inserts), so a retried or doubled
 * refresh changes nothing.
 *
 * The recomputation runs off the request path: a write queues the member in its own batch
 * (./recognition-queue.ts) and `drainRecognition` refreshes them later: after the response, on the
 * scheduler's tick, and before any read of recognition (so a client that answers and then asks for its
 * badges sees them, as if the refresh had run inside the answer).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { recognitionQueue } from '../../db/schema';
import { refreshBadges } from './badges/refresh';

export interface RecognitionSubject {
  communityId: number;
  userId: number;
}

/**
 * Recomputes what the member's recognition in one community derives from their answers and encouragement
 * as they are now, after an answer, a deletion, new kudos or a spotlight: their badges (and the
 * notifications of them). The rest is written by the change's own batch, since it depends on the moment,
 * not only on the answers that exist then: the ladder steps an answer reaches (`answerSteps`, ladder.ts:
 * a stage is the highest ever reached) and the nudge encouragement earns (`offerNudge`, nudges.ts: once a
 * week, if the member wants nudges at that moment).
 */
export async function refreshRecognition(db: Db, member: RecognitionSubject, now: Date): Promise<void> {
  await refreshBadges(db, member, now);
}

export interface DrainScope {
  /** Only this community's members. */
  communityId?: number;
  /** Only this member (in every community unless `communityId` is given too). */
  userId?: number;
  /** At most this many members, oldest change first; all of them (in scope) without it. */
  limit?: number;
}

export type QueuedRecognition = typeof recognitionQueue.$inferSelect;

/** The queued members in scope (a reader's scope holds a few rows at most: no sort). */
export async function queuedRecognition(db: Db, scope: DrainScope = {}): Promise<QueuedRecognition[]> {
  const query = db
    .select()
    .from(recognitionQueue)
    .where(
      and(
        scope.communityId === undefined ? undefined : eq(recognitionQueue.communityId, scope.communityId),
        scope.userId === undefined ? undefined : eq(recognitionQueue.userId, scope.userId),
      ),
    );
  // A bounded background pass takes the oldest first, so a steady stream of new changes cannot starve an old one.
  return scope.limit === undefined ? query : query.orderBy(asc(recognitionQueue.queuedAt)).limit(scope.limit);
}

/**
 * Refreshes one queued member as of its queued time (the time of the change, not of the drain), so the
 * result does not depend on when this runs; then deletes the entry only if its revision is still the one
 * read: a change queued meanwhile is refreshed again by a later drain. Safe to run concurrently.
 */
export async function refreshQueued(db: Db, row: QueuedRecognition): Promise<void> {
  await refreshRecognition(db, row, new Date(row.queuedAt));
  await db
    .delete(recognitionQueue)
    .where(
      and(
        eq(recognitionQueue.communityId, row.communityId),
        eq(recognitionQueue.userId, row.userId),
        eq(recognitionQueue.revision, row.revision),
      ),
    );
}

/**
 * Refreshes the queued members in scope and returns how many it found. A failing member does not keep the
 * others from their refresh: the first failure is thrown after them, and the failing entry stays queued.
 */
export async function drainRecognition(db: Db, scope: DrainScope = {}): Promise<number> {
  const rows = await queuedRecognition(db, scope);
  let failure: unknown;
  for (const row of rows) {
    try {
      await refreshQueued(db, row);
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure !== undefined) throw failure;
  return rows.length;
}
