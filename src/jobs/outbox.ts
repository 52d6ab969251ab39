import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outbox } from '../../db/schema';
import type { Mailer } from '../deps';

const MAX_ATTEMPTS = 8;

/**
 * Sends pending mail. The outbox is the source of truth: a failed send stays pending and is
 * retried on the next run, up to MAX_ATTEMPTS.
 */
export async function deliverOutbox(db: Db, mailer: Mailer, now: Date, limit = 50): Promise<number> {
  const pending = await db
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), lt(outbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(outbox.id))
    .limit(limit);
  let sent = 0;
  for (const mail of pending) {
    // Claim the row by counting the attempt first: of two overlapping runs only one sees its update land.
    const claimed = await db
      .update(outbox)
      .set({ attempts: mail.attempts + 1 })
      .where(and(eq(outbox.id, mail.id), eq(outbox.attempts, mail.attempts), isNull(outbox.sentAt)))
      .returning({ id: outbox.id });
    if (claimed.length === 0) continue;
    try {
      await mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, actionUrl: mail.actionUrl });
      await db.update(outbox).set({ sentAt: now.getTime() }).where(eq(outbox.id, mail.id));
      sent++;
    } catch {
      // Left unsent: the next run tries again, until MAX_ATTEMPTS.
    }
  }
  return sent;
}
