/**
 * The outbox's health, derived from the table alone (so every home, every isolate and the CLI agree):
 * how long mail has been waiting since the transport last delivered anything, how many mails are between
 * retries, and how many were given up.
 */
import { isNull, max, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { outbox } from '../../../db/schema';

/** last_error of a mail skipped because its recipient bounced or complained (not a failure of the transport). */
export const SUPPRESSED = 'suppressed';

export interface OutboxStatus {
  /**
   * Age of the oldest mail queued after the last successful send and still not sent (waiting, retrying or
   * given up); null when there is none. A mail queued before a later success failed for its own reasons (it
   * is counted in failing or givenUp), not because the transport is down.
   */
  oldestUnsentSeconds: number | null;
  /** Unsent mails that failed at least once and will be tried again. */
  failing: number;
  /** Mails given up (attempts spent, or a sign-in link that expired unsent), not counting suppressed ones. */
  givenUp: number;
  /** Mails not sent because the recipient bounced or complained. */
  suppressed: number;
}

/**
 * Reads the outbox's state as of `now`. Housekeeping deletes mail after a day, which bounds the age this
 * can report to about a day; the readiness threshold is capped below that (src/config.ts), so a transport
 * that has been down for longer still reads as down.
 */
export async function outboxStatus(db: Db, now: Date): Promise<OutboxStatus> {
  const [last] = await db.select({ at: max(outbox.sentAt) }).from(outbox);
  const since = last?.at ?? 0;
  const [row] = await db
    .select({
      oldest: sql<number | null>`min(case when ${outbox.createdAt} > ${since} and coalesce(${outbox.lastError}, '') <> ${SUPPRESSED} then ${outbox.createdAt} end)`,
      failing: sql<number>`coalesce(sum(${outbox.givenUpAt} is null and ${outbox.attempts} > 0), 0)`,
      givenUp: sql<number>`coalesce(sum(${outbox.givenUpAt} is not null and coalesce(${outbox.lastError}, '') <> ${SUPPRESSED}), 0)`,
      suppressed: sql<number>`coalesce(sum(${outbox.lastError} = ${SUPPRESSED}), 0)`,
    })
    .from(outbox)
    .where(isNull(outbox.sentAt));
  const oldest = row?.oldest ?? null;
  return {
    oldestUnsentSeconds: oldest === null ? null : Math.max(0, Math.floor((now.getTime() - Number(oldest)) / 1000)),
    failing: Number(row?.failing ?? 0),
    givenUp: Number(row?.givenUp ?? 0),
    suppressed: Number(row?.suppressed ?? 0),
  };
}
