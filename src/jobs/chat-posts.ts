/**
 * Sends queued chat posts (src/domain/chat/posts.ts) with the mail outbox's retry rule. A webhook that fails
 * CHAT_WEBHOOK_MAX_FAILURES times in a row is switched off: its queued posts are given up, and its
 * community's facilitators get an in-app notification and a notice mail. Redirects are not followed, so a
 * webhook cannot bounce the server's request on to a host its URL check would have refused.
 */
import { and, asc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { chatPosts, chatWebhooks, communities, memberships, notifications, users } from '../../db/schema';
import { maskedWebhookUrl } from '../domain/chat/webhook-url';
import { queueMail } from '../domain/mail/queue';
import { afterFailure, MAX_ATTEMPTS } from '../domain/mail/retry';

/** Failed attempts in a row (across posts) after which a webhook is switched off: about four hours of backoff. */
export const CHAT_WEBHOOK_MAX_FAILURES = 10;
/** Sent or given up, a post is deleted after a week. */
const CHAT_POST_KEEP_MS = 7 * 24 * 3_600_000;

export interface ChatDeliveryOptions {
  fetch?: typeof fetch;
  random?: () => number;
  publicUrl?: string;
  timeoutMs?: number;
  limit?: number;
}

type Webhook = typeof chatWebhooks.$inferSelect;

/** Posts what is due; returns how many went out. */
export async function deliverChatPosts(db: Db, now: Date, options: ChatDeliveryOptions = {}): Promise<number> {
  const t = now.getTime();
  const doFetch = options.fetch ?? fetch;
  const due = await db
    .select({ post: chatPosts, webhook: chatWebhooks })
    .from(chatPosts)
    .innerJoin(chatWebhooks, eq(chatWebhooks.id, chatPosts.webhookId))
    .where(
      and(
        isNull(chatPosts.sentAt),
        isNull(chatPosts.givenUpAt),
        isNull(chatWebhooks.disabledAt),
        or(isNull(chatPosts.nextAttemptAt), lte(chatPosts.nextAttemptAt, t)),
      ),
    )
    .orderBy(asc(chatPosts.id))
    .limit(options.limit ?? 20);
  let sent = 0;
  const switchedOff = new Set<number>();
  for (const { post, webhook } of due) {
    if (switchedOff.has(webhook.id)) continue;
    const attempt = post.attempts + 1;
    const claimed = await db
      .update(chatPosts)
      .set({ attempts: attempt })
      .where(and(eq(chatPosts.id, post.id), eq(chatPosts.attempts, post.attempts), isNull(chatPosts.sentAt), isNull(chatPosts.givenUpAt)))
      .returning({ id: chatPosts.id });
    if (claimed.length === 0) continue;
    const failure = await postOnce(doFetch, webhook.url, post.body, options.timeoutMs ?? 10_000);
    if (failure === null) {
      await db.batch([
        db.update(chatPosts).set({ sentAt: t, nextAttemptAt: null }).where(eq(chatPosts.id, post.id)),
        db.update(chatWebhooks).set({ consecutiveFailures: 0, lastError: null }).where(eq(chatWebhooks.id, webhook.id)),
      ]);
      sent++;
      continue;
    }
    console.error(`[chat] post failed (attempt ${attempt}): ${failure} to webhook ${webhook.id}`);
    const next = afterFailure(Math.min(attempt, MAX_ATTEMPTS), now, (options.random ?? Math.random)());
    const [counted] = await db.batch([
      db
        .update(chatWebhooks)
        .set({ consecutiveFailures: webhook.consecutiveFailures + 1, lastError: failure })
        .where(eq(chatWebhooks.id, webhook.id))
        .returning({ failures: chatWebhooks.consecutiveFailures }),
      db
        .update(chatPosts)
        .set(next.giveUp ? { lastError: failure, givenUpAt: t, nextAttemptAt: null } : { lastError: failure, nextAttemptAt: next.nextAttemptAt })
        .where(eq(chatPosts.id, post.id)),
    ]);
    webhook.consecutiveFailures = counted[0]?.failures ?? webhook.consecutiveFailures + 1;
    if (webhook.consecutiveFailures >= CHAT_WEBHOOK_MAX_FAILURES) {
      switchedOff.add(webhook.id);
      await switchOff(db, webhook, failure, now, options.publicUrl);
    }
  }
  return sent;
}

/** One POST; null when the service took it, else the reason (a status or "unreachable"; never its body). */
async function postOnce(doFetch: typeof fetch, url: string, body: string, timeoutMs: number): Promise<string | null> {
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    return res.ok ? null : `http ${res.status}`;
  } catch {
    return 'http unreachable';
  }
}

/** Switches a webhook off, gives up its queued posts, and tells the community's facilitators. */
async function switchOff(db: Db, webhook: Webhook, reason: string, now: Date, publicUrl: string | undefined) {
  const t = now.getTime();
  const [community] = await db.select().from(communities).where(eq(communities.id, webhook.communityId));
  const facilitators = await db
    .select({ id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, webhook.communityId), eq(memberships.role, 'facilitator')));
  const name = community?.name ?? '';
  const page = `${publicUrl ?? ''}/c/${encodeURIComponent(community?.slug ?? '')}/webhooks`;
  const text =
    `Posts to a ${webhook.format} webhook of ${name} (${maskedWebhookUrl(webhook.url)}) failed ${webhook.consecutiveFailures} times ` +
    `in a row (last: ${reason}), so Kindling has stopped posting there.\n\n` +
    `Check the webhook in your chat service, then remove it and add it again here:\n${page}\n`;
  // One batch: the webhook off, its queue given up, and every facilitator told (a notification once per
  // webhook, whatever runs overlap; and a notice mail).
  const told = facilitators.flatMap((f) => [
    db
      .insert(notifications)
      .values({ userId: f.id, communityId: webhook.communityId, kind: 'chat_webhook_off' as const, dedupeKey: `chat_webhook_off:${webhook.id}`, createdAt: t })
      .onConflictDoNothing(),
    // No actionUrl: that is for sign-in links, which housekeeping gives up once expired.
    queueMail(db, { to: f.email, subject: `Kindling stopped posting to a chat of ${name}`, text, kind: 'notice' }, now),
  ]);
  await db.batch([
    db.update(chatWebhooks).set({ disabledAt: t }).where(and(eq(chatWebhooks.id, webhook.id), isNull(chatWebhooks.disabledAt))),
    db.update(chatPosts).set({ givenUpAt: t, nextAttemptAt: null }).where(and(eq(chatPosts.webhookId, webhook.id), isNull(chatPosts.sentAt), isNull(chatPosts.givenUpAt))),
    ...told,
  ]);
  console.error(`[chat] webhook ${webhook.id} switched off after ${webhook.consecutiveFailures} failures in a row: ${reason}`);
}

/** For the scheduler's batch: posts a week old are deleted, sent or not. */
export function chatPostHousekeeping(db: Db, now: Date) {
  return db.delete(chatPosts).where(lt(chatPosts.createdAt, now.getTime() - CHAT_POST_KEEP_MS));
}
