/** A member's own profile: points in each community they belong to, and their answers with who can see them. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, creditsLedger, memberships, prompts, scores, submissions } from '../../../db/schema';
import { answerVisibleSql } from '../answers/visibility';
import type { Caller } from './sessions';

/** A profile page is an overview; the data export gives everything. */
const MAX_ANSWERS = 100;

/**
 * The caller's all-time points per community they are a member of (0 before any answer), and their latest
 * answers, anonymous ones included: this is their own data, shown to them alone.
 */
export async function myProfile(db: Db, caller: Caller) {
  const points = await db
    .select({
      slug: communities.slug,
      name: communities.name,
      points: scores.points,
      // Helper credits (issue 15): the ledger's sum, kept apart from points.
      credits: sql<number>`(select coalesce(sum(${creditsLedger.delta}), 0) from ${creditsLedger}
        where ${creditsLedger.communityId} = ${memberships.communityId} and ${creditsLedger.userId} = ${memberships.userId})`,
    })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .leftJoin(
      scores,
      and(eq(scores.communityId, memberships.communityId), eq(scores.userId, memberships.userId), eq(scores.period, 'all')),
    )
    .where(eq(memberships.userId, caller.id))
    .orderBy(communities.name);

  const answers = await db
    .select({
      id: submissions.id,
      level: submissions.level,
      body: submissions.body,
      visibility: submissions.visibility,
      anonymous: submissions.anonymous,
      moderation: submissions.moderation,
      points: submissions.points,
      createdAt: submissions.createdAt,
      promptId: submissions.promptId,
      easyText: prompts.easyText,
      hardText: prompts.hardText,
      communitySlug: communities.slug,
      communityName: communities.name,
    })
    .from(submissions)
    .innerJoin(prompts, eq(prompts.id, submissions.promptId))
    .innerJoin(communities, eq(communities.id, submissions.communityId))
    // Their own answers, as the one rule lets an author read them (a removed one is read by no one).
    .where(and(eq(submissions.userId, caller.id), answerVisibleSql({ role: 'visitor', callerId: caller.id })))
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(MAX_ANSWERS);

  return {
    communities: points.map((p) => ({ slug: p.slug, name: p.name, points: p.points ?? 0, credits: Number(p.credits) })),
    answers: answers.map((a) => ({
      id: a.id,
      level: a.level,
      body: a.body,
      visibility: a.visibility,
      anonymous: a.anonymous,
      // Hidden by the community's facilitators: the author alone (here) is told so.
      ...(a.moderation === 'hidden' ? { hidden: true as const } : {}),
      points: a.points,
      createdAt: new Date(a.createdAt).toISOString(),
      prompt: { id: a.promptId, text: a.level === 'easy' ? a.easyText : a.hardText },
      community: { slug: a.communitySlug, name: a.communityName },
    })),
  };
}
