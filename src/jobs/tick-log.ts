/** The one line the Node and Worker homes log per tick: counts only, never an address nor a body. */
import type { TickResult } from './tick';

export interface TickDelivery {
  /** Mails the outbox handed to the transport this run. */
  sent: number;
  /** Chat messages delivered this run. */
  posted: number;
}

/** Whether the run did anything worth a line (the Node home stays quiet on idle minutes). */
export function tickDidSomething(result: TickResult, delivery: TickDelivery): boolean {
  return Boolean(result.opened || result.finished || result.swept || result.mailed || result.chatPosts || delivery.sent || delivery.posted);
}

/** `[tick] …`: what the tick queued (reminders and digests, chat posts) apart from what was delivered. */
export function tickLogLine(result: TickResult, delivery: TickDelivery): string {
  return (
    `[tick] opened ${result.opened} prompt(s), finished ${result.finished} series, ` +
    `queued ${result.mailed ?? 0} reminder/digest mail(s) and ${result.chatPosts ?? 0} chat post(s), ` +
    `sent ${delivery.sent} mail(s), posted ${delivery.posted} chat message(s), swept ${result.swept ?? 0} image(s)`
  );
}
