/**
 * Recognition is derived state: after each change to a member's answers or to the encouragement they got,
 * what is derived from them is recomputed here, so no counter can drift from the answers that exist.
 * Each part is idempotent and safe to race (unique keys, conditional inserts), so a retried or doubled
 * refresh changes nothing.
 *
 * A member whose queued changes are all new answers is refreshed from running facts and the new answers
 * alone (../badges/progress.ts), unless they could change a badge; everyone else is recomputed in full.
 *
 * The recomputation runs off the request path: a write queues the member in its own batch
 * (./effects.ts) and `drainRecognition` refreshes them later: after the write's response
 * (src/middleware/recognition.ts, the one place that starts it) and on the scheduler's tick. Reads never
 * drain (a read does not write): they show the last refresh, and `recognitionPending` (./pending.ts)
 * says when a change still waits for its refresh, a matter of milliseconds after the write.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client';
import { prepared, type Placeholders } from '../../../db/prepared';
import { communities, recognitionQueue } from '../../../db/schema';
import { foldNewAnswers } from '../badges/progress';
import { refreshBadgesFor } from '../badges/refresh';
import { groupBy } from '../group-by';

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
 * Refreshes queued members: what their recognition derives from their answers and encouragement as they are
 * now, i.e. their badges (and the notifications of them). The rest is written by the change's own batch,
 * since it depends on the moment, not only on the answers that exist then: the ladder steps an answer reaches
 * (`answerSteps`, ladder.ts: a stage is the highest ever reached) and the nudge encouragement earns
 * (`offerNudge`, nudges.ts: once a week, if the member wants nudges at that moment).
 *
 * Each member is refreshed as of its queued time (the time of its change, not of the drain), so the
 * result does not depend on when this runs: one refresh per community for all its members (a handful of
 * statements and one batch, however many). Then deletes each entry only if its revision is still the one
 * read: a change queued meanwhile is refreshed again by a later drain. Safe to run concurrently. A failing
 * community does not keep the others from their refresh: the first failure is thrown after them, and its
 * entries stay queued.
 */
export async function refreshQueued(db: Db, rows: QueuedRecognition[], { pause }: RefreshPacing = {}): Promise<void> {
  let failure: unknown;
  const done: QueuedRecognition[] = [];
  const folds: BatchItem<'sqlite'>[] = [];
  for (const [communityId, members] of groupBy(rows, (r) => r.communityId)) {
    try {
      folds.push(...(await refreshCommunity(db, communityId, members, pause)));
      done.push(...members);
    } catch (err) {
      failure ??= err;
    }
  }
  const deletes = done.map(({ communityId, userId, revision }) => dequeueQuery.bind(db, { communityId, userId, revision }));
  const [head, ...rest] = [...folds, ...deletes];
  if (head) await db.batch([head, ...rest]);
  if (failure !== undefined) throw failure;
}

export interface RefreshPacing {
  /**
   * Awaited before each group of FULL_AT_ONCE full refreshes, the first included: a full refresh reads each
   * member's whole history, and on Node the statements run on the server's thread, so a background drain lets
   * requests go first there, both after the fold's reads and between groups.
   */
  pause?: () => Promise<void>;
}

/**
 * Members recomputed in full at once. Each reads its member's history; sixteen members with long histories
 * held the server's thread ~100 ms in one go (the full bench profile's answer p99), and all their rows were
 * held in memory at once. Four still held it ~2.6 ms in the peer scenario; two set a lower answer p99 at the
 * same throughput (tests/bench/README.md, "seventh pass").
 */
const FULL_AT_ONCE = 2;

/**
 * One community's queued members: those with only new answers are folded into their running facts
 * (../badges/progress.ts) unless that could change a badge; the others get a full refresh now. Returns the
 * folds' writes, for the batch that dequeues the members.
 */
async function refreshCommunity(
  db: Db,
  communityId: number,
  members: QueuedRecognition[],
  pause: RefreshPacing['pause'],
): Promise<BatchItem<'sqlite'>[]> {
  const [community] = await db.select().from(communities).where(eq(communities.id, communityId));
  if (!community) throw new Error(`community ${communityId} not found`);
  const asQueued = (m: QueuedRecognition) => ({ userId: m.userId, now: new Date(m.queuedAt) });
  const appended = members.filter((m) => m.appendedOnly).map(asQueued);
  const folded = appended.length ? await foldNewAnswers(db, community, appended) : { full: [], writes: [] };
  const full = [...members.filter((m) => !m.appendedOnly).map(asQueued), ...folded.full];
  for (let i = 0; i < full.length; i += FULL_AT_ONCE) {
    await pause?.();
    await refreshBadgesFor(db, community, full.slice(i, i + FULL_AT_ONCE));
  }
  return folded.writes;
}

/** One per member refreshed: built once. */
const dequeueQuery = prepared((db, p: Placeholders<{ communityId: number; userId: number; revision: number }>) =>
  db
    .delete(recognitionQueue)
    .where(
      and(
        eq(recognitionQueue.communityId, p.communityId),
        eq(recognitionQueue.userId, p.userId),
        eq(recognitionQueue.revision, p.revision),
      ),
    ),
);

/** Refreshes the queued members in scope and returns how many it found (see `refreshQueued`). */
export async function drainRecognition(db: Db, scope: DrainScope = {}): Promise<number> {
  const rows = await queuedRecognition(db, scope);
  await refreshQueued(db, rows);
  return rows.length;
}
