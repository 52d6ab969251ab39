/**
 * The community directory: each community the viewer may see, with what helps choose one — its description,
 * how many belong to it, and how lively it was over the last seven days.
 */
import { eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities } from '../../../db/schema';
import type { Caller } from '../sessions';

/** "Lately" on the directory: a rolling week, so a quiet weekend does not empty every community. */
export const ACTIVITY_WINDOW_MS = 7 * 24 * 3_600_000;

export interface DirectoryEntry {
  slug: string;
  name: string;
  description: string;
  visibility: 'public' | 'private';
  timeZone: string;
  memberCount: number;
  /** Answers posted in the last seven days (every level, visibility and anonymity: a count names no one). */
  answersLast7Days: number;
  /** Distinct members who answered in the last seven days. */
  activeMembersLast7Days: number;
}

/**
 * Public communities, plus the private ones the caller belongs to, by name, with their counts.
 * One query: the counts are scalar subqueries over indexed ranges (memberships' primary key starts with
 * community_id; submissions_community_time is (community_id, created_at)), so the cost grows with the
 * communities listed and their recent answers, never with a community's whole history, and there is no
 * query per community.
 */
export async function listDirectory(db: Db, caller: Caller | null, now: Date, limit?: number): Promise<DirectoryEntry[]> {
  const since = now.getTime() - ACTIVITY_WINDOW_MS;
  // Written out qualified: drizzle renders a column of the single selected table unqualified, and a bare
  // "id" inside the subquery would mean submissions.id.
  const id = sql.raw('"communities"."id"');
  const mine = caller
    ? sql`${communities.id} in (select community_id from memberships where user_id = ${caller.id})`
    : sql`0`;
  const query = db
    .select({
      slug: communities.slug,
      name: communities.name,
      description: communities.description,
      visibility: communities.visibility,
      timeZone: communities.timeZone,
      memberCount: sql<number>`(select count(*) from memberships m where m.community_id = ${id})`.mapWith(Number),
      answersLast7Days: sql<number>`(select count(*) from submissions s where s.community_id = ${id} and s.created_at >= ${since})`.mapWith(Number),
      activeMembersLast7Days: sql<number>`(select count(distinct s.user_id) from submissions s where s.community_id = ${id} and s.created_at >= ${since})`.mapWith(Number),
    })
    .from(communities)
    .where(or(eq(communities.visibility, 'public'), mine))
    .orderBy(communities.name, communities.slug);
  return limit === undefined ? query : query.limit(limit);
}
