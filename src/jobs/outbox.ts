/**
 * The mail outbox: delivery, and housekeeping so that it never keeps a live sign-in token or an address
 * longer than it needs to. A sign-in mail's link carries its token in clear (the database otherwise keeps
 * only hashes): once the mail is sent, or once the link has expired, the row keeps the mail without it.
 */
import { and, asc, eq, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outbox } from '../../db/schema';
import type { Mailer } from '../deps';
import { LINK_LIFETIME_MS } from '../domain/identity/auth';
import { storedHeaders } from '../domain/mail/queue';
import { afterFailure, MAX_ATTEMPTS } from '../domain/mail/retry';
import { SUPPRESSED } from '../domain/mail/status';
import { suppressedAmong } from '../domain/mail/suppressions';
import { failureReason } from '../mail/failure';
import { maskEmail } from '../mail/transports';

export { MAX_ATTEMPTS };
/** Sent or not, mail is deleted after this (the sign-in limits count in rate_limit_counters, not here). */
export const OUTBOX_KEEP_MS = 24 * 3_600_000;
/** What a kept mail says where its link was. */
export const LINK_REMOVED = '[link removed]';

/**
 * This process's tally since it started (per isolate on Workers), for logs; the outbox table holds the same
 * facts durably (src/domain/mail/status.ts derives readiness from it).
 */
export const mailCounters = { sent: 0, failed: 0, givenUp: 0, suppressed: 0 };

/** The mail's text without its link, and no link: what the row keeps once the link is no longer needed. */
const withoutLink = { text: sql`replace(${outbox.text}, ${outbox.actionUrl}, ${LINK_REMOVED})`, actionUrl: null };

export interface DeliveryOptions {
  limit?: number;
  /** Jitter for the retry delay, in [0, 1). */
  random?: () => number;
}

/**
 * Sends pending mail: unsent, not given up, and due (no retry time, or one that has come). A failed send
 * waits (src/domain/mail/retry.ts) and is given up after MAX_ATTEMPTS; a suppressed recipient's mail is
 * marked and never sent. A sent mail keeps no link (unless the outbox is where mail is read: see
 * Mailer.readsFromOutbox). Returns how many were sent.
 */
export async function deliverOutbox(db: Db, mailer: Mailer, now: Date, options: DeliveryOptions = {}): Promise<number> {
  const t = now.getTime();
  const pending = await db
    .select()
    .from(outbox)
    .where(
      and(
        isNull(outbox.sentAt),
        isNull(outbox.givenUpAt),
        lt(outbox.attempts, MAX_ATTEMPTS),
        or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, t)),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(options.limit ?? 50);
  const suppressed = await suppressedAmong(db, pending.map((m) => m.to));
  let sent = 0;
  for (const mail of pending) {
    const unclaimed = and(eq(outbox.id, mail.id), eq(outbox.attempts, mail.attempts), isNull(outbox.sentAt), isNull(outbox.givenUpAt));
    if (suppressed.has(mail.to)) {
      const marked = await db.update(outbox).set({ givenUpAt: t, lastError: SUPPRESSED, ...(mail.actionUrl === null ? {} : withoutLink) }).where(unclaimed).returning({ id: outbox.id });
      mailCounters.suppressed += marked.length;
      continue;
    }
    // Claim the row by counting the attempt first: of two overlapping runs only one sees its update land.
    const attempt = mail.attempts + 1;
    const claimed = await db.update(outbox).set({ attempts: attempt }).where(unclaimed).returning({ id: outbox.id });
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
    } catch (err) {
      await recordFailure(db, mail, attempt, failureReason(err), now, options.random ?? Math.random);
      continue;
    }
    const scrub = mailer.readsFromOutbox || mail.actionUrl === null ? {} : withoutLink;
    await db.update(outbox).set({ sentAt: t, nextAttemptAt: null, ...scrub }).where(eq(outbox.id, mail.id));
    mailCounters.sent++;
    sent++;
  }
  return sent;
}

/** Keeps the reason, and either the time of the next attempt or the mail given up. Logs the address masked. */
async function recordFailure(db: Db, mail: { id: number; to: string }, attempt: number, reason: string, now: Date, random: () => number) {
  const next = afterFailure(attempt, now, random());
  mailCounters.failed++;
  console.error(`[mail] send failed (attempt ${attempt}): ${reason} to ${maskEmail(mail.to)}`);
  if (next.giveUp) {
    mailCounters.givenUp++;
    console.error(`[mail] gave up after ${attempt} attempts: ${reason} to ${maskEmail(mail.to)}`);
  }
  await db
    .update(outbox)
    .set(next.giveUp ? { lastError: reason, nextAttemptAt: null, givenUpAt: now.getTime() } : { lastError: reason, nextAttemptAt: next.nextAttemptAt })
    .where(eq(outbox.id, mail.id));
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
    db
      .update(outbox)
      .set({ attempts: MAX_ATTEMPTS, givenUpAt: t, lastError: sql`coalesce(${outbox.lastError}, 'link expired')`, nextAttemptAt: null })
      .where(and(expired, isNull(outbox.sentAt), isNull(outbox.givenUpAt))),
    db.update(outbox).set(withoutLink).where(expired),
    db.delete(outbox).where(lt(outbox.createdAt, t - OUTBOX_KEEP_MS)),
  ] as const;
}
