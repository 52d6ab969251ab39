/**
 * A community's chat webhooks, kept by its facilitators: add (the URL checked by ./webhook-url.ts), list
 * (never the full URL back: it is a secret of the chat service) and remove. Outsiders of a private
 * community get 404; members who are not facilitators 403.
 */
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { chatWebhooks } from '../../../db/schema';
import { communityForViewer, requireFacilitator } from '../communities/access';
import { DomainError, notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { checkWebhookUrl, maskedWebhookUrl, type WebhookUrlRules } from './webhook-url';

export type ChatFormat = (typeof chatWebhooks.$inferSelect)['format'];
/** Enough for a team chat, a Teams channel and a Discord server, with room to spare. */
export const WEBHOOKS_PER_COMMUNITY = 5;

async function facilitatedCommunity(db: Db, caller: Caller, slug: string) {
  const { community, role } = await communityForViewer(db, slug, caller);
  requireFacilitator(role);
  return community;
}

/** A webhook as facilitators see it. */
function view(w: typeof chatWebhooks.$inferSelect) {
  return {
    id: w.id,
    format: w.format,
    url: maskedWebhookUrl(w.url),
    active: w.disabledAt === null,
    consecutiveFailures: w.consecutiveFailures,
    lastError: w.lastError,
    createdAt: new Date(w.createdAt).toISOString(),
    disabledAt: w.disabledAt === null ? null : new Date(w.disabledAt).toISOString(),
  };
}
export type ChatWebhookView = ReturnType<typeof view>;

/** The community's webhooks, oldest first (facilitators). */
export async function listChatWebhooks(db: Db, caller: Caller, slug: string): Promise<ChatWebhookView[]> {
  const community = await facilitatedCommunity(db, caller, slug);
  const rows = await db.select().from(chatWebhooks).where(eq(chatWebhooks.communityId, community.id)).orderBy(asc(chatWebhooks.id));
  return rows.map(view);
}

/** Adds a webhook (facilitators); 400 for a URL Kindling will not post to, 409 past WEBHOOKS_PER_COMMUNITY. */
export async function addChatWebhook(
  db: Db,
  input: { caller: Caller; slug: string; url: string; format: ChatFormat; rules: WebhookUrlRules },
  now: Date,
): Promise<ChatWebhookView> {
  const community = await facilitatedCommunity(db, input.caller, input.slug);
  const url = checkWebhookUrl(input.url, input.rules);
  const [existing] = await db.select({ n: count() }).from(chatWebhooks).where(eq(chatWebhooks.communityId, community.id));
  if ((existing?.n ?? 0) >= WEBHOOKS_PER_COMMUNITY) {
    throw new DomainError('webhook_limit', `A community can have at most ${WEBHOOKS_PER_COMMUNITY} chat webhooks`);
  }
  const [row] = await db
    .insert(chatWebhooks)
    .values({ communityId: community.id, url, format: input.format, createdBy: input.caller.id, createdAt: now.getTime() })
    .returning();
  return view(row!);
}

/** Removes a webhook and its queued posts (facilitators); another community's or an unknown id is 404. */
export async function removeChatWebhook(db: Db, input: { caller: Caller; slug: string; id: number }): Promise<{ id: number }> {
  const community = await facilitatedCommunity(db, input.caller, input.slug);
  // Queued posts go with it (ON DELETE CASCADE).
  const removed = await db
    .delete(chatWebhooks)
    .where(and(eq(chatWebhooks.id, input.id), eq(chatWebhooks.communityId, community.id)))
    .returning({ id: chatWebhooks.id });
  if (removed.length === 0) throw notFound('Webhook');
  return { id: input.id };
}
