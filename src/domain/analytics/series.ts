/**
 * The newest series' figures: answers per opened prompt and the day people drop off (definitions in
 * ./figures.ts). Two grouped statements over that one series' answers.
 */
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prompts, series } from '../../../db/schema';
import { kept } from './activity';
import type { RawAnalytics } from './figures';
import type { AnalyticsWindow } from './window';
import { notSessionPrompt } from '../live/session-prompt';

/**
 * Prompts that must have opened after someone's last answer before they count as having stopped: missing
 * the latest prompt or two is a busy week, not a drop-off.
 */
export const DROP_OFF_GRACE = 3;

/** The newest series with a prompt opened by `asOf`, with its answers per prompt and its drop-off days. */
export async function seriesFigures(db: Db, communityId: number, w: AnalyticsWindow): Promise<RawAnalytics['series']> {
  const [latest] = await db
    .select({ seriesId: prompts.seriesId })
    .from(prompts)
    .where(and(eq(prompts.communityId, communityId), lte(prompts.opensOn, w.asOf), notSessionPrompt()))
    .orderBy(desc(prompts.opensOn), desc(prompts.seriesId))
    .limit(1);
  if (!latest) return null;
  const [info] = await db.select({ id: series.id, title: series.title }).from(series).where(eq(series.id, latest.seriesId));
  const opened = await db
    .select({ id: prompts.id, position: prompts.position, opensOn: prompts.opensOn })
    .from(prompts)
    .where(and(eq(prompts.seriesId, latest.seriesId), lte(prompts.opensOn, w.asOf)))
    .orderBy(asc(prompts.position));
  const perPrompt = await db.all<{ prompt_id: number; answers: number; easy: number; members: number }>(sql`
    select s.prompt_id, count(*) as answers, sum(s.level = 'easy') as easy, count(distinct s.user_id) as members
    from submissions s join prompts p on p.id = s.prompt_id
    where p.series_id = ${latest.seriesId} and p.opens_on <= ${w.asOf} and s.created_at < ${w.end} and s.${kept}
    group by s.prompt_id`);
  const lastDays = await db.all<{ position: number; members: number }>(sql`
    select position, count(*) as members from (
      select max(p.position) as position from submissions s join prompts p on p.id = s.prompt_id
      where p.series_id = ${latest.seriesId} and p.opens_on <= ${w.asOf} and s.created_at < ${w.end} and s.anonymous = 0 and s.${kept}
      group by s.user_id
    ) group by position`);

  const byPrompt = new Map(perPrompt.map((r) => [Number(r.prompt_id), r]));
  const newest = opened[opened.length - 1]?.position ?? 0;
  const byLast = new Map(lastDays.map((r) => [Number(r.position), Number(r.members)]));
  return {
    id: latest.seriesId,
    title: info?.title ?? '',
    prompts: opened.map((p) => {
      const r = byPrompt.get(p.id);
      const answers = Number(r?.answers ?? 0);
      const easy = Number(r?.easy ?? 0);
      return { position: p.position, opensOn: p.opensOn, answers, easy, hard: answers - easy, members: Number(r?.members ?? 0) };
    }),
    dropOff: opened.filter((p) => p.position <= newest - DROP_OFF_GRACE).map((p) => ({ position: p.position, members: byLast.get(p.position) ?? 0 })),
    stillAnswering: [...byLast].filter(([position]) => position > newest - DROP_OFF_GRACE).reduce((n, [, members]) => n + members, 0),
  };
}
