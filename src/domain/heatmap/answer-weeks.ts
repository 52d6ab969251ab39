/**
 * The member's rhythm as a small calendar heat map: the last weeks, Monday to Sunday, each community day with
 * how many answers the member posted on it. The member's own view only (their anonymous answers count too),
 * read from the answers that exist now, like the rhythm itself (src/domain/rhythm-member.ts).
 */
import { and, eq, gte, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { submissions } from '../../../db/schema';
import { postedDays } from '../recognition/rhythm';
import { addDays, dayStartsAt, localDay, weekOf } from '../time';

/** About a quarter: long enough to see a rhythm, small enough for a phone's width. */
export const HEATMAP_WEEKS = 12;

export interface HeatDay {
  date: string;
  count: number;
  /** Later than today: drawn empty, never counted as missed. */
  future?: true;
}
export interface HeatWeek {
  /** The Monday of the week. */
  monday: string;
  days: HeatDay[];
}

/**
 * The grid of `weeks` weeks ending with the week of `today`, from the member's answer days (one entry per
 * answer, as postedDays gives them). Pure: the caller has already turned instants into community days.
 */
export function weekGrid(answerDays: readonly string[], today: string, weeks = HEATMAP_WEEKS): HeatWeek[] {
  const counts = new Map<string, number>();
  for (const day of answerDays) counts.set(day, (counts.get(day) ?? 0) + 1);
  const first = addDays(weekOf(today), -7 * (weeks - 1));
  return Array.from({ length: weeks }, (_, w) => {
    const monday = addDays(first, 7 * w);
    const days = Array.from({ length: 7 }, (_, d): HeatDay => {
      const date = addDays(monday, d);
      return date > today ? { date, count: 0, future: true } : { date, count: counts.get(date) ?? 0 };
    });
    return { monday, days };
  });
}

/** The member's heat map in one community, by its day rule (time zone and day start). */
export async function myAnswerWeeks(
  db: Db,
  community: { id: number; timeZone: string; dayStartHour: number },
  userId: number,
  now: Date,
): Promise<HeatWeek[]> {
  const today = localDay(now, community.timeZone, community.dayStartHour);
  const from = dayStartsAt(addDays(weekOf(today), -7 * (HEATMAP_WEEKS - 1)), community.timeZone, community.dayStartHour);
  const rows = await db
    .select({ createdAt: submissions.createdAt })
    .from(submissions)
    .where(
      and(
        eq(submissions.communityId, community.id),
        eq(submissions.userId, userId),
        gte(submissions.createdAt, from.getTime()),
        // A removed answer (moderation) keeps no rhythm, as in the rhythm itself.
        ne(submissions.moderation, 'removed'),
      ),
    );
  return weekGrid(postedDays(rows.map((r) => r.createdAt), community.timeZone, community.dayStartHour), today);
}
