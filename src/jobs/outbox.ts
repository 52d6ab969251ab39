/**
 * The mail outbox: delivery, and housekeeping so that it never keeps a live sign-in token or an address
 * longer than it needs to. A sign-in mail's link carries its token in clear (the database otherwise keeps
 * only hashes): once the mail is sent, or once the link has expired, the row keeps the mail without it.
 */
import { and, asc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outbox } from '../../db/schema';
import type { Mailer } from '../deps';
import { LINK_LIFETIME_MS } from '../domain/auth';
import { storedHeaders } from '../domain/mail/queue';

const MAX_ATTEMPTS = 8;
/** Sent or not, mail is deleted after this: well past the hourly sign-in limit, which counts the outbox. */
export const OUTBOX_KEEP_MS = 24 * 3_600_000;
/** What a kept mail says where its link was. */
export const LINK_REMOVED = '[link removed]';

/** The mail's text without its link, and no link: what the row keeps once the link is no longer needed. */
const withoutLink = { text: sql`replace(${outbox.text}, ${outbox.actionUrl}, ${LINK_REMOVED})`, actionUrl: null };

/**
 * Sends pending mail. The outbox is the source of truth: a failed send stays pending and is
 * retried on the next run, up to MAX_ATTEMPTS. A sent mail keeps no link (unless the outbox is where
 * mail is read: see Mailer.readsFromOutbox).
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
      await mailer.send({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: storedHeaders(mail.headers),
        actionUrl: mail.actionUrl,
      });
      const scrub = mailer.readsFromOutbox || mail.actionUrl === null ? {} : withoutLink;
      await db.update(outbox).set({ sentAt: now.getTime(), ...scrub }).where(eq(outbox.id, mail.id));
      sent++;
    } catch {
      // Left unsent: the next run tries again, until MAX_ATTEMPTS.
    }
  }
  return sent;
}

/**
 * The scheduler's share of outbox housekeeping, as statements for its batch: a link that has expired is
 * removed from its mail (and a mail still unsent by then is given up: it could no longer help anyone
 * sign in), and mail older than OUTBOX_KEEP_MS is deleted.
 */
export function outboxHousekeeping(db: Db, now: Date) {
  const t = now.getTime();
  const expired = and(isNotNull(outbox.actionUrl), lt(outbox.createdAt, t - LINK_LIFETIME_MS));
  return [
    db.update(outbox).set({ attempts: MAX_ATTEMPTS }).where(and(expired, isNull(outbox.sentAt))),
    db.update(outbox).set(withoutLink).where(expired),
    db.delete(outbox).where(lt(outbox.createdAt, t - OUTBOX_KEEP_MS)),
  ] as const;
}
