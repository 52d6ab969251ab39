/**
 * THE rule for who may read an answer (issue 20), in the two forms Kindling needs: `canSee` for an answer
 * already loaded, and `answerVisibleSql` for a query that must filter rows itself (the gallery, feeds, rolls,
 * profiles). Both read the same table below, so they cannot disagree; tests/domain/visibility.test.ts holds
 * them to each other on every combination.
 *
 * - Removed answers (moderation) are read by no one; their points are reversed.
 * - Hidden answers (moderation) are read by the community's facilitators and their author only.
 * - Otherwise facilitators read every answer, authors their own, members 'community' and 'public' answers,
 *   and visitors 'public' ones.
 * - A steward who is not a member (role 'steward') reads answers as a visitor does: the numbers of a private
 *   community (analytics, the network dashboard) but never its answers' text, their own aside. The SQL form
 *   cannot see the community, so for it 'steward' reads only their own answers; a query over a public
 *   community passes 'visitor' for them instead (the gallery's viewer row does).
 * - A private community is read by no visitor at all: `canSee` checks that; SQL callers decide the viewer's
 *   role with the community (roleIn + communityForViewer, or the gallery's own viewer row) before filtering.
 * Who wrote an anonymous answer is a separate rule (authors revealed to the community's own facilitators).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { submissions } from '../../../db/schema';
import type { ViewerRole } from '../communities/access';

export type AnswerVisibility = (typeof submissions.$inferSelect)['visibility'];
export type Moderation = (typeof submissions.$inferSelect)['moderation'];

/** Who is reading: a role in the answer's community and the caller's user id (null when signed out). */
export interface Viewer {
  role: ViewerRole;
  callerId: number | null;
}

/** What the rule reads of an answer. `moderation` may be left out by rows that predate it: 'visible'. */
export interface AnswerFacts {
  visibility: AnswerVisibility;
  userId: number;
  moderation?: Moderation | undefined;
}

/** The answer visibilities each role reads in the ordinary case (not moderated, not their own). */
const WIDTH: Record<ViewerRole, readonly AnswerVisibility[]> = {
  visitor: ['public'],
  member: ['community', 'public'],
  facilitator: ['facilitators', 'community', 'public'],
  // A steward outside the community: what a visitor reads, and only in a public community (canSee).
  steward: ['public'],
};

/** True when `viewer` may read `answer` in a community of `communityVisibility`. */
export function canSee(viewer: Viewer, answer: AnswerFacts, communityVisibility: 'public' | 'private'): boolean {
  if (viewer.role === 'visitor' && communityVisibility === 'private') return false;
  const moderation = answer.moderation ?? 'visible';
  if (moderation === 'removed') return false;
  const own = viewer.callerId !== null && answer.userId === viewer.callerId;
  if (viewer.role === 'facilitator' || own) return true;
  if (viewer.role === 'steward' && communityVisibility === 'private') return false;
  return moderation === 'visible' && WIDTH[viewer.role].includes(answer.visibility);
}

/**
 * The viewer to give `answerVisibleSql` for a query over one community of `communityVisibility`: a steward
 * outside a public community reads it as a visitor does (the SQL form cannot see the community itself).
 */
export function sqlViewerIn(viewer: Viewer, communityVisibility: 'public' | 'private'): Viewer {
  return viewer.role === 'steward' && communityVisibility === 'public' ? { ...viewer, role: 'visitor' } : viewer;
}

/** SQL expressions for an answer's columns: drizzle's `submissions` columns, or an alias in raw SQL. */
export interface AnswerColumns {
  visibility: SQLiteColumn | SQL;
  userId: SQLiteColumn | SQL;
  moderation: SQLiteColumn | SQL;
}

export const submissionColumns: AnswerColumns = {
  visibility: submissions.visibility,
  userId: submissions.userId,
  moderation: submissions.moderation,
};

/** The columns of `submissions` under an alias (`s` in `FROM submissions s`), for hand-written queries. */
export const aliasColumns = (alias: string): AnswerColumns => ({
  visibility: sql.raw(`${alias}.visibility`),
  userId: sql.raw(`${alias}.user_id`),
  moderation: sql.raw(`${alias}.moderation`),
});

/**
 * A viewer known only inside the query (the gallery reads the role from its viewer row `v`): SQL
 * expressions for the role ('visitor' | 'member' | 'facilitator') and the caller's id (NULL: signed out).
 */
export interface SqlViewer {
  role: SQL;
  callerId: SQL;
}

const isSqlViewer = (v: Viewer | SqlViewer): v is SqlViewer => typeof v.role !== 'string';

/**
 * `canSee` as a condition over an answer's columns (the community gate aside, see the file comment).
 * With a known viewer the condition is specialised (no role test left for SQLite to evaluate per row).
 */
export function answerVisibleSql(viewer: Viewer | SqlViewer, cols: AnswerColumns = submissionColumns): SQL {
  const { visibility, userId, moderation } = cols;
  if (isSqlViewer(viewer)) {
    return sql`(${moderation} <> 'removed' AND (${viewer.role} = 'facilitator' OR ${userId} = ${viewer.callerId}
      OR (${moderation} = 'visible' AND ${viewer.role} <> 'steward' AND (${visibility} = 'public' OR (${viewer.role} = 'member' AND ${visibility} = 'community')))))`;
  }
  if (viewer.role === 'facilitator') return sql`(${moderation} <> 'removed')`;
  if (viewer.role === 'steward') return viewer.callerId === null ? sql`0` : sql`(${moderation} <> 'removed' AND ${userId} = ${viewer.callerId})`;
  const widths = sql.join(WIDTH[viewer.role].map((w) => sql`${w}`), sql`, `);
  const shown = sql`(${moderation} = 'visible' AND ${visibility} IN (${widths}))`;
  return viewer.callerId === null ? shown : sql`(${moderation} <> 'removed' AND (${shown} OR ${userId} = ${viewer.callerId}))`;
}

/**
 * What "the community can see" means for rolls and feeds, which speak for no one in particular: an answer
 * any member may read (not for facilitators only, not hidden, not removed).
 */
export const seenByCommunity = (cols: AnswerColumns = submissionColumns) => answerVisibleSql({ role: 'member', callerId: null }, cols);

/** What anyone at all may read (a public community's visitor): public and not moderated away. */
export const seenByAnyone = (cols: AnswerColumns = submissionColumns) => answerVisibleSql({ role: 'visitor', callerId: null }, cols);
