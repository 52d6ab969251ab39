/**
 * What a steward does to a community from the dashboard (issue 14): archive it once it has stopped (read-only,
 * src/domain/archive.ts) and bring it back; pin a public community on the home page's showcase strip and take
 * it off. Each change is one batch with its steward_log row; asking for the state a community is already in
 * changes nothing and logs nothing, so a retried request is harmless.
 */
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, stewardLog } from '../../../db/schema';
import { DomainError, notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { requireSteward } from './roles';

/** The community a steward acts on by slug; 404 for anyone but a steward, and for an unknown slug. */
export async function communityForSteward(db: Db, caller: Caller | null, slug: string) {
  const steward = requireSteward(caller);
  const [community] = await db.select().from(communities).where(eq(communities.slug, slug));
  if (!community) throw notFound('Community');
  return { steward, community };
}

const stateOf = (c: typeof communities.$inferSelect) => ({
  slug: c.slug,
  archivedAt: c.archivedAt === null ? null : new Date(c.archivedAt).toISOString(),
  showcasePinnedAt: c.showcasePinnedAt === null ? null : new Date(c.showcasePinnedAt).toISOString(),
});

type Column = 'archivedAt' | 'showcasePinnedAt';
type Action = 'archive' | 'unarchive' | 'pin_showcase' | 'unpin_showcase';

/** Sets or clears one dated flag, logging the action when it changed something (conditional in one batch). */
async function flip(db: Db, steward: Caller, community: typeof communities.$inferSelect, column: Column, on: boolean, action: Action, now: Date) {
  if ((community[column] !== null) === on) return stateOf(community);
  const at = now.getTime();
  const col = communities[column];
  const still = and(eq(communities.id, community.id), on ? isNull(col) : isNotNull(col));
  await db.batch([
    // Logged first, while the condition still holds; a concurrent flip of the same kind logs nothing twice.
    // A query builder, not db.run: D1's batch cannot bind a raw statement's parameters.
    db.insert(stewardLog).select(
      db
        .select({
          id: sql<number>`null`.as('id'),
          actorId: sql<number>`${steward.id}`.as('actor_id'),
          action: sql<Action>`${action}`.as('action'),
          targetUserId: sql<number | null>`null`.as('target_user_id'),
          createdAt: sql<number>`${at}`.as('created_at'),
          communityId: communities.id,
        })
        .from(communities)
        .where(still),
    ),
    db.update(communities).set({ [column]: on ? at : null }).where(still),
  ]);
  const [after] = await db.select().from(communities).where(eq(communities.id, community.id));
  return stateOf(after!);
}

/** Archives (`on`) or reopens a community; logged. */
export async function setArchived(db: Db, caller: Caller | null, slug: string, on: boolean, now: Date) {
  const { steward, community } = await communityForSteward(db, caller, slug);
  return flip(db, steward, community, 'archivedAt', on, on ? 'archive' : 'unarchive', now);
}

/** Pins (`on`) a public community on the home page's showcase strip, or unpins it; logged. */
export async function setShowcasePinned(db: Db, caller: Caller | null, slug: string, on: boolean, now: Date) {
  const { steward, community } = await communityForSteward(db, caller, slug);
  if (on && community.visibility !== 'public') {
    throw new DomainError('not_public', 'Only a public community can be shown on the home page', { issues: [{ path: 'slug', message: 'this community is private' }] });
  }
  return flip(db, steward, community, 'showcasePinnedAt', on, on ? 'pin_showcase' : 'unpin_showcase', now);
}
