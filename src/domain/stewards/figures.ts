/**
 * What the network dashboard knows of one community, as of a complete local day (`asOf`, yesterday). The
 * members, active and contributing counts are community analytics' own (src/domain/analytics/figures.ts),
 * read from its daily snapshot; this adds the answers per trend week and the last dates of activity.
 *
 * - answers (per trend week): answers written in the week's counted part, anonymous included, removed ones
 *   not (the same `kept` rule and the same week instants as analytics).
 * - health (per week): answers ÷ active members that week (0 when nobody was active).
 * - lastAnswerDay: the local day of the newest kept answer written before the end of `asOf`; null: none.
 * - lastSpotlightAt / lastSeriesAt / lastModerationAt: the newest spotlight given, series created and
 *   moderation log entry (facilitator activity), as instants before the end of `asOf`; null: never.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Community } from '../communities/access';
import { currentAnalytics } from '../analytics';
import { kept } from '../analytics/activity';
import type { Pacing } from '../pacing';
import { analyticsWindow } from '../analytics/window';
import { localDay } from '../time';

export interface NetworkWeek {
  weekOf: string;
  members: number;
  active: number;
  contributors: number;
  answers: number;
}

export interface NetworkFigures {
  asOf: string;
  members: number;
  contributors30: number;
  trend: NetworkWeek[];
  lastAnswerDay: string | null;
  lastSpotlightAt: number | null;
  lastSeriesAt: number | null;
  lastModerationAt: number | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The network figures of `community` as of yesterday (its local day), reusing the analytics snapshot. */
export async function computeNetworkFigures(db: Db, community: Community, now: Date, pacing: Pacing = {}): Promise<NetworkFigures> {
  const w = analyticsWindow(community, now);
  const { data } = await currentAnalytics(db, community, now, pacing);
  const id = community.id;
  const weekIndex = sql.join(w.weeks.slice(1).map((wk) => sql`(created_at >= ${wk.start})`), sql` + `);
  const weekly = await db.all<{ week: number; answers: number }>(sql`
    select ${weekIndex} as week, count(*) as answers from submissions
    where community_id = ${id} and created_at >= ${w.weeks[0]!.start} and created_at < ${w.end} and ${kept}
    group by week`);
  const [last] = await db.all<Record<'answer' | 'spotlight' | 'series' | 'moderation', number | null>>(sql`
    select
      (select max(created_at) from submissions where community_id = ${id} and created_at < ${w.end} and ${kept}) as answer,
      (select max(created_at) from spotlights where community_id = ${id} and created_at < ${w.end}) as spotlight,
      (select max(created_at) from series where community_id = ${id} and created_at < ${w.end} and live_session_id is null) as series,
      (select max(created_at) from moderation_log where community_id = ${id} and created_at < ${w.end}) as moderation`);
  const answers = new Map(weekly.map((r) => [Number(r.week), Number(r.answers)]));
  const lastAnswer = num(last?.answer);
  return {
    asOf: w.asOf,
    members: data.members,
    contributors30: data.contributors30,
    trend: data.trend.map((t, i) => ({ ...t, answers: answers.get(i) ?? 0 })),
    lastAnswerDay: lastAnswer === null ? null : localDay(new Date(lastAnswer), community.timeZone, community.dayStartHour),
    lastSpotlightAt: num(last?.spotlight),
    lastSeriesAt: num(last?.series),
    lastModerationAt: num(last?.moderation),
  };
}
