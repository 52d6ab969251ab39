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

/** The insert statement, for the caller's batch: queueing a mail is part of the write that causes it. */
export function queueMail(db: Db, mail: QueuedMail, now: Date) {
  return db.insert(outbox).values({
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    headers: mail.headers && Object.keys(mail.headers).length > 0 ? JSON.stringify(mail.headers) : null,
    kind: mail.kind,
    actionUrl: mail.actionUrl ?? null,
    createdAt: now.getTime(),
  });
}

/** The stored headers back as an object; an empty object when there are none. */
export function storedHeaders(json: string | null): Record<string, string> {
  return json ? (JSON.parse(json) as Record<string, string>) : {};
}
