/**
 * The weekly shout-out roll, written by the scheduler once a community's local week has ended: new
 * contributors, rhythm milestones, spotlights and the most encouraged answers. It is computed from named
 * answers the community can see only, as if anonymous answers belonged to no one (`seenNamed`), so no roll
 * differs because someone answered anonymously; and only members who allow their name
 * (users.show_on_leaderboards) are picked. Reading the roll checks all of that again
 * (src/domain/recognition/shoutouts.ts), since answers and preferences can change afterwards.
 * One row per community and week, inserted with ON CONFLICT DO NOTHING: running tick twice makes one roll.
 */
import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communities, kudos, memberships, shoutoutRolls, spotlights, submissions, users, type ShoutoutContent } from '../../db/schema';
import type { Community } from '../domain/communities/access';
import { aliasColumns, seenByCommunity } from '../domain/answers/visibility';
import { loadRhythmSource, rhythmOf } from '../domain/recognition/rhythm-member';
import { listable, MEMBERS_PER_READ, seenNamed, weekRange } from '../domain/recognition/shoutouts';
import { inChunks } from '../domain/group-by';
import { addDays, localDay, weekOf } from '../domain/time';

/** A run is celebrated every four weeks of rhythm. */
export const MILESTONE_EVERY = 4;
const MOST_ENCOURAGED = 5;
/** Rolls written per tick: a backlog (a first start on a busy network) spreads over minutes, in bounded memory. */
export const ROLLS_PER_TICK = 100;

/**
 * Rolls every (community, week) that had answers, has ended in the community's time zone, and has no roll
 * yet. Only the last two weeks are looked at (a scheduler down longer than that skips, rather than floods),
 * and the week still under way everywhere is never read.
 */
export async function rollShoutouts(db: Db, now: Date): Promise<number> {
  const utcDay = now.toISOString().slice(0, 10);
  // Every zone is within a day of UTC, so a week after this one has ended nowhere yet.
  const last = addDays(weekOf(addDays(utcDay, 1)), -7);
  const due: { communityId: number; weekOf: string }[] = [];
  for (let monday = addDays(weekOf(utcDay), -14); monday <= last; monday = addDays(monday, 7)) {
    for (const c of await unrolledCommunities(db, monday)) {
      // Only weeks over in the community's own zone: one still under way must not take a place in this run.
      if (weekOf(localDay(now, c.timeZone, c.dayStartHour)) > monday) due.push({ communityId: c.id, weekOf: monday });
    }
  }
  let rolled = 0;
  for (const d of due.slice(0, ROLLS_PER_TICK)) {
    const [community] = await db.select().from(communities).where(eq(communities.id, d.communityId));
    if (!community) continue;
    const content = await rollContent(db, community, d.weekOf);
    const inserted = await db
      .insert(shoutoutRolls)
      .values({ communityId: community.id, weekOf: d.weekOf, content, generatedAt: now.getTime() })
      .onConflictDoNothing()
      .returning({ weekOf: shoutoutRolls.weekOf });
    rolled += inserted.length;
  }
  return rolled;
}

/**
 * Communities with answers in the week of `monday` and no roll for it yet, with their zone. The tick asks every
 * minute, and nearly always every one is rolled: so it hops from one community to the next through the partial
 * ledger_week index (week, community), one seek each, instead of reading every answer's ledger row of the week
 * (92 ms a tick on the bench's full data, 450,000 rows over the two weeks looked at).
 */
async function unrolledCommunities(db: Db, monday: string) {
  const nextAfter = (id: SQL) =>
    sql`(select min(community_id) from points_ledger where reason = 'answer' and week_of = ${monday} and community_id > ${id})`;
  const rows = await db.all<{ id: number; time_zone: string; day_start_hour: number }>(sql`
    with recursive active(id) as (
      select ${nextAfter(sql`-1`)}
      union all
      select ${nextAfter(sql`active.id`)} from active where active.id is not null
    )
    select c.id, c.time_zone, c.day_start_hour from active join communities c on c.id = active.id
    where not exists (select 1 from shoutout_rolls r where r.community_id = active.id and r.week_of = ${monday})`);
  return rows.map((r) => ({ id: Number(r.id), timeZone: r.time_zone, dayStartHour: Number(r.day_start_hour) }));
}

/** What the roll names, as ids: see the file comment for who may be picked. */
export async function rollContent(db: Db, community: Community, monday: string): Promise<ShoutoutContent> {
  const { from, to } = weekRange(community, monday);
  const inWeek = and(eq(submissions.communityId, community.id), gte(submissions.createdAt, from), lt(submissions.createdAt, to));
  // The week's authors, counting only answers the roll may look at (named, seen by the community).
  const answers = await db.selectDistinct({ userId: submissions.userId }).from(submissions).where(and(inWeek, seenNamed()));
  const authors = new Set<number>();
  for (const group of inChunks(answers.map((a) => a.userId), MEMBERS_PER_READ)) {
    for (const id of await listable(db, community.id, group)) authors.add(id);
  }

  // New: the member's first named, seen answer here falls in this week. Milestones: rhythm from named
  // answers only, as of the week's last instant (the week is "this week" and counts once met).
  const newContributors: number[] = [];
  const rhythmMilestones: ShoutoutContent['rhythmMilestones'] = [];
  for (const group of inChunks([...authors].sort((a, b) => a - b), MEMBERS_PER_READ)) {
    const firsts = await db
      .select({ userId: submissions.userId, first: sql<number>`min(${submissions.createdAt})` })
      .from(submissions)
      .where(and(eq(submissions.communityId, community.id), inArray(submissions.userId, group), seenNamed()))
      .groupBy(submissions.userId);
    newContributors.push(...firsts.filter((f) => f.first >= from).map((f) => f.userId));
    const source = await loadRhythmSource(db, community.id, { userIds: group, namedOnly: true });
    for (const userId of group) {
      const r = rhythmOf(source, userId, community, new Date(to - 1));
      if (r.thisWeek.met && r.currentRun % MILESTONE_EVERY === 0) rhythmMilestones.push({ userId, weeks: r.currentRun });
    }
  }
  newContributors.sort((a, b) => a - b);

  // A spotlighted or encouraged answer names only its own author, so it needs only a named answer by one of
  // the week's listable authors (`authors`, said in SQL: a list of them could exceed D1's 100 parameters).
  const named = () =>
    and(
      eq(submissions.anonymous, false),
      sql`exists (select 1 from ${users} u join ${memberships} m on m.user_id = u.id and m.community_id = ${community.id}
        where u.id = ${submissions.userId} and u.show_on_leaderboards = 1)`,
      sql`exists (select 1 from ${submissions} w where w.community_id = ${community.id} and w.user_id = ${submissions.userId}
        and w.created_at >= ${from} and w.created_at < ${to} and w.anonymous = 0 and ${seenByCommunity(aliasColumns('w'))})`,
    );
  const lit = authors.size
    ? await db
        .select({ id: spotlights.submissionId })
        .from(spotlights)
        .innerJoin(submissions, eq(submissions.id, spotlights.submissionId))
        .where(and(eq(spotlights.communityId, community.id), gte(spotlights.createdAt, from), lt(spotlights.createdAt, to), named()))
        .orderBy(spotlights.createdAt)
    : [];
  const encouraged = authors.size
    ? await db
        .select({ submissionId: submissions.id, kudos: count() })
        .from(submissions)
        .innerJoin(kudos, eq(kudos.submissionId, submissions.id))
        .where(and(inWeek, named()))
        .groupBy(submissions.id)
        .orderBy(desc(count()), submissions.id)
        .limit(MOST_ENCOURAGED)
    : [];
  return { newContributors, rhythmMilestones, spotlights: lit.map((s) => s.id), mostEncouraged: encouraged };
}
