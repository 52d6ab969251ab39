/**
 * Who is due for mail at this tick. Each community is looked at in its own time zone: its local hour now,
 * its calendar day (the mail's day), whether that day is a Monday (digest day), and today's prompt.
 * A member is due in a community when their chosen hour there is the local hour now and they want
 * something that exists today (daily: a prompt open today; weekly: it is Monday), they are not paused, and
 * no Kindling mail reached them in the last MIN_GAP_HOURS. Members without a stored preference get the
 * default (weekly digest at DEFAULT_MAIL_HOUR).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, mailPreferences, mailSends, memberships, prompts, series, submissions } from '../../../db/schema';
import { addDays, dayStartsAt, localDay, wallClockMs, weekdayIndex } from '../time';
import { DEFAULT_MAIL_HOUR } from './mail-preferences';

/**
 * "Never more than one mail a day": a member's mail goes out at the first of their slots that comes round
 * at least this long after their previous one. Below 24 h so a daily mail still goes out each day when a
 * clock moves back or the member picks an earlier hour; above 12 h so two communities in far-apart time
 * zones can never make two mails in one day.
 */
export const MIN_GAP_HOURS = 20;
const HOUR = 3_600_000;

export interface CommunityNow {
  id: number;
  slug: string;
  name: string;
  timeZone: string;
  /** The community's local hour (0–23) now: the slot that fires. */
  hour: number;
  /** The calendar day in the community's time zone: the day a mail sent now belongs to. */
  calendarDay: string;
  isMonday: boolean;
  /** The community day (after its day-start hour) prompts open on, and when it ends. */
  promptDay: string;
  promptDayEndsAt: number;
  /** Today's first open prompt, if any. */
  today: { id: number; easy: string; hard: string } | null;
}

/** Every community as it stands now in its own time zone, with today's prompt. */
export async function communitiesNow(db: Db, now: Date): Promise<CommunityNow[]> {
  const all = await db.select().from(communities).orderBy(asc(communities.id));
  const out: CommunityNow[] = [];
  for (const c of all) {
    const wall = wallClockMs(now, c.timeZone);
    const calendarDay = localDay(now, c.timeZone, 0);
    const promptDay = localDay(now, c.timeZone, c.dayStartHour);
    const [today] = await db
      .select({ id: prompts.id, easy: prompts.easyText, hard: prompts.hardText })
      .from(prompts)
      .innerJoin(series, eq(series.id, prompts.seriesId))
      .where(and(eq(prompts.communityId, c.id), eq(prompts.opensOn, promptDay), sql`${prompts.openedAt} is not null`, eq(series.status, 'running')))
      .orderBy(asc(prompts.seriesId), asc(prompts.position))
      .limit(1);
    out.push({
      id: c.id,
      slug: c.slug,
      name: c.name,
      timeZone: c.timeZone,
      hour: Math.floor((((wall % 86_400_000) + 86_400_000) % 86_400_000) / HOUR),
      calendarDay,
      isMonday: weekdayIndex(calendarDay) === 0,
      promptDay,
      promptDayEndsAt: dayStartsAt(addDays(promptDay, 1), c.timeZone, c.dayStartHour).getTime(),
      today: today ?? null,
    });
  }
  return out;
}

/**
 * Up to `limit` members due now in this community, lowest id first. Members already mailed within
 * MIN_GAP_HOURS are not due, which is also what lets the next tick carry on where this one stopped.
 */
export async function dueMembers(db: Db, c: CommunityNow, now: Date, limit: number): Promise<number[]> {
  if (limit <= 0 || (!c.today && !c.isMonday)) return [];
  const t = now.getTime();
  const p = mailPreferences;
  // A stepped-down daily member is due on any day once they have answered again (they step back up).
  const answeredSinceStepDown = sql`exists (select 1 from ${submissions} where ${submissions.communityId} = ${c.id}
    and ${submissions.userId} = ${memberships.userId} and ${submissions.createdAt} > ${p.steppedDownAt})`;
  const daily = c.today
    ? sql`(${p.mode} = 'daily' and (${p.steppedDownAt} is null or ${answeredSinceStepDown}))`
    : sql`0`;
  const weekly = c.isMonday ? sql`(${p.mode} is null or ${p.mode} = 'weekly' or (${p.mode} = 'daily' and ${p.steppedDownAt} is not null))` : sql`0`;
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .leftJoin(p, and(eq(p.communityId, memberships.communityId), eq(p.userId, memberships.userId)))
    .where(
      and(
        eq(memberships.communityId, c.id),
        sql`coalesce(${p.hour}, ${DEFAULT_MAIL_HOUR}) = ${c.hour}`,
        sql`(${p.pausedUntil} is null or ${p.pausedUntil} <= ${t})`,
        sql`(${daily} or ${weekly})`,
        sql`not exists (select 1 from ${mailSends} where ${mailSends.userId} = ${memberships.userId} and ${mailSends.sentAt} > ${t - MIN_GAP_HOURS * HOUR})`,
      ),
    )
    .orderBy(asc(memberships.userId))
    .limit(limit);
  return rows.map((r) => r.userId);
}
