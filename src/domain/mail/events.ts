/** What a provider's delivery event does: a bounce or a complaint suppresses the address; the rest are noted only. */
import type { Db } from '../../../db/client';
import type { MailEvent } from '../../schemas/mail-events';
import { suppressAddresses, type SuppressionReason } from './suppressions';

const RESEND_REASONS: Record<string, SuppressionReason> = { 'email.bounced': 'bounce', 'email.complained': 'complaint' };

/**
 * Applies one event; returns how many addresses it suppressed (0 for a delivery or an event we do not act on).
 * Suppressing an address twice is harmless, so a provider's retried call changes nothing.
 */
export async function applyMailEvent(db: Db, event: MailEvent, now: Date): Promise<{ suppressed: number }> {
  if ('email' in event) {
    if (event.type === 'delivered') return { suppressed: 0 };
    return { suppressed: await suppressAddresses(db, [event.email], event.type, now) };
  }
  const reason = RESEND_REASONS[event.type];
  if (!reason) return { suppressed: 0 };
  return { suppressed: await suppressAddresses(db, event.data.to, reason, now) };
}
