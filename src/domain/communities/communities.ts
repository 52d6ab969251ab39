/** Communities and who belongs to them. */
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, invites, memberships } from '../../../db/schema';
import { communityForViewer, requireFacilitator, type Community, type ViewerRole } from './access';
import { isUniqueViolation } from '../constraints';
import { randomToken } from '../crypto';
import { DomainError, notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { localDay } from '../time';
import { requireOpen } from '../archive';
import { joinCircle } from '../circle/ensure';

const INVITE_LIFETIME_MS = 14 * 24 * 3_600_000;

export interface NewCommunity {
  slug: string;
  name: string;
  /** Absent: none yet (the directory shows only the name). */
  description?: string;
  timeZone: string;
  dayStartHour: number;
  visibility: 'public' | 'private';
}

export function communityView(community: Community, role: ViewerRole, memberCount: number, now: Date) {
  const { id, slug, name, description, timeZone, dayStartHour, visibility } = community;
  return { id, slug, name, description, timeZone, dayStartHour, visibility, memberCount, role, today: localDay(now, timeZone, dayStartHour) };
}

/** Creates the community with its creator as first facilitator, in one transaction. */
export async function createCommunity(db: Db, caller: Caller, input: NewCommunity, now: Date) {
  const t = now.getTime();
  try {
    const [[community]] = await db.batch([
      db.insert(communities).values({ ...input, createdAt: t }).returning(),
      db.insert(memberships).select(
        db
          .select({
            communityId: communities.id,
            userId: sql<number>`${caller.id}`.as('user_id'),
            role: sql<'facilitator'>`'facilitator'`.as('role'),
            joinedAt: sql<number>`${t}`.as('joined_at'),
          })
          .from(communities)
          .where(eq(communities.slug, input.slug)),
      ),
      // Every facilitator is in the facilitators' circle (issue 14).
      joinCircle(db, caller.id, t),
    ]);
    return communityView(community!, 'facilitator', 1, now);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError('slug_taken', `The address "${input.slug}" is taken`, {
        issues: [{ path: 'slug', message: 'is already taken' }],
      });
    }
    throw err;
  }
}

export async function getCommunity(db: Db, slug: string, caller: Caller | null, now: Date) {
  const { community, role } = await communityForViewer(db, slug, caller);
  const [row] = await db.select({ n: count() }).from(memberships).where(eq(memberships.communityId, community.id));
  return communityView(community, role, row?.n ?? 0, now);
}

/**
 * Public communities are open to all; private ones need a live invite code. Joining again is harmless.
 * Without a code a private community stays invisible (404), as everywhere else.
 */
export async function joinCommunity(db: Db, caller: Caller, slug: string, inviteCode: string | undefined, now: Date) {
  const [community] = await db.select().from(communities).where(eq(communities.slug, slug));
  if (!community || (community.visibility === 'private' && inviteCode === undefined)) throw notFound('Community');
  if (community.visibility === 'private') {
    const [invite] = await db
      .select()
      .from(invites)
      .where(and(eq(invites.code, inviteCode!), eq(invites.communityId, community.id), gt(invites.expiresAt, now.getTime())));
    // The same 404 as an unknown slug: a different answer would confirm that a private community exists.
    if (!invite) throw notFound('Community');
  }
  requireOpen(community);
  await db
    .insert(memberships)
    .values({ communityId: community.id, userId: caller.id, role: 'member', joinedAt: now.getTime() })
    .onConflictDoNothing();
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.communityId, community.id), eq(memberships.userId, caller.id)));
  return { slug: community.slug, role: m!.role };
}

export async function createInvite(db: Db, caller: Caller, slug: string, now: Date) {
  const { community, role } = await communityForViewer(db, slug, caller);
  requireFacilitator(role);
  const code = randomToken(12);
  const expiresAt = now.getTime() + INVITE_LIFETIME_MS;
  await db.insert(invites).values({ code, communityId: community.id, createdBy: caller.id, createdAt: now.getTime(), expiresAt });
  return { code, expiresAt: new Date(expiresAt).toISOString() };
}

/** A community always keeps at least one facilitator. */
export async function setMemberRole(
  db: Db,
  caller: Caller,
  slug: string,
  userId: number,
  newRole: 'member' | 'facilitator',
  now: Date,
) {
  const { community, role } = await communityForViewer(db, slug, caller);
  requireFacilitator(role);
  const where = and(eq(memberships.communityId, community.id), eq(memberships.userId, userId));
  const [target] = await db.select().from(memberships).where(where);
  if (!target) throw notFound('Member');
  if (target.role === 'facilitator' && newRole === 'member') {
    const [row] = await db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.communityId, community.id), eq(memberships.role, 'facilitator')));
    if ((row?.n ?? 0) <= 1) throw new DomainError('last_facilitator', 'A community needs at least one facilitator');
  }
  await db.batch([
    db.update(memberships).set({ role: newRole }).where(where),
    // Becoming a facilitator is joining the facilitators' circle too (issue 14); stepping down keeps it.
    ...(newRole === 'facilitator' ? [joinCircle(db, userId, now.getTime())] : []),
  ]);
  return { userId, role: newRole };
}
