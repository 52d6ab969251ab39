/**
 * Recomputes a member's badges in one community from the source tables and writes the difference in one
 * batch: new grants (with their evidence), revocations (grounds gone), and evidence that moved (the first
 * answer deleted but a later one still earns "First answer"). The member is told of new badges in the app.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { badgeGrants, notifications, submissions } from '../../../db/schema';
import { BADGES, type Earned } from './catalog';
import { loadBadgeFacts, type Member } from './facts';

export interface BadgeChanges {
  granted: string[];
  revoked: string[];
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Refreshes the member's badges, and those of members whose "encouraged" badge rested on an answer that is
 * gone (deleting an answer deletes the kudos others gave it, so the author's refresh is where that shows).
 * Safe to run any number of times and concurrently: a live grant is unique per badge, revocation is conditional.
 */
export async function refreshBadges(db: Db, m: Member, now: Date): Promise<BadgeChanges> {
  const changes = await refreshMember(db, m, now);
  for (const userId of await encouragersOfGoneAnswers(db, m.communityId)) {
    if (userId !== m.userId) await refreshMember(db, { communityId: m.communityId, userId }, now);
  }
  return changes;
}

const ENCOURAGED = BADGES.filter((b) => b.evidenceKind === 'encouraged').map((b) => b.id);

/** A few live grants per community at most, so this stays small; json_each runs on libSQL and D1 alike. */
async function encouragersOfGoneAnswers(db: Db, communityId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ userId: badgeGrants.userId })
    .from(badgeGrants)
    .where(
      and(
        eq(badgeGrants.communityId, communityId),
        isNull(badgeGrants.revokedAt),
        inArray(badgeGrants.badgeId, ENCOURAGED),
        sql`exists (select 1 from json_each(${badgeGrants.evidence}) e
          where not exists (select 1 from ${submissions} s where s.id = e.value))`,
      ),
    );
  return rows.map((r) => r.userId);
}

async function refreshMember(db: Db, m: Member, now: Date): Promise<BadgeChanges> {
  const facts = await loadBadgeFacts(db, m, now);
  const earned = new Map<string, Earned>();
  for (const b of BADGES) {
    const e = b.rule(facts);
    if (e) earned.set(b.id, e);
  }
  const mine = and(eq(badgeGrants.communityId, m.communityId), eq(badgeGrants.userId, m.userId));
  const live = await db.select().from(badgeGrants).where(and(mine, isNull(badgeGrants.revokedAt)));
  const held = new Map(live.map((g) => [g.badgeId, g]));
  // Never dated before the newest ground it saw: a deferred refresh (src/domain/recognition.ts) runs as of
  // its change, and may read a change made while it ran. Dated earlier, a badge completed by an anonymous
  // answer could show at once, its grant week already over (badges/views.ts hides it until then).
  const t = Math.max(now.getTime(), facts.latestAt);
  const changes: BadgeChanges = { granted: [], revoked: [] };
  const notice = (badgeId: string) =>
    and(
      eq(notifications.userId, m.userId),
      eq(notifications.communityId, m.communityId),
      eq(notifications.dedupeKey, `badge:${badgeId}`),
    );

  const writes = [];
  for (const g of live) {
    const e = earned.get(g.badgeId);
    const current = and(eq(badgeGrants.id, g.id), isNull(badgeGrants.revokedAt));
    if (!e) {
      changes.revoked.push(g.badgeId);
      writes.push(db.update(badgeGrants).set({ revokedAt: t }).where(current));
      // Its "you earned" notice would now be untrue; a later grant tells the member again.
      writes.push(db.delete(notifications).where(notice(g.badgeId)));
    } else if (!same(e.evidence, g.evidence)) {
      writes.push(db.update(badgeGrants).set({ evidence: e.evidence }).where(current));
    }
  }
  for (const [badgeId, e] of earned) {
    if (held.has(badgeId)) continue;
    changes.granted.push(badgeId);
    writes.push(
      db.insert(badgeGrants).values({ ...m, badgeId, evidence: e.evidence, grantedAt: t }).onConflictDoNothing(),
      db
        .insert(notifications)
        .values({ ...m, kind: 'badge', badgeId, dedupeKey: `badge:${badgeId}`, createdAt: t })
        .onConflictDoNothing(),
    );
  }
  const [head, ...rest] = writes;
  if (head) await db.batch([head, ...rest]);
  return changes;
}
