/**
 * The live sessions mail announces (issue 15): the weekly digest those starting within the coming week, a
 * daily reminder those within the coming day; at most a few, their time on the community's wall clock. Read once per community and run, like the digest's prompts.
 */
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { liveSessions } from '../../../db/schema';
import { localDateTime } from './local-time';

export const DIGEST_SESSIONS = 3;
const WEEK_MS = 7 * 24 * 3_600_000;

export interface DigestSession {
  id: number;
  title: string;
  /** 'YYYY-MM-DD HH:MM (Zone/Name)': the community's wall clock, which every member of it shares. */
  when: string;
}

/** A daily reminder announces the sessions of the coming day. */
export const DAY_MS = 24 * 3_600_000;

/** Sessions of the community starting in [now, now + within) (default: 7 days), soonest first. */
export async function digestSessions(db: Db, community: { id: number; timeZone: string }, now: Date, within = WEEK_MS): Promise<DigestSession[]> {
  const t = now.getTime();
  const rows = await db
    .select({ id: liveSessions.id, title: liveSessions.title, startsAt: liveSessions.startsAt })
    .from(liveSessions)
    .where(and(eq(liveSessions.communityId, community.id), gte(liveSessions.startsAt, t), lt(liveSessions.startsAt, t + within)))
    .orderBy(asc(liveSessions.startsAt))
    .limit(DIGEST_SESSIONS);
  return rows.map((r) => {
    const local = localDateTime(new Date(r.startsAt), community.timeZone);
    return { id: r.id, title: r.title, when: `${local.day} ${local.time} (${community.timeZone})` };
  });
}
