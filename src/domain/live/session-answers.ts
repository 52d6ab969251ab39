/**
 * The answers a community posted during a live session, grouped on the session's page afterwards: whatever
 * the viewer may read by THE rule (../answers/visibility.ts), the host's named answers marked. An anonymous
 * answer carries no author, no host mark and only its hour, and is placed by that hour as in the gallery, so
 * neither its position nor a mark says who wrote it.
 */
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { submissions, users } from '../../../db/schema';
import { answerVisibleSql, type Viewer } from '../answers/visibility';
import type { LiveSessionRow } from './view';

/** GALLERY_KEY_SQL (db/schema.ts) with its columns named, since this query joins users, which has created_at too. */
const galleryKey = sql`CASE WHEN ${submissions.anonymous} THEN ${submissions.createdAt} - ${submissions.createdAt} % 3600000 ELSE ${submissions.createdAt} END`;

/** Enough for the busiest office hour; the page stays bounded whatever happens. */
export const SESSION_ANSWERS_SHOWN = 500;
const HOUR = 3_600_000;

export interface SessionAnswer {
  /** The answer's id, or for an anonymous one its random public id (its page: /a/:id). */
  id: string;
  level: 'easy' | 'hard';
  body: string;
  link: string | null;
  author: string | null;
  byHost: boolean;
  createdAt: string;
}

/** The answers posted in the session's community during [startsAt, endsAt) that `viewer` may read, oldest first. */
export async function sessionAnswers(db: Db, session: LiveSessionRow, viewer: Viewer): Promise<SessionAnswer[]> {
  const rows = await db
    .select({
      id: submissions.id,
      publicId: submissions.publicId,
      level: submissions.level,
      body: submissions.body,
      link: submissions.link,
      anonymous: submissions.anonymous,
      userId: submissions.userId,
      name: users.name,
      createdAt: submissions.createdAt,
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .where(
      and(
        eq(submissions.communityId, session.communityId),
        gte(submissions.createdAt, session.startsAt),
        lt(submissions.createdAt, session.endsAt),
        answerVisibleSql(viewer),
      ),
    )
    .orderBy(galleryKey, asc(submissions.publicId))
    .limit(SESSION_ANSWERS_SHOWN);
  return rows.map((r) => ({
    id: r.anonymous ? r.publicId! : String(r.id),
    level: r.level,
    body: r.body,
    link: r.link,
    author: r.anonymous ? null : r.name,
    byHost: !r.anonymous && r.userId === session.hostId,
    createdAt: new Date(r.anonymous ? r.createdAt - (r.createdAt % HOUR) : r.createdAt).toISOString(),
  }));
}
