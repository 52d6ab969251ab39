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
    try {
      await mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, actionUrl: mail.actionUrl });
      await db.update(outbox).set({ sentAt: now.getTime(), attempts: mail.attempts + 1 }).where(eq(outbox.id, mail.id));
      sent++;
    } catch {
      await db.update(outbox).set({ attempts: mail.attempts + 1 }).where(eq(outbox.id, mail.id));
    }
  }
  return sent;
}
