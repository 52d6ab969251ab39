/**
 * Everything the member's own profile page shows about their recognition, gathered from the same domain
 * functions the API serves (badges, rhythm, ladder, nudges, notifications), so the page and the API can
 * never disagree. The caller's eyes only: it may include their anonymous answers' effects.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, memberships, shoutoutRolls, users } from '../../../db/schema';
import { myBadges } from '../badges/views';
import { myAnswerWeeks } from '../heatmap/answer-weeks';
import { myLadder } from './ladder';
import { listNotifications } from './notifications';
import { myNudges } from './nudges';
import { myRhythm } from './rhythm-member';
import type { Caller } from '../identity/sessions';
import { isoWeekOf } from './shoutouts';
import { addDays, localDay, weekOf } from '../time';

/** The newest notifications on the page; the API lists more. */
const NOTIFICATIONS_SHOWN = 10;

export async function myRecognition(db: Db, caller: Caller, now: Date) {
  const joined = await db
    .select({
      id: communities.id,
      slug: communities.slug,
      name: communities.name,
      timeZone: communities.timeZone,
      dayStartHour: communities.dayStartHour,
    })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .where(eq(memberships.userId, caller.id))
    .orderBy(communities.name);

  const perCommunity = [];
  for (const c of joined) {
    const input = { slug: c.slug, caller };
    const lastMonday = addDays(weekOf(localDay(now, c.timeZone, c.dayStartHour)), -7);
    const [roll] = await db
      .select({ weekOf: shoutoutRolls.weekOf })
      .from(shoutoutRolls)
      .where(and(eq(shoutoutRolls.communityId, c.id), eq(shoutoutRolls.weekOf, lastMonday)));
    const mine = await myBadges(db, input, now);
    perCommunity.push({
      slug: c.slug,
      name: c.name,
      badges: mine.badges,
      /** Badges a moment behind a change still being recognised (reads never refresh them themselves). */
      pendingBadges: mine.pending,
      rhythm: await myRhythm(db, input, now),
      /** The last weeks as a calendar heat map (issue 17). */
      weeks: await myAnswerWeeks(db, c, caller.id, now),
      ladder: await myLadder(db, input, now),
      /** The last finished community week, when it has a shout-out roll (a quiet week has none). */
      lastWeek: roll ? isoWeekOf(roll.weekOf) : null,
    });
  }
  const [settings] = await db
    .select({ publicProfile: users.publicProfile, nudges: users.nudges })
    .from(users)
    .where(eq(users.id, caller.id));
  return {
    recognition: perCommunity,
    nudges: await myNudges(db, caller),
    notifications: (await listNotifications(db, { caller, unread: false, limit: NOTIFICATIONS_SHOWN })).items,
    settings: { publicProfile: settings?.publicProfile ?? false, nudges: settings?.nudges ?? true },
  };
}
