/** A steward's own dashboard settings: the "going quiet" threshold, kept per steward and logged when changed. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { stewardLog, stewardSettings } from '../../../db/schema';
import { DEFAULT_QUIET_DAYS } from '../../schemas/stewards';
import type { Caller } from '../identity/sessions';

/** The steward's threshold, or DEFAULT_QUIET_DAYS when they never set one. */
export async function quietDaysOf(db: Db, userId: number): Promise<number> {
  const [row] = await db.select({ quietDays: stewardSettings.quietDays }).from(stewardSettings).where(eq(stewardSettings.userId, userId));
  return row?.quietDays ?? DEFAULT_QUIET_DAYS;
}

/** Keeps `quietDays` as the steward's default (access checked by the caller), and logs the change. */
export async function setQuietDays(db: Db, steward: Caller, quietDays: number, now: Date) {
  const at = now.getTime();
  await db.batch([
    db
      .insert(stewardSettings)
      .values({ userId: steward.id, quietDays, updatedAt: at })
      .onConflictDoUpdate({ target: stewardSettings.userId, set: { quietDays, updatedAt: at } }),
    db.insert(stewardLog).values({ actorId: steward.id, action: 'set_quiet_days', createdAt: at }),
  ]);
  return { quietDays };
}
