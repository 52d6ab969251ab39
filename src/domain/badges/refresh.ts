/**
 * Recomputes a member's badges in one community from the source tables and writes the difference in one
 * batch: new grants (with their evidence), revocations (grounds gone), and evidence that moved (the first
 * answer deleted but a later one still earns "First answer"). The member is told of new badges in the app.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client';
import { prepared, type Placeholders } from '../../../db/prepared';
import { badgeGrants, notifications } from '../../../db/schema';
import { groupBy } from '../group-by';
import { BADGES, type Earned } from './catalog';
import type { Community } from '../communities/access';
import { loadBadgeFactsFor, type BadgeFacts, type Member } from './facts';
import { writeProgress } from './progress';

export interface BadgeChanges {
  granted: string[];
  revoked: string[];
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Refreshes the badges of several members of one community, each as of its own `now` (the time of its
 * change), in a handful of statements and one batch whatever their number: the background drain's unit of
 * work. Safe to run any number of times and concurrently: a live grant is unique per badge, revocation is
 * conditional. (Deleting an answer also deletes the kudos others gave it; the deletion queues those givers
 * itself, see queueEncouragersOf, so their "Encourager" evidence is redone too.)
 */
export async function refreshBadgesFor(
  db: Db,
  community: Community,
  members: { userId: number; now: Date }[],
): Promise<Map<number, BadgeChanges>> {
  const communityId = community.id;
  const facts = await loadBadgeFactsFor(db, community, members);
  const live = groupBy(
    await db
      .select()
      .from(badgeGrants)
      .where(and(eq(badgeGrants.communityId, communityId), inArray(badgeGrants.userId, members.map((m) => m.userId)), isNull(badgeGrants.revokedAt))),
    (g) => g.userId,
  );
  const changes = new Map<number, BadgeChanges>();
  const writes: BatchItem<'sqlite'>[] = [];
  for (const m of members) {
    const memberFacts = facts.get(m.userId)!;
    const { changes: c, writes: w } = differences(db, { communityId, userId: m.userId }, memberFacts, live.get(m.userId) ?? [], m.now);
    changes.set(m.userId, c);
    // The running facts start again from what was read, for the next refreshes that only add answers.
    writes.push(...w, writeProgress(db, community, m.userId, memberFacts));
  }
  const [head, ...rest] = writes;
  if (head) await db.batch([head, ...rest]);
  return changes;
}

type Grant = typeof badgeGrants.$inferSelect;

/** The writes that bring one member's live grants in line with the badges their facts earn. */
function differences(db: Db, m: Member, facts: BadgeFacts, live: Grant[], now: Date) {
  const earned = new Map<string, Earned>();
  for (const b of BADGES) {
    const e = b.rule(facts);
    if (e) earned.set(b.id, e);
  }
  const held = new Map(live.map((g) => [g.badgeId, g]));
  // Never dated before the newest ground it saw: a deferred refresh (src/domain/recognition/drain.ts) runs as of
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

  const writes: BatchItem<'sqlite'>[] = [];
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
    const grant = { ...m, badgeId, at: t };
    writes.push(grantQuery.bind(db, { ...grant, evidence: e.evidence }), badgeNoticeQuery.bind(db, { ...grant, dedupeKey: `badge:${badgeId}` }));
  }
  return { changes, writes };
}

// A member's first answers earn badges: these two run for most of them, so they are built once.
type NewGrant = Member & { badgeId: string; at: number };
const grantQuery = prepared((db, p: Placeholders<NewGrant & { evidence: Earned['evidence'] }>) =>
  db
    .insert(badgeGrants)
    .values({ communityId: p.communityId, userId: p.userId, badgeId: p.badgeId, evidence: p.evidence, grantedAt: p.at })
    .onConflictDoNothing(),
);
const badgeNoticeQuery = prepared((db, p: Placeholders<NewGrant & { dedupeKey: string }>) =>
  db
    .insert(notifications)
    .values({ userId: p.userId, communityId: p.communityId, kind: 'badge', badgeId: p.badgeId, dedupeKey: p.dedupeKey, createdAt: p.at })
    .onConflictDoNothing(),
);
