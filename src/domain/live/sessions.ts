/**
 * Scheduling, reading and cancelling live sessions. Facilitators schedule and cancel; everyone who may read
 * the community reads its sessions (private communities: members only, 404 for everyone else).
 */
import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { liveSessions, memberships, users } from '../../../db/schema';
import type { LiveSessionBody } from '../../schemas/live';
import { communityByIdForViewer, communityForViewer, requireFacilitator, type Community, type ViewerRole } from '../communities/access';
import { DomainError, invalidField, notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { instantOfLocalTime } from './local-time';
import { sessionView, stateAt, type LiveSessionView } from './view';

const MINUTE = 60_000;
export const DEFAULT_MINUTES = { sprint: 10, office_hour: 60 } as const;
/** Upcoming sessions shown at once: a community runs a few a week at most. */
export const UPCOMING_SHOWN = 20;
export const PAST_SHOWN = 10;

const withHost = { session: liveSessions, hostName: users.name };

/**
 * Schedules a session at a local date and time of the community (facilitators). The time must be in the
 * future and exist on the community's wall clock; the host must belong to the community.
 */
export async function scheduleSession(db: Db, input: LiveSessionBody & { caller: Caller; slug: string }, now: Date): Promise<LiveSessionView> {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireFacilitator(role);
  const startsAt = instantOfLocalTime(input.date, input.time, community.timeZone).getTime();
  if (startsAt <= now.getTime()) throw invalidField('time', 'must be later than now');
  const hostId = input.hostId ?? input.caller.id;
  const [host] = await db
    .select({ name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, community.id), eq(memberships.userId, hostId), eq(users.erased, false)));
  if (!host) throw invalidField('hostId', 'must be a member of this community');
  const minutes = input.durationMinutes ?? DEFAULT_MINUTES[input.kind];
  const [row] = await db
    .insert(liveSessions)
    .values({
      communityId: community.id,
      kind: input.kind,
      title: input.title,
      prompt: input.prompt ?? null,
      hostId,
      callUrl: input.callUrl ?? null,
      startsAt,
      endsAt: startsAt + minutes * MINUTE,
      createdBy: input.caller.id,
      createdAt: now.getTime(),
    })
    .returning();
  return sessionView(row!, { slug: community.slug, timeZone: community.timeZone, hostName: host.name, role }, now);
}

/** A session with its community and the caller's role; 404 when unknown or in a community hidden from the caller. */
export async function sessionForViewer(db: Db, id: number, caller: Caller | null, now: Date) {
  const [row] = await db.select(withHost).from(liveSessions).innerJoin(users, eq(users.id, liveSessions.hostId)).where(eq(liveSessions.id, id));
  if (!row) throw notFound('Live session');
  const { community, role } = await communityByIdForViewer(db, row.session.communityId, caller, 'Live session');
  const view = sessionView(row.session, { slug: community.slug, timeZone: community.timeZone, hostName: row.hostName, role }, now);
  return { session: row.session, view, community, role };
}

/** The community's sessions not yet over (soonest first) and the latest ended ones, for `role`. */
export async function communitySessions(db: Db, community: Community, role: ViewerRole, now: Date) {
  const t = now.getTime();
  const ctx = (hostName: string) => ({ slug: community.slug, timeZone: community.timeZone, hostName, role });
  const base = () => db.select(withHost).from(liveSessions).innerJoin(users, eq(users.id, liveSessions.hostId));
  const [upcoming, past] = await Promise.all([
    base().where(and(eq(liveSessions.communityId, community.id), gt(liveSessions.endsAt, t))).orderBy(asc(liveSessions.startsAt)).limit(UPCOMING_SHOWN),
    base().where(and(eq(liveSessions.communityId, community.id), lte(liveSessions.endsAt, t))).orderBy(desc(liveSessions.startsAt)).limit(PAST_SHOWN),
  ]);
  return {
    upcoming: upcoming.map((r) => sessionView(r.session, ctx(r.hostName), now)),
    past: past.map((r) => sessionView(r.session, ctx(r.hostName), now)),
  };
}

/** The same by slug, checking the caller may read the community. */
export async function listSessions(db: Db, caller: Caller | null, slug: string, now: Date) {
  const { community, role } = await communityForViewer(db, slug, caller);
  return communitySessions(db, community, role, now);
}

/** Cancels a session that has not started (facilitators); one that started or ended is the community's history. */
export async function cancelSession(db: Db, input: { caller: Caller; id: number }, now: Date): Promise<{ id: number }> {
  const { session, role } = await sessionForViewer(db, input.id, input.caller, now);
  requireFacilitator(role);
  if (stateAt(session, now) !== 'upcoming') throw new DomainError('session_started', 'A session that has started stays in the community’s history');
  await db.delete(liveSessions).where(eq(liveSessions.id, session.id));
  return { id: session.id };
}


/** How far ahead the today page announces sessions, and how many. */
export const SOON_DAYS = 7;
export const SOON_SHOWN = 3;

/** Sessions on now or starting within SOON_DAYS, soonest first: the today page's announcement. */
export async function soonSessions(db: Db, community: Community, role: ViewerRole, now: Date): Promise<LiveSessionView[]> {
  const t = now.getTime();
  const rows = await db
    .select(withHost)
    .from(liveSessions)
    .innerJoin(users, eq(users.id, liveSessions.hostId))
    .where(and(eq(liveSessions.communityId, community.id), gt(liveSessions.endsAt, t), lte(liveSessions.startsAt, t + SOON_DAYS * 24 * 60 * MINUTE)))
    .orderBy(asc(liveSessions.startsAt))
    .limit(SOON_SHOWN);
  return rows.map((r) => sessionView(r.session, { slug: community.slug, timeZone: community.timeZone, hostName: r.hostName, role }, now));
}
