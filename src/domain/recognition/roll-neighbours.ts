/** The weekly shout-out rolls around one week, so the roll page can link to the previous and next ones. */
import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { shoutoutRolls } from '../../../db/schema';
import { isoWeekOf } from './shoutouts';

/**
 * A roll with somebody in it. An empty one (a week of anonymous answers only) reads as a quiet week, so it
 * is never linked to either: a link would tell that someone answered anonymously that week.
 */
const withSomebody = sql`(json_array_length(${shoutoutRolls.content}, '$.newContributors')
  + json_array_length(${shoutoutRolls.content}, '$.rhythmMilestones') + json_array_length(${shoutoutRolls.content}, '$.spotlights')
  + json_array_length(${shoutoutRolls.content}, '$.mostEncouraged')) > 0`;

/** ISO weeks of the nearest earlier and later rolls of the community (quiet weeks have none), or null. */
export async function neighbourRolls(db: Db, communityId: number, monday: string) {
  const near = (before: boolean) =>
    db
      .select({ weekOf: shoutoutRolls.weekOf })
      .from(shoutoutRolls)
      .where(
        and(eq(shoutoutRolls.communityId, communityId), before ? lt(shoutoutRolls.weekOf, monday) : gt(shoutoutRolls.weekOf, monday), withSomebody),
      )
      .orderBy(before ? desc(shoutoutRolls.weekOf) : asc(shoutoutRolls.weekOf))
      .limit(1);
  const [[previous], [next]] = await db.batch([near(true), near(false)]);
  return { previous: previous ? isoWeekOf(previous.weekOf) : null, next: next ? isoWeekOf(next.weekOf) : null };
}

/** The ISO week of the community's newest roll (the week that ended last, unless it was quiet), or null. */
export async function latestRoll(db: Db, communityId: number): Promise<string | null> {
  const [row] = await db
    .select({ weekOf: shoutoutRolls.weekOf })
    .from(shoutoutRolls)
    .where(eq(shoutoutRolls.communityId, communityId))
    .orderBy(desc(shoutoutRolls.weekOf))
    .limit(1);
  return row ? isoWeekOf(row.weekOf) : null;
}
