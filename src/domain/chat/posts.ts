/**
 * What is posted to a community's chats when a prompt opens: its easy and hard options and a link to answer,
 * in each service's incoming-webhook format. The scheduler queues them (queueChatPosts) and
 * src/jobs/chat-posts.ts sends them, never at request time.
 */
import { and, eq, gt, gte, isNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { chatPosts, chatWebhooks, communities, prompts } from '../../../db/schema';
import type { ChatFormat } from './webhooks';
import { notSessionPrompt } from '../live/session-prompt';

export interface PromptAnnouncement {
  communityName: string;
  easy: string;
  hard: string;
  /** Where to answer (`${PUBLIC_URL}/c/:slug/today`); absent when PUBLIC_URL is not set. */
  answerUrl?: string;
}

/** Slack's mrkdwn reads &, < and > as markup. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The JSON body for one service: Slack `{text}`, Discord `{content}` (no pings), Teams a MessageCard. */
export function chatPayload(format: ChatFormat, a: PromptAnnouncement): Record<string, unknown> {
  const title = `Today in ${a.communityName}`;
  if (format === 'slack') {
    const link = a.answerUrl ? `\n<${a.answerUrl}|Answer in two minutes>` : '';
    return { text: `*${slackEscape(title)}*\nEasy: ${slackEscape(a.easy)}\nHard: ${slackEscape(a.hard)}${link}` };
  }
  if (format === 'discord') {
    const link = a.answerUrl ? `\nAnswer in two minutes: <${a.answerUrl}>` : '';
    // A prompt that says @everyone must not ping a whole server.
    return { content: `**${title}**\nEasy: ${a.easy}\nHard: ${a.hard}${link}`.slice(0, 2000), allowed_mentions: { parse: [] } };
  }
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: title,
    title,
    text: `**Easy:** ${a.easy}\n\n**Hard:** ${a.hard}`,
    ...(a.answerUrl && { potentialAction: [{ '@type': 'OpenUri', name: 'Answer in two minutes', targets: [{ os: 'default', uri: a.answerUrl }] }] }),
  };
}

/** A prompt opened longer ago than this is old news: it is not announced any more. */
const ANNOUNCE_WITHIN_MS = 24 * 3_600_000;

/**
 * Queues one post per active webhook for each prompt opened in the last day and not yet announced there:
 * prompts the scheduler opened, and those a new series or a resume opened at once. Driven from the
 * webhooks (few) down prompts_community_day, so its cost does not grow with the prompt history; a prompt
 * already announced to a webhook is skipped (unique webhook and prompt), so a run that repeats posts once.
 * Returns how many posts were queued.
 */
export async function queueChatPosts(db: Db, now: Date, publicUrl: string | undefined): Promise<number> {
  const t = now.getTime();
  // Local days run up to 14 hours either side of UTC: two days back covers every prompt opened within one.
  const sinceDay = new Date(t - 2 * ANNOUNCE_WITHIN_MS).toISOString().slice(0, 10);
  const rows = await db
    .select({
      promptId: prompts.id,
      easy: prompts.easyText,
      hard: prompts.hardText,
      slug: communities.slug,
      communityName: communities.name,
      webhookId: chatWebhooks.id,
      format: chatWebhooks.format,
    })
    .from(chatWebhooks)
    .innerJoin(prompts, and(eq(prompts.communityId, chatWebhooks.communityId), gte(prompts.opensOn, sinceDay), gt(prompts.openedAt, t - ANNOUNCE_WITHIN_MS)))
    .innerJoin(communities, eq(communities.id, chatWebhooks.communityId))
    .where(
      and(
        isNull(chatWebhooks.disabledAt),
        // A live session's prompt is announced with its session, not as the day's prompt.
        notSessionPrompt(),
        notExists(
          db
            .select({ one: sql`1` })
            .from(chatPosts)
            .where(and(eq(chatPosts.webhookId, chatWebhooks.id), eq(chatPosts.promptId, prompts.id))),
        ),
      ),
    );
  if (rows.length === 0) return 0;
  const inserts = rows.map((r) => {
    const answerUrl = publicUrl ? `${publicUrl}/c/${encodeURIComponent(r.slug)}/today` : undefined;
    const body = JSON.stringify(chatPayload(r.format, { communityName: r.communityName, easy: r.easy, hard: r.hard, answerUrl }));
    return db.insert(chatPosts).values({ webhookId: r.webhookId, promptId: r.promptId, body, createdAt: t }).onConflictDoNothing();
  });
  await db.batch([inserts[0]!, ...inserts.slice(1)]);
  return rows.length;
}
