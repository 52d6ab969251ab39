/** What a community can answer now: the prompts that opened today, and earlier ones still open. */
import { and, asc, desc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prompts, series, submissions } from '../../../db/schema';
import type { Community } from '../communities/access';
import { localDay } from '../time';
import { notSessionPrompt, promptCard } from '../live/session-prompt';

export async function todayInCommunity(db: Db, community: Community, now: Date) {
  const date = localDay(now, community.timeZone, community.dayStartHour);
  const rows = await db
    .select({
      id: prompts.id,
      seriesId: prompts.seriesId,
      seriesTitle: series.title,
      opensOn: prompts.opensOn,
      position: prompts.position,
      easyText: prompts.easyText,
      easyPoints: prompts.easyPoints,
      hardText: prompts.hardText,
      hardPoints: prompts.hardPoints,
    })
    .from(prompts)
    .innerJoin(series, eq(series.id, prompts.seriesId))
    .where(
      and(
        eq(prompts.communityId, community.id),
        isNotNull(prompts.openedAt),
        lte(prompts.opensOn, date),
        eq(series.status, 'running'),
        // A live session's prompt is answered from its session (on this page's announcement), not as a daily one.
        notSessionPrompt(),
      ),
    )
    .orderBy(desc(prompts.opensOn), asc(prompts.seriesId), asc(prompts.position));
  const shaped = rows.map(promptCard);
  return {
    date,
    prompts: shaped.filter((p) => p.opensOn === date),
    open: shaped.filter((p) => p.opensOn < date),
  };
}

/** The levels the member already answered, per prompt (only prompts with an answer appear). */
export async function answeredLevels(db: Db, userId: number, promptIds: number[]) {
  const answered = new Map<number, ('easy' | 'hard')[]>();
  if (promptIds.length === 0) return answered;
  const rows = await db
    .select({ promptId: submissions.promptId, level: submissions.level })
    .from(submissions)
    .where(and(eq(submissions.userId, userId), inArray(submissions.promptId, promptIds)));
  for (const r of rows) answered.set(r.promptId, [...(answered.get(r.promptId) ?? []), r.level]);
  return answered;
}
