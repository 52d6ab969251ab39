/**
 * The activity figures as SQL aggregates over the window (./window.ts): members, active and contributing
 * members in the last 7 and 30 days and per trend week, and the easy/hard mix. One statement per range of
 * members (their answers and kudos in the window, in one pass), whose counts add up, and two more; no
 * per-member work in JavaScript.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { idRanges } from '../group-by';
import type { RangePacing } from '../pacing';
import type { RawAnalytics } from './figures';
import type { AnalyticsWindow } from './window';

/** A removed answer (moderation) is read by no one and counts for nothing; kudos given to it still do. */
export const kept = sql`moderation != 'removed'`;

type Activity = Pick<RawAnalytics, 'members' | 'active7' | 'active30' | 'contributors30' | 'mix' | 'trend'>;

/**
 * One row per answer ('a') or kudos given ('k') in this community within [from, end), by a member who had
 * joined before `end` and whose user id is in `who` (a range of members), with the index of its trend week
 * (0 … 11) computed by comparing with week starts.
 */
function activityRows(communityId: number, w: AnalyticsWindow, from: number, who: { from: number; to: number }): SQL {
  const weekIndex = (col: SQL) => sql.join(w.weeks.slice(1).map((wk) => sql`(${col} >= ${wk.start})`), sql` + `);
  return sql`
    select x.user_id, x.kind, x.created_at, m.joined_at, ${weekIndex(sql`x.created_at`)} as week from (
      select s.user_id, 'a' as kind, s.created_at from submissions s
        where s.community_id = ${communityId} and s.user_id between ${who.from} and ${who.to}
          and s.created_at >= ${from} and s.created_at < ${w.end} and ${kept}
      union all
      select k.user_id, 'k' as kind, k.created_at from kudos k join submissions s on s.id = k.submission_id
        where k.user_id between ${who.from} and ${who.to} and s.community_id = ${communityId}
          and k.created_at >= ${from} and k.created_at < ${w.end}
    ) x
    join memberships m on m.community_id = ${communityId} and m.user_id = x.user_id and m.joined_at < ${w.end}`;
}

/**
 * Members whose activity one statement counts: in one statement, the 10,000 members of the full bench's big
 * community held the server's thread 1.8 s; by 1,000, each statement holds it ~0.23 s (2.2 s in all; by 500,
 * 2.8 s). Members are disjoint between statements, so each distinct count is the sum of the statements' counts.
 */
const MEMBERS_PER_READ = 1000;

/**
 * Members, active, contributors, the mix and the 12-week trend of one community. `pause` is awaited between
 * statements; `membersPerRead` is MEMBERS_PER_READ unless a test says otherwise.
 */
export async function activityFigures(
  db: Db,
  communityId: number,
  w: AnalyticsWindow,
  { pause, membersPerRead = MEMBERS_PER_READ }: RangePacing = {},
): Promise<Activity> {
  const trendStart = w.weeks[0]!.start;
  const from = Math.min(trendStart, w.start30);
  // A week counts the members who had joined by its end, as its member count does.
  const weekEnd = sql`case week ${sql.join(w.weeks.map((wk, i) => sql`when ${i} then ${wk.end}`), sql` `)} end`;
  const joinedBy = sql.join(
    w.weeks.map((wk, i) => sql`sum(joined_at < ${wk.end}) as ${sql.raw(`w${i}`)}`),
    sql`, `,
  );
  const ids = (
    await db.all<{ user_id: number }>(sql`
      select user_id from memberships where community_id = ${communityId} and joined_at < ${w.end} order by user_id`)
  ).map((r) => Number(r.user_id));
  // Per week (-1: the headline), the sums over the groups of members.
  const totals = new Map<number, { active: number; contributors: number; extra: number }>();
  for (const [i, who] of idRanges(ids, membersPerRead).entries()) {
    if (i > 0) await pause?.();
    // One pass over the rows (materialised once): the headline as week -1 (active: 7 days, contributors and
    // extra: 30 days), then one row per trend week.
    const counted = await db.all<{ week: number; active: number; contributors: number; extra: number | null }>(sql`
      with x as materialized (${activityRows(communityId, w, from, who)})
      select -1 as week, count(distinct case when created_at >= ${w.start7} then user_id end) as active,
             count(distinct case when created_at >= ${w.start30} and kind = 'a' then user_id end) as contributors,
             count(distinct case when created_at >= ${w.start30} then user_id end) as extra
      from x
      union all
      select week, count(distinct user_id), count(distinct case when kind = 'a' then user_id end), null
      from x where created_at >= ${trendStart} and joined_at < ${weekEnd} group by week`);
    for (const r of counted) {
      const sum = totals.get(Number(r.week)) ?? { active: 0, contributors: 0, extra: 0 };
      totals.set(Number(r.week), { active: sum.active + Number(r.active), contributors: sum.contributors + Number(r.contributors), extra: sum.extra + Number(r.extra ?? 0) });
    }
  }
  const headline = totals.get(-1);
  const [joined] = await db.all<Record<string, number | null>>(sql`
    select count(*) as total, ${joinedBy} from memberships where community_id = ${communityId} and joined_at < ${w.end}`);
  const mixRows = await db.all<{ level: 'easy' | 'hard'; answers: number; members: number }>(sql`
    select level, count(*) as answers, count(distinct user_id) as members from submissions
    where community_id = ${communityId} and created_at >= ${w.start30} and created_at < ${w.end} and ${kept} group by level`);

  const byLevel = new Map(mixRows.map((r) => [r.level, r]));
  return {
    members: Number(joined?.total ?? 0),
    active7: headline?.active ?? 0,
    active30: headline?.extra ?? 0,
    contributors30: headline?.contributors ?? 0,
    mix: (['easy', 'hard'] as const).map((level) => ({
      level,
      answers: Number(byLevel.get(level)?.answers ?? 0),
      members: Number(byLevel.get(level)?.members ?? 0),
    })),
    trend: w.weeks.map((wk, i) => ({
      weekOf: wk.weekOf,
      members: Number(joined?.[`w${i}`] ?? 0),
      active: totals.get(i)?.active ?? 0,
      contributors: totals.get(i)?.contributors ?? 0,
    })),
  };
}
