/** Reaching members: the mail outbox, suppressions, preferences and sends, and chat webhooks with their posts. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './identity';
import { communities } from './communities';

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    /** The one link the mail exists to deliver, kept apart so the dev transport can print only it. */
    actionUrl: text('action_url'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    /** What the mail is for. Only sign-in links are rate limited (signInPerAddress, counted per request in rate_limit_counters). */
    kind: text('kind', { enum: ['sign_in', 'reminder', 'digest', 'notice'] }).notNull().default('sign_in'),
    /** The HTML part; the text part (`text`) is always there. */
    html: text('html'),
    /** Extra headers as a JSON object (List-Unsubscribe, List-Unsubscribe-Post, List-Id …). */
    headers: text('headers'),
    /** Not before this instant: a failed send waits (exponential backoff) before the next attempt. */
    nextAttemptAt: integer('next_attempt_at'),
    /** Why the last attempt failed (a status or error class; never the address nor the provider's body). */
    lastError: text('last_error'),
    /**
     * Delivery stopped without sending: attempts ran out, the sign-in link expired, or the recipient is
     * suppressed (last_error 'suppressed'). Kept (not deleted) so readiness can count it.
     */
    givenUpAt: integer('given_up_at'),
  },
  (t) => [
    index('outbox_pending').on(t.id).where(sql`sent_at is null`),
    // Readiness asks when the transport last delivered anything: max(sent_at) down this index.
    index('outbox_sent').on(t.sentAt),
    index('outbox_recipient').on(t.to, t.createdAt),
    // The tick's housekeeping (expired links, mail past a day) reads by age every minute.
    index('outbox_created').on(t.createdAt),
  ],
);

/**
 * Addresses the mail provider reported as bounced or complaining (POST /api/mail/events): delivery skips them.
 * Keyed by the SHA-256 of the normalised address, so the table never holds an address in clear.
 */
export const mailSuppressions = sqliteTable('mail_suppressions', {
  addressHash: text('address_hash').primaryKey(),
  reason: text('reason', { enum: ['bounce', 'complaint'] }).notNull(),
  createdAt: integer('created_at').notNull(),
});

/**
 * A community's incoming-webhook URLs (Slack, Microsoft Teams, Discord): each prompt that opens is posted
 * there. A webhook that keeps failing is switched off (disabled_at) and its facilitators are told.
 */
export const chatWebhooks = sqliteTable(
  'chat_webhooks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    /** https only, never an IP literal or localhost; a secret of the chat service, never shown back in full. */
    url: text('url').notNull(),
    format: text('format', { enum: ['slack', 'teams', 'discord'] }).notNull(),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    /** Failed attempts since the last success; past the limit the webhook is switched off. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledAt: integer('disabled_at'),
    /** Why the last attempt failed (an HTTP status or error class). */
    lastError: text('last_error'),
  },
  (t) => [
    index('chat_webhooks_community').on(t.communityId),
    // The tick looks for active webhooks every minute: down this index, never a scan of the table.
    index('chat_webhooks_active').on(t.communityId).where(sql`disabled_at is null`),
  ],
);

/** Chat posts waiting to go out: the mail outbox's twin for webhooks, with the same retry rule. */
export const chatPosts = sqliteTable(
  'chat_posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    webhookId: integer('webhook_id').notNull().references(() => chatWebhooks.id, { onDelete: 'cascade' }),
    /** The prompt announced: one post per webhook and prompt, so a tick that runs twice never posts twice. */
    promptId: integer('prompt_id').notNull(),
    /** The JSON body to POST, already in the webhook's format. */
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    lastError: text('last_error'),
    givenUpAt: integer('given_up_at'),
  },
  (t) => [
    index('chat_posts_pending').on(t.id).where(sql`sent_at is null and given_up_at is null`),
    index('chat_posts_created').on(t.createdAt),
    uniqueIndex('chat_posts_once').on(t.webhookId, t.promptId),
  ],
);

/**
 * What mail a member wants from one community (issue 11). No row means the default: the weekly digest at
 * DEFAULT_MAIL_HOUR. `hour` is local to the community's time zone. The back-off fields belong to the daily
 * mail: `silent_dailies` counts daily mails in a row with no answer and no open since `last_daily_at`;
 * at three the member is stepped down to the weekly digest (`stepped_down_at`) until they answer again.
 */
export const mailPreferences = sqliteTable(
  'mail_preferences',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    mode: text('mode', { enum: ['daily', 'weekly', 'off'] }).notNull(),
    hour: integer('hour').notNull(),
    /** No mail from this community before this instant. */
    pausedUntil: integer('paused_until'),
    silentDailies: integer('silent_dailies').notNull().default(0),
    lastDailyAt: integer('last_daily_at'),
    steppedDownAt: integer('stepped_down_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.userId] }),
    // The tick asks which communities have someone's slot at this local hour, without reading them all.
    index('mail_preferences_slot').on(t.mode, t.hour, t.communityId),
    index('mail_preferences_user').on(t.userId),
  ],
);

/** Per member: the language their mail is written in (set with their preferences; English until then). */
export const mailMembers = sqliteTable('mail_members', {
  userId: integer('user_id').primaryKey().references(() => users.id),
  lang: text('lang', { enum: ['en', 'fr'] }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Every reminder or digest a member was sent, kept after the outbox forgets the mail (a day): it is what
 * "never more than one mail a day" is checked against. One per member and local day of the slot that sent
 * it, so a tick that runs twice never sends twice. `communities`: the ids the mail covered (JSON array).
 */
export const mailSends = sqliteTable(
  'mail_sends',
  {
    userId: integer('user_id').notNull().references(() => users.id),
    localDay: text('local_day').notNull(),
    kind: text('kind', { enum: ['reminder', 'digest'] }).notNull(),
    communities: text('communities', { mode: 'json' }).$type<number[]>().notNull(),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.localDay] }), index('mail_sends_recent').on(t.userId, t.sentAt)],
);
