/**
 * Scheduling, reading and cancelling live sessions. Facilitators schedule and cancel; everyone who may read
 * the community reads its sessions (private communities: members only, 404 for everyone else).
 */
import { and, asc, desc, eq, gt, lte, max } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { liveSessions, memberships, prompts, series, users } from '../../../db/schema';
import { isUniqueViolation } from '../constraints';
import type { LiveSessionBody } from '../../schemas/live';
import { communityByIdForViewer, communityForViewer, requireFacilitator, type Community, type ViewerRole } from '../communities/access';
import { DomainError, invalidField, notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { instantOfLocalTime } from './local-time';
import { cancelWrites, sessionWrites } from './session-prompt';
import { sessionView, stateAt, type LiveSessionView } from './view';

const MINUTE = 60_000;
export const DEFAULT_MINUTES = { sprint: 10, office_hour: 60 } as const;
/** Upcoming sessions shown at once: a community runs a few a week at most. */
export const UPCOMING_SHOWN = 20;
export const PAST_SHOWN = 10;

const withHost = { session: liveSessions, hostName: users.name, promptId: prompts.id };
/** Sessions with their host's name and their own prompt's id (null: scheduled without one). */
const sessionsWithHost = (db: Db) =>
  db.select(withHost).from(liveSessions).innerJoin(users, eq(users.id, liveSessions.hostId)).leftJoin(prompts, eq(prompts.liveSessionId, liveSessions.id));

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
  const text = input.prompt ? { easy: input.prompt, hard: input.hardPrompt ?? input.prompt } : null;
  const row = {
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
    creditedAt: null,
  };
  // The session, its series and prompt in one batch: their ids are chosen first (a concurrent scheduler taking
  // the same ones fails the batch, and we take the next), so the series and prompt can name the session.
  for (let attempt = 0; ; attempt++) {
    const [[lastSession], [lastSeries]] = await Promise.all([
      db.select({ id: max(liveSessions.id) }).from(liveSessions),
      db.select({ id: max(series.id) }).from(series),
    ]);
    const id = (lastSession?.id ?? 0) + 1;
    try {
      await db.batch(sessionWrites(db, community, { ...row, id }, text, (lastSeries?.id ?? 0) + 1));
      return (await sessionForViewer(db, id, input.caller, now)).view;
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 4) throw err;
    }
  }
}

/** A session with its community and the caller's role; 404 when unknown or in a community hidden from the caller. */
export async function sessionForViewer(db: Db, id: number, caller: Caller | null, now: Date) {
  const [row] = await sessionsWithHost(db).where(eq(liveSessions.id, id));
  if (!row) throw notFound('Live session');
  const { community, role } = await communityByIdForViewer(db, row.session.communityId, caller, 'Live session');
  const view = sessionView(row.session, { slug: community.slug, timeZone: community.timeZone, hostName: row.hostName, role, promptId: row.promptId }, now);
  return { session: { ...row.session, promptId: row.promptId }, view, community, role };
}

/** The community's sessions not yet over (soonest first) and the latest ended ones, for `role`. */
export async function communitySessions(db: Db, community: Community, role: ViewerRole, now: Date) {
  const t = now.getTime();
  const ctx = (r: { hostName: string; promptId: number | null }) => ({ slug: community.slug, timeZone: community.timeZone, hostName: r.hostName, promptId: r.promptId, role });
  const base = () => sessionsWithHost(db);
  const [upcoming, past] = await Promise.all([
    base().where(and(eq(liveSessions.communityId, community.id), gt(liveSessions.endsAt, t))).orderBy(asc(liveSessions.startsAt)).limit(UPCOMING_SHOWN),
    base().where(and(eq(liveSessions.communityId, community.id), lte(liveSessions.endsAt, t))).orderBy(desc(liveSessions.startsAt)).limit(PAST_SHOWN),
  ]);
  return {
    upcoming: upcoming.map((r) => sessionView(r.session, ctx(r), now)),
    past: past.map((r) => sessionView(r.session, ctx(r), now)),
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
  await db.batch(cancelWrites(db, session.id));
  return { id: session.id };
}


/** How far ahead the today page announces sessions, and how many. */
export const SOON_DAYS = 7;
export const SOON_SHOWN = 3;

/** Sessions on now or starting within SOON_DAYS, soonest first: the today page's announcement. */
export async function soonSessions(db: Db, community: Community, role: ViewerRole, now: Date): Promise<LiveSessionView[]> {
  const t = now.getTime();
  const rows = await sessionsWithHost(db)
    .where(and(eq(liveSessions.communityId, community.id), gt(liveSessions.endsAt, t), lte(liveSessions.startsAt, t + SOON_DAYS * 24 * 60 * MINUTE)))
    .orderBy(asc(liveSessions.startsAt))
    .limit(SOON_SHOWN);
  return rows.map((r) => sessionView(r.session, { slug: community.slug, timeZone: community.timeZone, hostName: r.hostName, promptId: r.promptId, role }, now));
}
