/**
 * Recognition is derived state: after each change to a member's answers or to the encouragement they got,
 * everything derived from them is recomputed here, so no counter can drift from the answers that exist.
 * Each part is idempotent and safe to race (unique keys, conditional inserts), so a retried or doubled
 * refresh changes nothing.
 */
import type { Db } from '../../db/client';
import { refreshBadges } from './badges/refresh';
import { refreshLadder } from './ladder';
import { refreshNudges } from './nudges';

export interface RecognitionSubject {
  communityId: number;
  userId: number;
}

/** Recomputes the member's recognition in one community after an answer, a deletion or new kudos. */
export async function refreshRecognition(db: Db, member: RecognitionSubject, now: Date): Promise<void> {
  // Independent parts: each reads the member's answers and kudos as they are now.
  await refreshLadder(db, member, now);
  await refreshNudges(db, member, now);
  await refreshBadges(db, member, now);
}
