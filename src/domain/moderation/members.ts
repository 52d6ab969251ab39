/**
 * A facilitator removing a member from the community (issue 12). What it means, decided here:
 * - the membership ends: the member loses what members read (community answers, a private community
 *   altogether) and their secret feed URLs stop working (they work only for members);
 * - every answer of theirs in the community is hidden (only facilitators, and they themself as the author,
 *   still read it), so what they wrote leaves the gallery, feeds, rolls and profiles with them; their points
 *   stay (leaderboards list current members only). A facilitator may restore any answer one by one;
 * - facilitators are not removed this way (make them a member first), nor is the caller.
 * It is not a ban: a public community can be joined again by anyone, and their hidden answers stay hidden.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { memberships, moderationLog, submissions } from '../../../db/schema';
import { communityForViewer, requireFacilitator } from '../communities/access';
import { DomainError, notFound } from '../errors';
import { queueRecognition } from '../recognition/effects';
import type { Caller } from '../identity/sessions';

/** Removes member `userId` from community `slug`; repeating it once done is a harmless no-op (`changed: false`). */
export async function removeMember(db: Db, input: { slug: string; userId: number; caller: Caller }, now: Date) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireFacilitator(role);
  const theirs = and(eq(memberships.communityId, community.id), eq(memberships.userId, input.userId));
  const [target] = await db.select({ role: memberships.role }).from(memberships).where(theirs);
  if (!target) {
    // Already removed (a retry): say so as before. Anyone else is simply not a member here.
    const [done] = await db
      .select({ id: moderationLog.id })
      .from(moderationLog)
      .where(and(eq(moderationLog.communityId, community.id), eq(moderationLog.targetUserId, input.userId), eq(moderationLog.action, 'remove_member')))
      .limit(1);
    if (!done) throw notFound('Member');
    return { userId: input.userId, removed: true as const, changed: false };
  }
  if (target.role === 'facilitator' || input.userId === input.caller.id) {
    throw new DomainError('not_removable', 'Facilitators cannot be removed; make them a member first');
  }
  const t = now.getTime();
  const stillMember = sql`exists (select 1 from ${memberships} where ${theirs} and ${memberships.role} = 'member')`;
  const [logged] = await db.batch([
    db
      .insert(moderationLog)
      .select((qb) =>
        qb
          .select({
            id: sql<number>`null`.as('id'),
            communityId: sql<number>`${community.id}`.as('community_id'),
            actorId: sql<number>`${input.caller.id}`.as('actor_id'),
            action: sql<'remove_member'>`'remove_member'`.as('action'),
            submissionId: sql<number | null>`null`.as('submission_id'),
            helpReplyId: sql<number | null>`null`.as('help_reply_id'),
            targetUserId: sql<number>`${input.userId}`.as('target_user_id'),
            createdAt: sql<number>`${t}`.as('created_at'),
          })
          .from(sql`(select 1)`)
          .where(stillMember),
      )
      .returning({ id: moderationLog.id }),
    db
      .update(submissions)
      .set({ moderation: 'hidden' })
      .where(and(eq(submissions.communityId, community.id), eq(submissions.userId, input.userId), eq(submissions.moderation, 'visible'), stillMember)),
    db.delete(memberships).where(and(theirs, eq(memberships.role, 'member'))),
    queueRecognition(db, [{ communityId: community.id, userId: input.userId }], now),
  ]);
  return { userId: input.userId, removed: true as const, changed: logged.length > 0 };
}
