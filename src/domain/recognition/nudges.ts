/**
 * Gentle nudges toward the next rung of the ladder, offered to an answer's author (and no one else) after
 * peers encouraged it: a facilitators-only answer → share it with the community; a community answer → share
 * it with everyone; a public answer → post it in your main space. Stored, because the rate limit needs to
 * remember what was offered: at most one new nudge per member per community per week (a unique index), and
 * a dismissed nudge never returns (unique per answer and kind). A member can turn nudges off.
 */
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prepared, type Placeholders } from '../../../db/prepared';
import { communities, kudos, memberships, nudges, submissions, users } from '../../../db/schema';
import { notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { localDay, weekOf } from '../time';

export type NudgeKind = (typeof nudges.$inferSelect)['kind'];
const NEXT_STEP = { facilitators: 'share_community', community: 'share_public', public: 'main_space' } as const;
/** One encourager is enough: the point is to catch the moment positive feedback arrives. */
export const NUDGE_AFTER_ENCOURAGERS = 1;

const QUESTION: Record<NudgeKind, string> = {
  share_community: 'share it with the community?',
  share_public: 'share it with everyone?',
  main_space: 'post it in your main space?',
};
const message = (kind: NudgeKind, n: number) => `${n} ${n === 1 ? 'person' : 'people'} encouraged this — ${QUESTION[kind]}`;

/**
 * Offers a nudge for the member's most recently encouraged answer that has not had this step offered yet,
 * unless nudges are off or this week's nudge in this community (`week`: its Monday) was already offered.
 * One statement that reads what it decides on as it runs, placed in the batch of every change to the
 * member's answers or their encouragement (after the change): the offer is made at that moment, with the
 * member's setting and the weekly limit as they stand then, never later by the deferred recognition
 * refresh (where a setting changed since would decide). A racing offer loses on the unique indexes.
 */
export function offerNudge(db: Db, m: { communityId: number; userId: number }, week: string, now: Date) {
  return offerNudgeQuery.bind(db, { ...m, week, createdAt: now.getTime() });
}

const offerNudgeQuery = prepared((db, p: Placeholders<{ communityId: number; userId: number; week: string; createdAt: number }>) => {
  const steps = Object.entries(NEXT_STEP).map(([visibility, kind]) => sql` when ${visibility} then ${kind}`);
  const nextStep = sql<NudgeKind>`case ${submissions.visibility}${sql.join(steps)} end`;
  const nudgesOn = sql`exists (select 1 from ${users} where ${users.id} = ${p.userId} and ${users.nudges})`;
  const weekTaken = sql`exists (select 1 from ${nudges} where ${nudges.communityId} = ${p.communityId}
    and ${nudges.userId} = ${p.userId} and ${nudges.weekOf} = ${p.week})`;
  // Nudges for an answer are its author's, in its community: unique per answer and kind.
  const stepOffered = sql`exists (select 1 from ${nudges} where ${nudges.submissionId} = ${submissions.id}
    and ${nudges.kind} = ${nextStep})`;
  const encouragers = sql`(select count(distinct ${kudos.userId}) from ${kudos}
    where ${kudos.submissionId} = ${submissions.id} and ${kudos.userId} <> ${submissions.userId})`;
  return db
    .insert(nudges)
    .select((qb) =>
      qb
        // In the table's column order: INSERT … SELECT matches columns by position.
        .select({
          id: sql<number>`null`.as('id'),
          communityId: submissions.communityId,
          userId: submissions.userId,
          submissionId: submissions.id,
          kind: nextStep.as('kind'),
          weekOf: sql<string>`${p.week}`.as('week_of'),
          createdAt: sql<number>`${p.createdAt}`.as('created_at'),
          dismissedAt: sql<number | null>`null`.as('dismissed_at'),
        })
        .from(submissions)
        .where(
          and(
            eq(submissions.communityId, p.communityId),
            eq(submissions.userId, p.userId),
            // Only encouraged answers, through the partial index submissions_encouraged: an answer is the
            // hottest write, and most of a member's answers were never encouraged.
            isNotNull(submissions.encouragedAt),
            nudgesOn,
            sql`not ${weekTaken}`,
            sql`not ${stepOffered}`,
            sql`${encouragers} >= ${NUDGE_AFTER_ENCOURAGERS}`,
          ),
        )
        // encouraged_at is the latest kudos from someone else (kept by triggers on kudos, migration 0031).
        .orderBy(desc(submissions.encouragedAt), desc(submissions.id))
        .limit(1),
    )
    .onConflictDoNothing();
});

/** The week (its Monday) a nudge offered at `now` counts toward, in the community's local time. */
export const nudgeWeek = (community: { timeZone: string; dayStartHour: number }, now: Date) =>
  weekOf(localDay(now, community.timeZone, community.dayStartHour));

/**
 * The caller's pending nudges, newest first: not dismissed, on answers that still exist in communities they
 * still belong to, and whose step is still ahead (an answer already widened needs no nudge).
 */
export async function myNudges(db: Db, caller: Caller) {
  const [me] = await db.select({ on: users.nudges }).from(users).where(eq(users.id, caller.id));
  if (!me?.on) return { enabled: false, nudges: [] };
  const rows = await db
    .select({
      id: nudges.id,
      kind: nudges.kind,
      submissionId: nudges.submissionId,
      promptId: submissions.promptId,
      visibility: submissions.visibility,
      communitySlug: communities.slug,
      createdAt: nudges.createdAt,
      encouragedBy: sql<number>`(select count(distinct ${kudos.userId}) from ${kudos}
        where ${kudos.submissionId} = ${nudges.submissionId} and ${kudos.userId} != ${caller.id})`,
    })
    .from(nudges)
    .innerJoin(submissions, and(eq(submissions.id, nudges.submissionId), eq(submissions.userId, caller.id)))
    .innerJoin(communities, eq(communities.id, nudges.communityId))
    .innerJoin(memberships, and(eq(memberships.communityId, nudges.communityId), eq(memberships.userId, caller.id)))
    .where(and(eq(nudges.userId, caller.id), isNull(nudges.dismissedAt)))
    .orderBy(desc(nudges.createdAt), desc(nudges.id));
  return {
    enabled: true,
    nudges: rows
      .filter((r) => NEXT_STEP[r.visibility] === r.kind)
      .map(({ visibility: _v, createdAt, ...r }) => ({
        ...r,
        message: message(r.kind, r.encouragedBy),
        createdAt: new Date(createdAt).toISOString(),
      })),
  };
}

/** Dismisses one of the caller's nudges for good; repeating it is harmless. Others' nudges are 404. */
export async function dismissNudge(db: Db, input: { caller: Caller; id: number }, now: Date) {
  const where = and(eq(nudges.id, input.id), eq(nudges.userId, input.caller.id));
  const [row] = await db.select({ dismissedAt: nudges.dismissedAt }).from(nudges).where(where);
  if (!row) throw notFound('Nudge');
  if (row.dismissedAt === null) await db.update(nudges).set({ dismissedAt: now.getTime() }).where(and(where, isNull(nudges.dismissedAt)));
  return { ok: true as const };
}
