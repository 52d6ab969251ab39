/**
 * What the celebration after an answer shows besides the points: this week's rhythm and where the member
 * stands on the confidence ladder, read through the same functions as the API (rhythm/me, ladder/me), so
 * the page without JavaScript and the page that fetched them after posting say the same thing.
 */
import type { Db } from '../../../db/client';
import { myLadder } from '../recognition/ladder';
import { myRhythm } from '../recognition/rhythm-member';
import type { Caller } from '../identity/sessions';

export interface CelebrationProgress {
  week: { days: number; goal: number; met: boolean };
  currentRun: number;
  stage: Awaited<ReturnType<typeof myLadder>>['stage'];
}

/** The member's progress in a community, just after answering (a member by then: answering joins). */
export async function celebrationProgress(db: Db, input: { slug: string; caller: Caller }, now: Date): Promise<CelebrationProgress> {
  const rhythm = await myRhythm(db, input, now);
  const ladder = await myLadder(db, input, now);
  return {
    week: { days: rhythm.thisWeek.days, goal: rhythm.thisWeek.goal, met: rhythm.thisWeek.met },
    currentRun: rhythm.currentRun,
    stage: ladder.stage,
  };
}
