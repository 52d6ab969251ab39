/**
 * The weekly shout-out roll, written by the scheduler once a community's local week has ended: new
 * contributors, rhythm milestones, spotlights and the most encouraged answers. It is computed from named
 * answers the community can see only, as if anonymous answers belonged to no one (`seenNamed`), so no roll
 * differs because someone answered anonymously; and only members who allow their name
 * (users.show_on_leaderboards) are picked. Reading the roll checks all of that again
 * (src/domain/recognition/shoutouts.ts), since answers and preferences can change afterwards.
 * One row per community and week, inserted with ON CONFLICT DO NOTHING: running tick twice makes one roll.
 */
import { and, count, desc, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communities, kudos, memberships, pointsLedger, shoutoutRolls, spotlights, submissions, users, type ShoutoutContent } from '../../db/schema';
import type { Community } from '../domain/communities/access';
import { aliasColumns, seenByCommunity } from '../domain/answers/visibility';
import { loadRhythmSource, rhythmOf } from '../domain/recognition/rhythm-member';
import { listable, seenNamed, weekRange } from '../domain/recognition/shoutouts';
import { addDays, localDay, weekOf } from '../domain/time';

/** A run is celebrated every four weeks of rhythm. */
export const MILESTONE_EVERY = 4;
const MOST_ENCOURAGED = 5;
/** Rolls written per tick: a backlog (a first start on a busy network) spreads over minutes, in bounded memory. */
export const ROLLS_PER_TICK = 100;
/**
 * Members read at once while rolling: a big community's whole history at once would hold hundreds of MB,
 * and D1 binds at most 100 parameters per statement.
 */
const MEMBERS_PER_READ = 90;

function groupsOf<T>(list: T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < list.length; i += size) groups.push(list.slice(i, i + size));
  return groups;
}

/**
 * Rolls every (community, week) that had answers, has ended in the community's time zone, and has no roll
 * yet. Only the last two weeks are looked at (a scheduler down longer than that skips, rather than floods),
 * through the partial ledger_week index, and the week still under way everywhere is never read.
 */
export async function rollShoutouts(db: Db, now: Date): Promise<number> {
  const utcDay = now.toISOString().slice(0, 10);
  const due = await db
    .selectDistinct({ communityId: pointsLedger.communityId, weekOf: pointsLedger.weekOf })
    .from(pointsLedger)
    .leftJoin(shoutoutRolls, and(eq(shoutoutRolls.communityId, pointsLedger.communityId), eq(shoutoutRolls.weekOf, pointsLedger.weekOf)))
    .where(
      and(
        sql`${pointsLedger.reason} = 'answer'`,
        gte(pointsLedger.weekOf, addDays(weekOf(utcDay), -14)),
        // Every zone is within a day of UTC, so a week after this one has ended nowhere yet.
        lte(pointsLedger.weekOf, addDays(weekOf(addDays(utcDay, 1)), -7)),
        isNull(shoutoutRolls.communityId),
      ),
    )
    .limit(ROLLS_PER_TICK);
  let rolled = 0;
  for (const d of due) {
    const [community] = await db.select().from(communities).where(eq(communities.id, d.communityId));
    if (!community || d.weekOf >= weekOf(localDay(now, community.timeZone, community.dayStartHour))) continue;
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

/** What the roll names, as ids: see the file comment for who may be picked. */
export async function rollContent(db: Db, community: Community, monday: string): Promise<ShoutoutContent> {
  const { from, to } = weekRange(community, monday);
  const inWeek = and(eq(submissions.communityId, community.id), gte(submissions.createdAt, from), lt(submissions.createdAt, to));
  // The week's authors, counting only answers the roll may look at (named, seen by the community).
  const answers = await db.selectDistinct({ userId: submissions.userId }).from(submissions).where(and(inWeek, seenNamed()));
  const authors = new Set<number>();
  for (const group of groupsOf(answers.map((a) => a.userId), MEMBERS_PER_READ)) {
    for (const id of await listable(db, community.id, group)) authors.add(id);
  }

  // New: the member's first named, seen answer here falls in this week. Milestones: rhythm from named
  // answers only, as of the week's last instant (the week is "this week" and counts once met).
  const newContributors: number[] = [];
  const rhythmMilestones: ShoutoutContent['rhythmMilestones'] = [];
  for (const group of groupsOf([...authors].sort((a, b) => a - b), MEMBERS_PER_READ)) {
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
