/**
 * The answers "ask me about" may learn from: a member's answers under their own name that the whole
 * community can read (the one visibility rule, src/domain/answers/visibility.ts). Anonymous answers are
 * left out here in SQL and again by derivePracticeAreas, so a practice area never points back to one.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prompts, series, submissions } from '../../../db/schema';
import { seenByCommunity } from '../answers/visibility';
import type { AnsweredPrompt } from './ask-me-about';

/** One member's named answers in a community, as the derivation reads them. */
export async function namedAnswersOf(db: Db, communityId: number, userId: number): Promise<AnsweredPrompt[]> {
  return (await namedAnswersOfMany(db, communityId, [userId])).get(userId) ?? [];
}

/** The same for many members at once (the helpers page), in one query. */
export async function namedAnswersOfMany(db: Db, communityId: number, userIds: number[]): Promise<Map<number, AnsweredPrompt[]>> {
  const byUser = new Map<number, AnsweredPrompt[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: submissions.userId, anonymous: submissions.anonymous, seriesTitle: series.title })
    .from(submissions)
    .innerJoin(prompts, eq(prompts.id, submissions.promptId))
    .innerJoin(series, eq(series.id, prompts.seriesId))
    .where(
      and(
        eq(submissions.communityId, communityId),
        inArray(submissions.userId, userIds),
        eq(submissions.anonymous, false),
        seenByCommunity(),
      ),
    );
  for (const row of rows) byUser.get(row.userId)?.push({ anonymous: row.anonymous, seriesTitle: row.seriesTitle });
  return byUser;
}
