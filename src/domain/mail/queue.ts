/**
 * The one way mail enters the outbox. Every mail has a text part; reminders and digests add an HTML part and
 * list headers (List-Unsubscribe …). Delivery (src/jobs/outbox.ts) hands both to the transport as they are.
 */
import type { Db } from '../../../db/client';
import { outbox } from '../../../db/schema';

export type MailKind = (typeof outbox.$inferInsert)['kind'] & string;

export interface QueuedMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Extra headers, such as List-Unsubscribe; stored as JSON. */
  headers?: Record<string, string>;
  kind: MailKind;
  /** The one link the mail exists to deliver, if any (the console transport prints only it). */
  actionUrl?: string | null;
}

/**
 * Bound parameters per outbox row: the eight values given, plus `attempts`, whose default Drizzle binds as a
 * value (tests/domain/mail-queue.test.ts checks the total).
 */
const PARAMS_PER_ROW = 9;
/** Rows per INSERT: D1 binds at most 100 parameters per statement. */
export const MAILS_PER_STATEMENT = Math.floor(100 / PARAMS_PER_ROW);

function outboxRow(mail: QueuedMail, now: Date): typeof outbox.$inferInsert {
  return {
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    headers: mail.headers && Object.keys(mail.headers).length > 0 ? JSON.stringify(mail.headers) : null,
    kind: mail.kind,
    actionUrl: mail.actionUrl ?? null,
    createdAt: now.getTime(),
  };
}

/**
 * The insert statements for many mails, for the caller's batch: multi-row INSERTs of at most
 * MAILS_PER_STATEMENT (11) rows, so a round queueing thousands of mails builds and runs an eleventh of the
 * statements (building one Drizzle insert per mail was a fifth of the round's CPU). No mails, no statements.
 */
export function queueMails(db: Db, mails: readonly QueuedMail[], now: Date) {
  const statements = [];
  for (let i = 0; i < mails.length; i += MAILS_PER_STATEMENT) {
    statements.push(db.insert(outbox).values(mails.slice(i, i + MAILS_PER_STATEMENT).map((m) => outboxRow(m, now))));
  }
  return statements;
}

/** The insert statement for one mail, for the caller's batch: queueing a mail is part of the write that causes it. */
export function queueMail(db: Db, mail: QueuedMail, now: Date) {
  return queueMails(db, [mail], now)[0]!;
}

/** The stored headers back as an object; an empty object when there are none. */
export function storedHeaders(json: string | null): Record<string, string> {
  return json ? (JSON.parse(json) as Record<string, string>) : {};
}
