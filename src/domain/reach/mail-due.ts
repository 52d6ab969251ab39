/**
 * Who is due for mail at this tick. Each community is looked at in its own time zone: its local hour now,
 * its calendar day (the mail's day), whether that day is a Monday (digest day), and today's prompt.
 * A member is due in a community when their chosen hour there is the local hour now and they want
 * something that exists today (daily: a prompt open today; weekly: it is Monday), they are not paused, and
 * no Kindling mail reached them in the last MIN_GAP_HOURS. Members without a stored preference get the
 * default (weekly digest at DEFAULT_MAIL_HOUR).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, mailPreferences, mailSends, memberships, prompts, series, submissions } from '../../../db/schema';
import { addDays, dayStartsAt, localDay, wallClockMs, weekdayIndex } from '../time';
import { DEFAULT_MAIL_HOUR } from './mail-preferences';
import { notSessionPrompt } from '../live/session-prompt';

/**
 * "Never more than one mail a day": a member's mail goes out at the first of their slots that comes round
 * at least this long after their previous one. Below 24 h so a daily mail still goes out each day when a
 * clock moves back or the member picks an earlier hour; above 12 h so two communities in far-apart time
 * zones can never make two mails in one day.
 */
export const MIN_GAP_HOURS = 20;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface CommunityNow {
  id: number;
  slug: string;
  name: string;
  timeZone: string;
  dayStartHour: number;
  /** The community's local hour (0–23) now: the slot that fires. */
  hour: number;
  /** The calendar day in the community's time zone: the day a mail sent now belongs to. */
  calendarDay: string;
  isMonday: boolean;
  /** The community day (after its day-start hour) prompts open on, and when it ends. */
  promptDay: string;
  promptDayEndsAt: number;
  /** Today's first open prompt, null if none; undefined until `loadToday` read it. */
  today: { id: number; easy: string; hard: string } | null | undefined;
}

/**
 * Every community's local clock now: one read of the table, local time worked out once per time zone (and
 * day-start hour), so this stays cheap with thousands of communities. `today` is filled by `loadToday`.
 */
export async function communitiesNow(db: Db, now: Date): Promise<CommunityNow[]> {
  const all = await db
    .select({ id: communities.id, slug: communities.slug, name: communities.name, timeZone: communities.timeZone, dayStartHour: communities.dayStartHour })
    .from(communities)
    .orderBy(asc(communities.id));
  const zones = new Map<string, { hour: number; calendarDay: string; isMonday: boolean }>();
  const days = new Map<string, { promptDay: string; promptDayEndsAt: number }>();
  return all.map((c) => {
    let zone = zones.get(c.timeZone);
    if (!zone) {
      const wall = wallClockMs(now, c.timeZone);
      const calendarDay = localDay(now, c.timeZone, 0);
      zone = { hour: Math.floor((((wall % DAY) + DAY) % DAY) / HOUR), calendarDay, isMonday: weekdayIndex(calendarDay) === 0 };
      zones.set(c.timeZone, zone);
    }
    const dayKey = `${c.timeZone} ${c.dayStartHour}`;
    let day = days.get(dayKey);
    if (!day) {
      const promptDay = localDay(now, c.timeZone, c.dayStartHour);
      day = { promptDay, promptDayEndsAt: dayStartsAt(addDays(promptDay, 1), c.timeZone, c.dayStartHour).getTime() };
      days.set(dayKey, day);
    }
    return { id: c.id, slug: c.slug, name: c.name, timeZone: c.timeZone, dayStartHour: c.dayStartHour, ...zone, ...day, today: undefined };
  });
}

/**
 * The communities where some member's slot fires now: daily or weekly preferences at the community's local
 * hour (read down the mail_preferences_slot index), and on a local Monday the default digest hour.
 */
export async function firingCommunities(db: Db, all: CommunityNow[]): Promise<CommunityNow[]> {
  const hours = [...new Set(all.map((c) => c.hour))];
  const slots = await db
    .selectDistinct({ mode: mailPreferences.mode, hour: mailPreferences.hour, communityId: mailPreferences.communityId })
    .from(mailPreferences)
    .where(and(inArray(mailPreferences.mode, ['daily', 'weekly']), inArray(mailPreferences.hour, hours)));
  const byId = new Map(all.map((c) => [c.id, c]));
  const firing = new Set<number>();
  for (const s of slots) {
    const c = byId.get(s.communityId);
    if (c && c.hour === s.hour && (s.mode === 'daily' || c.isMonday)) firing.add(c.id);
  }
  for (const c of all) if (c.isMonday && c.hour === DEFAULT_MAIL_HOUR) firing.add(c.id);
  const list = all.filter((c) => firing.has(c.id));
  await loadToday(db, list);
  return list;
}

/** Sets each community's `today`: its first prompt open on its current prompt day (one query per 90). */
export async function loadToday(db: Db, list: CommunityNow[]) {
  for (let i = 0; i < list.length; i += 90) {
    const chunk = list.slice(i, i + 90);
    const rows = await db
      .select({ communityId: prompts.communityId, opensOn: prompts.opensOn, id: prompts.id, easy: prompts.easyText, hard: prompts.hardText })
      .from(prompts)
      .innerJoin(series, eq(series.id, prompts.seriesId))
      .where(
        and(
          inArray(prompts.communityId, chunk.map((c) => c.id)),
          inArray(prompts.opensOn, [...new Set(chunk.map((c) => c.promptDay))]),
          sql`${prompts.openedAt} is not null`,
          eq(series.status, 'running'),
          notSessionPrompt(),
        ),
      )
      .orderBy(asc(prompts.seriesId), asc(prompts.position));
    for (const c of chunk) {
      const r = rows.find((row) => row.communityId === c.id && row.opensOn === c.promptDay);
      c.today = r ? { id: r.id, easy: r.easy, hard: r.hard } : null;
    }
  }
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
