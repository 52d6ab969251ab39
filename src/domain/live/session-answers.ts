/**
 * The answers to a live session's own prompt (./session-prompt.ts), or for a session without one the answers
 * its community posted during it, grouped on the session's page afterwards: whatever
 * the viewer may read by THE rule (../answers/visibility.ts), the host's named answers marked. An anonymous
 * answer carries no author, no host mark and only its hour, and is placed by that hour as in the gallery, so
 * neither its position nor a mark says who wrote it.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { GALLERY_KEY_SQL } from '../../../db/schema';
import { aliasColumns, answerVisibleSql, type Viewer } from '../answers/visibility';
import type { LiveSessionRow } from './view';

/** Where an answer is placed (db/schema/answers.ts GALLERY_KEY_SQL) for the row `s`: an anonymous one by its hour only. */
const placed = `(${GALLERY_KEY_SQL.replace(/anonymous/g, 's.anonymous').replace(/created_at/g, 's.created_at')})`;

/** An epoch-milliseconds SQL expression as an ISO-8601 instant, as toISOString writes it. */
const isoInstant = (ms: string) =>
  `strftime('%Y-%m-%dT%H:%M:%S', (${ms}) / 1000, 'unixepoch') || '.' || substr('00' || ((${ms}) % 1000), -3) || 'Z'`;

/** One answer as the page shows it, built in SQL: the name of an anonymous author never leaves SQLite. */
const itemJson = `json_object(
  'id', CASE WHEN s.anonymous THEN s.public_id ELSE CAST(s.id AS TEXT) END, 'level', s.level, 'body', s.body, 'link', s.link,
  'author', CASE WHEN s.anonymous THEN NULL ELSE u.name END,
  'byHost', json(CASE WHEN NOT s.anonymous AND s.user_id = ?host THEN 'true' ELSE 'false' END),
  'createdAt', ${isoInstant(placed)})`;

/** Enough for the busiest office hour; the page stays bounded whatever happens. */
export const SESSION_ANSWERS_SHOWN = 500;

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

/**
 * The answers to the session's prompt, or without one those posted in its community during [startsAt, endsAt), that `viewer` may read, in gallery
 * order reversed (oldest first), as one JSON array built by SQLite: a busy session has hundreds, and rows
 * turned into objects one by one cost more than the query (tests/bench/live-session.ts).
 */
export async function sessionAnswers(db: Db, session: LiveSessionRow & { promptId?: number | null }, viewer: Viewer): Promise<SessionAnswer[]> {
  // A session with its own prompt groups the answers to it (taken only during the session); one without, like
  // an office hour of questions, the community's answers posted during it.
  const which =
    session.promptId != null
      ? sql`s.prompt_id = ${session.promptId}`
      : sql`s.community_id = ${session.communityId} AND s.created_at >= ${session.startsAt} AND s.created_at < ${session.endsAt}`;
  // The aggregate takes the rows in the ordered subquery's order (ORDER BY with LIMIT keeps SQLite from
  // flattening it). No ORDER BY inside json_group_array: embedded replicas parse every statement with libsql's
  // parser, which predates that syntax (SQLite 3.44) and rejects it (tests/node/embedded-replica.test.ts).
  const [row] = await db.all<{ items: string | null }>(sql`
    SELECT json_group_array(json(item)) AS items FROM (
      SELECT ${sql.raw(itemJson.replace('?host', String(Number(session.hostId))))} AS item
      FROM submissions s JOIN users u ON u.id = s.user_id
      WHERE ${which}
        AND ${answerVisibleSql(viewer, aliasColumns('s'))}
      ORDER BY ${sql.raw(placed)}, s.public_id
      LIMIT ${SESSION_ANSWERS_SHOWN})`);
  return JSON.parse(row?.items ?? '[]') as SessionAnswer[];
}
