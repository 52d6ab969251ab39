/**
 * Gentle nudges toward the next rung of the ladder, offered to an answer's author (and no one else) after
 * peers encouraged it: a facilitators-only answer → share it with the community; a community answer → share
 * it with everyone; a public answer → post it in your main space. Stored, because the rate limit needs to
 * remember what was offered: at most one new nudge per member per community per week (a unique index), and
 * a dismissed nudge never returns (unique per answer and kind). A member can turn nudges off.
 */
import { and, countDistinct, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communities, kudos, memberships, nudges, submissions, users } from '../../db/schema';
import { notFound } from './errors';
import type { Caller } from './sessions';
import { localDay, weekOf } from './time';

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
 * unless nudges are off or this week's nudge in this community was already offered.
 */
export async function refreshNudges(db: Db, m: { communityId: number; userId: number }, now: Date): Promise<void> {
  const [who] = await db
    .select({ on: users.nudges, timeZone: communities.timeZone, dayStartHour: communities.dayStartHour })
    .from(users)
    .innerJoin(communities, eq(communities.id, m.communityId))
    .where(eq(users.id, m.userId));
  if (!who?.on) return;
  const week = weekOf(localDay(now, who.timeZone, who.dayStartHour));
  const mine = and(eq(nudges.communityId, m.communityId), eq(nudges.userId, m.userId));
  const [offered] = await db.select({ id: nudges.id }).from(nudges).where(and(mine, eq(nudges.weekOf, week)));
  if (offered) return;

  const encouraged = await db
    .select({ id: submissions.id, visibility: submissions.visibility, n: countDistinct(kudos.userId) })
    .from(submissions)
    .innerJoin(kudos, and(eq(kudos.submissionId, submissions.id), ne(kudos.userId, submissions.userId)))
    .where(and(eq(submissions.communityId, m.communityId), eq(submissions.userId, m.userId)))
    .groupBy(submissions.id)
    .having(sql`count(distinct ${kudos.userId}) >= ${NUDGE_AFTER_ENCOURAGERS}`)
    .orderBy(desc(sql`max(${kudos.createdAt})`), desc(submissions.id));
  if (encouraged.length === 0) return;
  const done = new Set((await db.select().from(nudges).where(mine)).map((n) => `${n.submissionId}/${n.kind}`));
  const next = encouraged.find((a) => !done.has(`${a.id}/${NEXT_STEP[a.visibility]}`));
  if (!next) return;
  // A racing refresh loses on the unique indexes and adds nothing.
  await db
    .insert(nudges)
    .values({ ...m, submissionId: next.id, kind: NEXT_STEP[next.visibility], weekOf: week, createdAt: now.getTime() })
    .onConflictDoNothing();
}

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
