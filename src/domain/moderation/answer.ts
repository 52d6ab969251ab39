/** The answer a moderation request is about, with who is asking (shared by reports and facilitators' actions). */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, memberships, submissions } from '../../../db/schema';
import { membershipOf, roleOf, requireFacilitator } from '../communities/access';
import { canSee } from '../answers/visibility';
import { notFound } from '../errors';
import type { Caller } from '../identity/sessions';

async function load(db: Db, submissionId: number, caller: Caller) {
  const [row] = await db
    .select({
      id: submissions.id,
      userId: submissions.userId,
      communityId: submissions.communityId,
      visibility: submissions.visibility,
      moderation: submissions.moderation,
      communityVisibility: communities.visibility,
      timeZone: communities.timeZone,
      dayStartHour: communities.dayStartHour,
      membershipRole: memberships.role,
    })
    .from(submissions)
    .innerJoin(communities, eq(communities.id, submissions.communityId))
    .leftJoin(memberships, membershipOf(submissions.communityId, caller.id))
    .where(eq(submissions.id, submissionId));
  if (!row) throw notFound('Answer');
  const { membershipRole, ...answer } = row;
  return { answer, role: roleOf(membershipRole, caller) };
}

/** An answer the caller may read (by the one visibility rule), with their role; 404 otherwise. */
export async function readableAnswer(db: Db, submissionId: number, caller: Caller) {
  const found = await load(db, submissionId, caller);
  if (!canSee({ role: found.role, callerId: caller.id }, found.answer, found.answer.communityVisibility)) throw notFound('Answer');
  return found;
}

/**
 * An answer for its community's facilitators to act on, removed ones included (so a retried removal is
 * harmless). Anyone else gets what the answer's visibility allows them to know: 404 when they may not read
 * it (a private community's outsider, a hidden answer), 403 when they may.
 */
export async function answerForModeration(db: Db, submissionId: number, caller: Caller) {
  const { answer, role } = await load(db, submissionId, caller);
  if (role !== 'facilitator') {
    if (!canSee({ role, callerId: caller.id }, answer, answer.communityVisibility)) throw notFound('Answer');
    requireFacilitator(role);
  }
  return answer;
}
