/**
 * Leaderboards read the `scores` table, which triggers keep equal to the ledger; nothing is summed on
 * the request path. Only listed points (named answers) of members who did not opt out are shown.
 */
import { and, count, desc, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { memberships, scores, users } from '../../../db/schema';
import { communityForViewer } from '../communities/access';
import type { Caller } from '../identity/sessions';
import { addDays, dayStartsAt, localDay, weekOf } from '../time';
import { versionedCache } from '../versioned-cache';

type Entry = { rank: number; name: string; points: number };

/** Standard competition ranking (1, 2, 2, 4): equal points share a rank, so there is no race for first. */
function ranked(top: { name: string; points: number }[]): Entry[] {
  const entries: Entry[] = [];
  for (const [i, e] of top.entries()) {
    const prev = entries[i - 1];
    entries.push({ rank: prev && prev.points === e.points ? prev.rank : i + 1, ...e });
  }
  return entries;
}

/**
 * Boards read far more often than they change, so the top entries are kept per database and community,
 * valid while the community's board_version (bumped by triggers on every change a board shows) is the
 * one they were read at: a board is never stale, not even by one write.
 */
const boardCache = new WeakMap<Db, Map<string, { version: number; entries: Entry[] }>>();
const MAX_CACHED_BOARDS = 5000;

function cachedBoard(db: Db, key: string, version: number): Entry[] | undefined {
  const hit = boardCache.get(db)?.get(key);
  return hit && hit.version === version ? hit.entries : undefined;
}

function cacheBoard(db: Db, key: string, version: number, entries: Entry[]) {
  let boards = boardCache.get(db);
  if (!boards) boardCache.set(db, (boards = new Map()));
  // Past the cap, start over: boards are cheap to rebuild and the busy ones come straight back.
  if (boards.size >= MAX_CACHED_BOARDS) boards.clear();
  boards.set(key, { version, entries });
}

export interface LeaderboardInput {
  slug: string;
  caller: Caller | null;
  period: 'week' | 'all';
  limit: number;
}

/**
 * The top `limit` members by listed points for this week (community-local, Monday start) or all time,
 * and the caller's own total with the rank their listed points would have (null for visitors and
 * for members without points in the period). Entries carry names only, never user ids.
 */
export async function leaderboard(db: Db, input: LeaderboardInput, now: Date) {
  return (await boardWithCommunity(db, input, now)).board;
}

async function boardWithCommunity(db: Db, input: LeaderboardInput, now: Date) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  // Weeks start on Monday at the community's own day start, in its own time zone.
  const period =
    input.period === 'all' ? 'all' : weekOf(localDay(now, community.timeZone, community.dayStartHour));

  const board = and(
    eq(scores.communityId, community.id),
    eq(scores.period, period),
    gt(scores.listedPoints, 0),
    eq(users.showOnLeaderboards, true),
  );
  // Current members only: someone removed from the community leaves its board too.
  const member = and(eq(memberships.communityId, scores.communityId), eq(memberships.userId, scores.userId));

  const cacheKey = `${community.id}:${period}:${input.limit}`;
  let entries = cachedBoard(db, cacheKey, community.boardVersion);
  if (!entries) {
    const top = await db
      .select({ name: users.name, points: scores.listedPoints })
      .from(scores)
      .innerJoin(users, eq(users.id, scores.userId))
      .innerJoin(memberships, member)
      .where(board)
      .orderBy(desc(scores.listedPoints), asc(users.name), asc(users.id))
      .limit(input.limit);
    entries = ranked(top);
    cacheBoard(db, cacheKey, community.boardVersion, entries);
  }

  let me: { rank: number; points: number } | null = null;
  if (role !== 'visitor' && input.caller) {
    const [mine] = await db
      .select({ points: scores.points, listedPoints: scores.listedPoints })
      .from(scores)
      .where(and(eq(scores.communityId, community.id), eq(scores.period, period), eq(scores.userId, input.caller.id)));
    if (mine) {
      // The rank the caller's listed points would have, even when they opted out or answered anonymously.
      const [ahead] = await db
        .select({ n: count() })
        .from(scores)
        .innerJoin(users, eq(users.id, scores.userId))
        .innerJoin(memberships, member)
        .where(and(board, sql`${scores.listedPoints} > ${mine.listedPoints}`));
      me = { rank: (ahead?.n ?? 0) + 1, points: mine.points };
    }
  }
  return { board: { period: input.period, entries, me }, community };
}

/**
 * Visitors' boards (the same for every visitor) as response JSON, kept while the database's data version
 * (src/node/data-version.ts) stands still and the community's local day has not turned, so a repeated read asks
 * the database nothing at all. Without a data version (Workers), every read goes to the database.
 */
const visitorBoards = versionedCache<string>(MAX_CACHED_BOARDS);

export async function visitorLeaderboardJson(
  db: Db,
  input: Omit<LeaderboardInput, 'caller'>,
  now: Date,
  /** Read before anything else, so a write that lands while the board is read makes it miss next time. */
  dataVersion: string | undefined,
): Promise<string> {
  const key = `${input.slug}\n${input.period}\n${input.limit}`;
  const hit = visitorBoards.get(db, key, dataVersion, now);
  if (hit !== undefined) return hit;

  const { board, community } = await boardWithCommunity(db, { ...input, caller: null }, now);
  const body = JSON.stringify(board);
  // The week rolls over at a local day start; "all" does too, harmlessly.
  const today = localDay(now, community.timeZone, community.dayStartHour);
  visitorBoards.set(db, key, dataVersion, body, dayStartsAt(addDays(today, 1), community.timeZone, community.dayStartHour).getTime());
  return body;
}
