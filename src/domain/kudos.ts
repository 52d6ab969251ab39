/** Encouragement: a few positive kinds, once per kind per member, never on one's own answer. */
import { count, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { kudos } from '../../db/schema';
import type { kudosKinds } from '../schemas';
import { requireMember } from './access';
import { refreshBadges } from './badges/refresh';
import { DomainError } from './errors';
import { refreshRecognition } from './recognition';
import type { Caller } from './sessions';
import { visibleAnswer } from './submissions';

export type KudosKind = (typeof kudosKinds)[number];
export type KudosCounts = Record<KudosKind, number>;

const zero = (): KudosCounts => ({ applause: 0, learned: 0, relate: 0 });

/** Counts per kind for many answers in one grouped query; every asked id gets an entry. */
export async function kudosCounts(db: Db, submissionIds: number[]): Promise<Map<number, KudosCounts>> {
  const counts = new Map(submissionIds.map((id) => [id, zero()]));
  if (submissionIds.length === 0) return counts;
  const rows = await db
    .select({ submissionId: kudos.submissionId, kind: kudos.kind, n: count() })
    .from(kudos)
    .where(inArray(kudos.submissionId, submissionIds))
    .groupBy(kudos.submissionId, kudos.kind);
  for (const r of rows) {
    const c = counts.get(r.submissionId);
    // Kinds retired from the set stay in the table but are no longer shown.
    if (c && Object.hasOwn(c, r.kind)) c[r.kind as KudosKind] = r.n;
  }
  return counts;
}

/**
 * Gives one kind of kudos to an answer the caller can see. Repeating it is harmless: the answer is
 * 200 with unchanged counts (a retried tap should not look like an error). Unseen answers are 404.
 */
export async function giveKudos(db: Db, input: { submissionId: number; caller: Caller; kind: KudosKind }, now: Date) {
  const { answer, role } = await visibleAnswer(db, input.submissionId, input.caller);
  if (answer.userId === input.caller.id) throw new DomainError('forbidden', 'Encouragement is for other members');
  requireMember(role);

  await db
    .insert(kudos)
    .values({ submissionId: answer.id, userId: input.caller.id, kind: input.kind, createdAt: now.getTime() })
    .onConflictDoNothing();
  // Encouragement is the author's recognition: their nudges (and anything else derived) are recomputed.
  await refreshRecognition(db, { communityId: answer.communityId, userId: answer.userId }, now);
  // Giving counts too: the giver's "Encourager" badge.
  await refreshBadges(db, { communityId: answer.communityId, userId: input.caller.id }, now);
  const counts = await kudosCounts(db, [answer.id]);
  return { kudos: counts.get(answer.id)! };
}

