/**
 * Taking an answer's points back, through the ledger: one new entry that mirrors the answer's own (the same
 * week and listing, the opposite amount), so boards correct themselves through the score triggers. Used by
 * the author's delete and by a facilitator's removal.
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { pointsLedger } from '../../../db/schema';

/**
 * The INSERT … SELECT for a batch. Once only: the ledger's unique (submission_id, reason) index refuses a second
 * reversal of the same kind, which ON CONFLICT DO NOTHING turns into nothing written. `onlyIf` narrows it more.
 */
export function reverseAnswerPoints(db: Db, submissionId: number, reason: 'answer_deleted' | 'answer_removed', at: number, onlyIf?: SQL) {
  return db
    .insert(pointsLedger)
    .select((qb) =>
      qb
        .select({
          id: sql<number>`null`.as('id'),
          communityId: pointsLedger.communityId,
          userId: pointsLedger.userId,
          submissionId: pointsLedger.submissionId,
          reason: sql<typeof reason>`${reason}`.as('reason'),
          delta: sql<number>`-${pointsLedger.delta}`.as('delta'),
          listed: pointsLedger.listed,
          weekOf: pointsLedger.weekOf,
          createdAt: sql<number>`${at}`.as('created_at'),
        })
        .from(pointsLedger)
        .where(and(eq(pointsLedger.submissionId, submissionId), eq(pointsLedger.reason, 'answer'), onlyIf)),
    )
    .onConflictDoNothing();
}
