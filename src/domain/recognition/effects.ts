/**
 * The promise to recompute a member's recognition, written in the same batch as the change that calls for
 * it: the answer (or kudos, spotlight, deletion) and its queue row commit together or not at all, so no
 * change can be left unrecognised by a crash, and the request pays one more statement, not a commit.
 * `drainRecognition` (./drain.ts) keeps the promise. Statements for a batch only: nothing here runs.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prepared, type Placeholders } from '../../../db/prepared';
import { kudos, recognitionQueue, submissions } from '../../../db/schema';
import { nudgeWeek, offerNudge } from './nudges';

export interface QueuedMember {
  communityId: number;
  userId: number;
}

/**
 * A member already queued keeps one row: the latest change's time wins (a refresh reads the grounds as
 * they are, so it covers every earlier change), and the revision moves so a drain running now refreshes
 * them again.
 */
export const requeue = {
  target: [recognitionQueue.communityId, recognitionQueue.userId],
  set: {
    queuedAt: sql`max(${recognitionQueue.queuedAt}, excluded.queued_at)`,
    revision: sql`${recognitionQueue.revision} + 1`,
    // Still only new answers if this change is one too; anything else calls for a full refresh.
    appendedOnly: sql`${recognitionQueue.appendedOnly} and excluded.appended_only`,
  },
};

/**
 * What every change to a member's answers, or to the encouragement they got, adds to its batch: the nudge
 * it may bring them, offered at this moment (./nudges.ts), and the queue rows that have their badges, and
 * those of `others` (a kudos' giver), recomputed after the response.
 */
export function recognizeChange(
  db: Db,
  member: QueuedMember,
  community: { timeZone: string; dayStartHour: number },
  now: Date,
  others: QueuedMember[] = [],
) {
  return [offerNudge(db, member, nudgeWeek(community, now), now), queueRecognition(db, [member, ...others], now)] as const;
}

/**
 * `recognizeChange` for a new answer by `member` (in the batch after it), the one change their running badge
 * facts (../badges/progress.ts) can take in without a full refresh: when it is the member's latest answer
 * there. One dated before another of theirs (a clock that went back) reorders their history: a full refresh.
 */
export function recognizeNewAnswer(db: Db, member: QueuedMember, community: { timeZone: string; dayStartHour: number }, now: Date) {
  return [
    offerNudge(db, member, nudgeWeek(community, now), now),
    queueNewAnswerQuery.bind(db, { ...member, queuedAt: now.getTime() }),
  ] as const;
}

const queueNewAnswerQuery = prepared((db, p: Placeholders<QueuedMember & { queuedAt: number }>) => {
  const later = db
    .select({ one: sql`1` })
    .from(submissions)
    .where(and(eq(submissions.communityId, p.communityId), eq(submissions.userId, p.userId), gt(submissions.createdAt, p.queuedAt)));
  return db
    .insert(recognitionQueue)
    .values({ communityId: p.communityId, userId: p.userId, queuedAt: p.queuedAt, appendedOnly: sql`not exists ${later}` })
    .onConflictDoUpdate(requeue);
});

/** Queues these members (at least one) as changed at `now`. */
export function queueRecognition(db: Db, members: [QueuedMember, ...QueuedMember[]], now: Date) {
  const queuedAt = now.getTime();
  // The hot writes queue one or two members (an answer's author; a kudos' author and giver): built once.
  if (members.length <= MOST_PREPARED) {
    const values: Record<string, number> = { queuedAt };
    members.forEach((m, i) => Object.assign(values, { [`community${i}`]: m.communityId, [`user${i}`]: m.userId }));
    return queueQueryFor(members.length).bind(db, values);
  }
  return db
    .insert(recognitionQueue)
    .values(members.map((m) => ({ communityId: m.communityId, userId: m.userId, queuedAt })))
    .onConflictDoUpdate(requeue);
}

const MOST_PREPARED = 4;
const queueQuery = (count: number) =>
  prepared((db, p: Placeholders<Record<string, number>>) =>
    db
      .insert(recognitionQueue)
      .values(Array.from({ length: count }, (_, i) => ({ communityId: p[`community${i}`]!, userId: p[`user${i}`]!, queuedAt: p.queuedAt! })))
      .onConflictDoUpdate(requeue),
  );
const queueQueries: ReturnType<typeof queueQuery>[] = [];
const queueQueryFor = (count: number) => (queueQueries[count] ??= queueQuery(count));

/**
 * For the batch that deletes an answer, before its kudos go: queues everyone who encouraged it, since
 * their kudos go with it (an "Encourager" badge may rest on them). The author's refresh would reach those
 * whose badge names the answer (badges/refresh.ts), but queued themselves, their own reads see it at once.
 */
export function queueEncouragersOf(db: Db, answer: { id: number; communityId: number }, now: Date) {
  return db
    .insert(recognitionQueue)
    .select((qb) =>
      qb
        .selectDistinct({
          communityId: sql<number>`${answer.communityId}`.as('community_id'),
          userId: kudos.userId,
          queuedAt: sql<number>`${now.getTime()}`.as('queued_at'),
          revision: sql<number>`0`.as('revision'),
          appendedOnly: sql<boolean>`0`.as('appended_only'),
        })
        .from(kudos)
        .where(eq(kudos.submissionId, answer.id)),
    )
    .onConflictDoUpdate(requeue);
}
