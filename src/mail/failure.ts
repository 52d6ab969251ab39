/**
 * Why a send failed, in words safe to log and to keep in the outbox: a status or an error class, never the
 * message (mail servers and APIs quote the recipient in theirs) and never the provider's body.
 */
import { errorKind } from '../error-kind';

/** A transport's error may carry its own short, address-free reason (MailSendError, SmtpSendError do). */
export function failureReason(err: unknown): string {
  const reason = (err as { reason?: unknown } | null)?.reason;
  if (typeof reason === 'string' && /^[\w .:/-]{1,80}$/.test(reason)) return reason;
  return errorKind(err);
}
