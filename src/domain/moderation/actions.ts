/**
 * What a community's facilitators do with an answer (issue 12): hide it (only they and its author still read
 * it; it keeps its points), restore it, remove it (no one reads it; its points are reversed in the ledger),
 * or dismiss its reports. Every change is logged in moderation_log with who and when, in the same batch.
 *
 * Each action is a state change guarded in SQL by the state it starts from, so a retry or a racing second
 * facilitator changes nothing and logs nothing: the log and the change are written by the same condition
 * inside one batch (one transaction), so they cannot disagree.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { moderationLog, notifications, reports, spotlights, submissions } from '../../../db/schema';
import { reverseAnswerPoints } from '../answers/points-reversal';
import { DomainError } from '../errors';
import { recognizeChange } from '../recognition/effects';
import type { Caller } from '../identity/sessions';
import { answerForModeration } from './answer';

export type ModerationAction = 'hide' | 'restore' | 'remove' | 'dismiss';
type State = (typeof submissions.$inferSelect)['moderation'];

/** For each action: the states it starts from and the state it leaves (null: the answer's state stays). */
const MOVES: Record<ModerationAction, { from: readonly State[]; to: State | null }> = {
  hide: { from: ['visible'], to: 'hidden' },
  restore: { from: ['hidden'], to: 'visible' },
  remove: { from: ['visible', 'hidden'], to: 'removed' },
  dismiss: { from: ['visible', 'hidden'], to: null },
};

/**
 * Applies `action` to the answer as one of its community's facilitators (stewards too). Returns the state
 * the answer is in afterwards; asking for the state it is already in is a harmless no-op (nothing logged).
 * A removed answer stays removed: restoring or hiding it is 409 already_removed.
 */
export async function moderateAnswer(db: Db, input: { submissionId: number; caller: Caller; action: ModerationAction }, now: Date) {
  const answer = await answerForModeration(db, input.submissionId, input.caller);
  const move = MOVES[input.action];
  if (answer.moderation === 'removed' && input.action !== 'remove') {
    throw new DomainError('already_removed', 'This answer was removed; it cannot be changed any more');
  }
  const t = now.getTime();
  const openReports = and(eq(reports.submissionId, answer.id), isNull(reports.resolvedAt));
  // The condition every statement below shares: the answer is still in a state this action starts from,
  // and for a dismissal, it still has open reports. Written first, the log sees the state before the change.
  const applies = and(
    eq(submissions.id, answer.id),
    inArray(submissions.moderation, [...move.from]),
    input.action === 'dismiss' ? sql`exists (select 1 from ${reports} where ${openReports})` : undefined,
  );
  const author = { communityId: answer.communityId, userId: answer.userId };
  const [logged] = await db.batch([
    db
      .insert(moderationLog)
      .select((qb) =>
        qb
          .select({
            id: sql<number>`null`.as('id'),
            communityId: submissions.communityId,
            actorId: sql<number>`${input.caller.id}`.as('actor_id'),
            action: sql<ModerationAction>`${input.action}`.as('action'),
            submissionId: submissions.id,
            helpReplyId: sql<number | null>`null`.as('help_reply_id'),
            targetUserId: sql<number | null>`null`.as('target_user_id'),
            createdAt: sql<number>`${t}`.as('created_at'),
          })
          .from(submissions)
          .where(applies),
      )
      .returning({ id: moderationLog.id }),
    // A removal reverses the answer's points in its original week and listing, once (the ledger's unique
    // (submission_id, reason) index); the score triggers correct the boards.
    ...(input.action === 'remove'
      ? [
          reverseAnswerPoints(db, answer.id, 'answer_removed', t),
          // A removed answer is celebrated nowhere: its spotlight and the member's notice of it go.
          db.delete(spotlights).where(eq(spotlights.submissionId, answer.id)),
          db.delete(notifications).where(and(eq(notifications.submissionId, answer.id), eq(notifications.kind, 'spotlight'))),
        ]
      : []),
    // Hiding, removing and dismissing answer the reports; restoring leaves them as they were (answered).
    ...(input.action === 'restore' ? [] : [db.update(reports).set({ resolvedAt: t }).where(and(openReports, sql`exists (select 1 from ${submissions} where ${applies})`))]),
    ...(move.to ? [db.update(submissions).set({ moderation: move.to }).where(applies)] : []),
    ...recognizeChange(db, author, answer, now),
  ]);
  // `changed` false: the answer was already in that state (a retry, or another facilitator first).
  return { id: answer.id, moderation: move.to ?? answer.moderation, changed: logged.length > 0 };
}
