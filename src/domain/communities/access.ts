/**
 * Who may see what in a community. Private communities do not exist for outsiders (404, not 403),
 * so their names and slugs are not confirmed to strangers.
 */
import { and, eq, type Placeholder } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { communities, memberships } from '../../../db/schema';
import { DomainError, notFound } from '../errors';
import type { Caller } from '../identity/sessions';

export type Community = typeof communities.$inferSelect;
/**
 * visitor: not a member (signed in or not). steward: a steward who is not a member: they manage like a
 * facilitator across the network (analytics, series, moderation queues), but read answers only as the one
 * visibility rule (src/domain/answers/visibility.ts) lets a non-member: numbers yes, private text no.
 */
export type ViewerRole = 'visitor' | 'member' | 'facilitator' | 'steward';

export async function roleIn(db: Db, communityId: number, caller: Caller | null): Promise<ViewerRole> {
  if (!caller) return 'visitor';
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, caller.id)));
  return roleOf(m?.role ?? null, caller);
}

/** The role from the caller's membership row (null: none), for queries that join memberships themselves. */
export function roleOf(membershipRole: 'member' | 'facilitator' | null, caller: Caller | null): ViewerRole {
  if (!caller) return 'visitor';
  if (membershipRole) return membershipRole;
  return caller.isSteward ? 'steward' : 'visitor';
}

/** True for the roles that manage a community: its facilitators, and stewards across the network. */
export const manages = (role: ViewerRole) => role === 'facilitator' || role === 'steward';

/** Joins the caller's membership of the row's community (`communityId`): null columns when there is none (or no caller). */
export const callerMembership = (communityId: SQLiteColumn, caller: Caller | null) => membershipOf(communityId, caller?.id ?? -1);

/** The same join for a user id, or its placeholder in a prepared query (db/prepared.ts). */
export const membershipOf = (communityId: SQLiteColumn, userId: number | Placeholder<string, number>) =>
  and(eq(memberships.communityId, communityId), eq(memberships.userId, userId));

async function visibleTo(db: Db, community: Community | undefined, caller: Caller | null, what = 'Community') {
  if (!community) throw notFound(what);
  const role = await roleIn(db, community.id, caller);
  if (community.visibility === 'private' && role === 'visitor') throw notFound(what);
  return { community, role };
}

/** The community and the caller's role in it; 404 when it does not exist or is private to the caller. */
export async function communityForViewer(db: Db, slug: string, caller: Caller | null) {
  const [community] = await db.select().from(communities).where(eq(communities.slug, slug));
  return visibleTo(db, community, caller);
}

/**
 * The same by id, for a thing (`what`: "Series") found in that community: hidden, it is answered as that
 * thing not found, exactly like an unknown id, so the answer does not tell that it exists somewhere private.
 */
export async function communityByIdForViewer(db: Db, id: number, caller: Caller | null, what = 'Community') {
  const [community] = await db.select().from(communities).where(eq(communities.id, id));
  return visibleTo(db, community, caller, what);
}

export function requireMember(role: ViewerRole) {
  if (role === 'visitor') throw new DomainError('forbidden', 'Join this community first');
}

export function requireFacilitator(role: ViewerRole) {
  if (!manages(role)) throw new DomainError('forbidden', "Only the community's facilitators can do this");
}
