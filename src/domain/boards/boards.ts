/**
 * The series and rhythm views of a community's leaderboard, beside week and all time (./leaderboard.ts).
 * Same privacy: names only, current members who did not opt out, and nothing from anonymous answers.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { memberships, pointsLedger, prompts, series, submissions, users } from '../../../db/schema';
import { communityForViewer, type Community } from '../communities/access';
import { notFound } from '../errors';
import { memberRhythm, namedRhythms } from '../recognition/rhythm-member';
import { addDays, dayStartsAt, localDay } from '../time';
import type { Pacing } from '../pacing';
import { versionedCache } from '../versioned-cache';
import type { Caller } from '../identity/sessions';

interface Scored {
  userId: number;
  name: string;
  listed: boolean;
  /** What the board ranks by: only what others may see. */
  shown: number;
}

/**
 * Standard competition ranking (1, 2, 2, 4) over the members who may be listed, best first, ties by name;
 * and the rank a given score would have among them.
 */
function rankBoard(rows: Scored[], limit: number) {
  // Names compare by code unit, as SQL orders them on the other views.
  const byName = (a: Scored, b: Scored) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.userId - b.userId);
  const board = rows.filter((r) => r.listed && r.shown > 0).sort((a, b) => b.shown - a.shown || byName(a, b));
  const entries: { rank: number; name: string; score: number }[] = [];
  for (const [i, r] of board.slice(0, limit).entries()) {
    const prev = entries[i - 1];
    entries.push({ rank: prev && prev.score === r.shown ? prev.rank : i + 1, name: r.name, score: r.shown });
  }
  const rankOf = (score: number) => board.filter((r) => r.shown > score).length + 1;
  return { entries, rankOf };
}

/**
 * Points from answers to one series' prompts: ledger sums joined through the answers. A deleted answer's
 * entries (its points and their reversal, which sum to zero) leave with it, so the view equals the ledger.
 */
export async function seriesLeaderboard(db: Db, input: { slug: string; caller: Caller | null; seriesId: number; limit: number }) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  const [found] = await db
    .select({ id: series.id, title: series.title })
    .from(series)
    .where(and(eq(series.id, input.seriesId), eq(series.communityId, community.id)));
  if (!found) throw notFound('Series');
  const rows = await db
    .select({
      userId: pointsLedger.userId,
      name: users.name,
      optIn: users.showOnLeaderboards,
      member: sql<number | null>`${memberships.userId}`,
      points: sql<number>`sum(${pointsLedger.delta})`,
      listed: sql<number>`sum(case when ${pointsLedger.listed} then ${pointsLedger.delta} else 0 end)`,
    })
    .from(pointsLedger)
    .innerJoin(submissions, eq(submissions.id, pointsLedger.submissionId))
    .innerJoin(prompts, eq(prompts.id, submissions.promptId))
    .innerJoin(users, eq(users.id, pointsLedger.userId))
    .leftJoin(memberships, and(eq(memberships.communityId, community.id), eq(memberships.userId, pointsLedger.userId)))
    .where(and(eq(prompts.seriesId, found.id), eq(pointsLedger.communityId, community.id)))
    .groupBy(pointsLedger.userId);
  const { entries, rankOf } = rankBoard(
    rows.map((r) => ({ userId: r.userId, name: r.name, listed: r.optIn && r.member !== null, shown: r.listed })),
    input.limit,
  );
  const mine = role !== 'visitor' && input.caller ? rows.find((r) => r.userId === input.caller!.id) : undefined;
  return {
    period: 'series' as const,
    series: found,
    entries: entries.map(({ rank, name, score }) => ({ rank, name, points: score })),
    // As on the other views: the caller's whole total, and the rank their listed points would have.
    me: mine ? { rank: rankOf(mine.listed), points: mine.points } : null,
  };
}

/**
 * Every member's shown run, per community, kept while the database's data version (src/node/data-version.ts) stands
 * still and the community's local day has not turned: a run changes with an answer, a goal, a rest week or the
 * day, and computing them reads the whole community's recent history (1.3 s for 10,000 members and 300,000
 * answers in the full bench). Without a data version (Workers), every read computes them.
 */
const rhythmBoards = versionedCache<Scored[]>(100);

async function scoredRhythms(db: Db, community: Community, now: Date, opts: Pacing & { dataVersion?: string }) {
  const { dataVersion, pause } = opts;
  const hit = rhythmBoards.get(db, String(community.id), dataVersion, now);
  if (hit) return hit;
  const people = await db
    .select({ userId: users.id, name: users.name, optIn: users.showOnLeaderboards })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.communityId, community.id));
  const today = localDay(now, community.timeZone, community.dayStartHour);
  const runs = await namedRhythms(db, community, people.map((p) => p.userId), { today, pause });
  const scored = people.map((p) => ({ userId: p.userId, name: p.name, listed: p.optIn, shown: runs.get(p.userId)!.currentRun }));
  rhythmBoards.set(db, String(community.id), dataVersion, scored, dayStartsAt(addDays(today, 1), community.timeZone, community.dayStartHour).getTime());
  return scored;
}

/**
 * Members by weeks met in their current rhythm run, counting named answers only, so an anonymous answer
 * never moves this board. `points` repeats `weeks`: every view's entries carry the score they are ranked by
 * under that name, so one table renders them all. The caller's own line counts all their answers.
 * `dataVersion` (read before anything else) lets the members' runs be reused, `pause` lets requests go first
 * while they are computed: see scoredRhythms.
 */
export async function rhythmLeaderboard(
  db: Db,
  input: { slug: string; caller: Caller | null; limit: number },
  now: Date,
  opts: Pacing & { dataVersion?: string } = {},
) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  const scored = await scoredRhythms(db, community, now, opts);
  const { entries, rankOf } = rankBoard(scored, input.limit);
  let me: { rank: number; points: number; weeks: number } | null = null;
  const caller = input.caller;
  const member = caller ? scored.find((s) => s.userId === caller.id) : undefined;
  if (role !== 'visitor' && caller && member) {
    const own = (await memberRhythm(db, community, caller.id, now)).currentRun;
    if (own > 0) me = { rank: rankOf(member.shown), points: own, weeks: own };
  }
  return {
    period: 'rhythm' as const,
    entries: entries.map(({ rank, name, score }) => ({ rank, name, points: score, weeks: score })),
    me,
  };
}
