/** Live sessions and helper credits: the credits ledger, help requests, their replies and reports on them. */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { reportReasons } from '../../src/schemas/report-reasons';
import { creditReasons } from '../../src/domain/credits/reasons';
import { users } from './identity';
import { communities } from './communities';

/**
 * Live sessions (issue 15): a two-minute sprint or an expert's office hour a facilitator schedules at a set
 * local time. Stored as instants; shown in each viewer's community time zone. During [starts_at, ends_at) the
 * session's prompt is open; answers posted in the community then are grouped on its page afterwards.
 */
export const liveSessions = sqliteTable(
  'live_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    kind: text('kind', { enum: ['sprint', 'office_hour'] }).notNull(),
    title: text('title').notNull(),
    /** What members are asked during the session (optional: an office hour may just be questions): the easy
     * text of the session's own prompt (prompts.live_session_id), kept here for the session's card. */
    prompt: text('prompt'),
    hostId: integer('host_id').notNull().references(() => users.id),
    /** https only: a video-call link, shown to members (never to visitors of a private community). */
    callUrl: text('call_url'),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    /** When the host's credit was written (the tick, once the session ended); null before. */
    creditedAt: integer('credited_at'),
  },
  (t) => [
    index('live_sessions_upcoming').on(t.communityId, t.endsAt),
    index('live_sessions_host').on(t.hostId),
    // The tick credits hosts of ended sessions: down this index, only those not credited yet.
    index('live_sessions_uncredited').on(t.endsAt).where(sql`credited_at is null`),
  ],
);

/**
 * Helper credits (issue 15), a small time bank kept apart from points. Append-only like points_ledger:
 * triggers refuse UPDATE and DELETE (except for an erased member) and refuse any entry that would take a
 * member's balance in a community below zero, so two spends racing each other cannot both pass.
 * `ref` names what the entry is for (a session, a help prompt): one entry per member, reason and ref.
 */
export const creditsLedger = sqliteTable(
  'credits_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    reason: text('reason', { enum: creditReasons }).notNull(),
    delta: integer('delta').notNull(),
    ref: text('ref').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('credits_once_per_reason').on(t.userId, t.reason, t.ref), index('credits_member').on(t.communityId, t.userId)],
);

/**
 * A member's own question to the community, paid with helper credits: pending until a facilitator approves it
 * (then it is featured on the today page and members may answer it) or declines it (the credits come back).
 * `credit_ref` is random text made before the batch, so the spend entry in the same batch (and a refund) can name it.
 */
export const helpRequests = sqliteTable(
  'help_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    creditRef: text('credit_ref').notNull().unique(),
    question: text('question').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'declined'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    decidedAt: integer('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id),
  },
  (t) => [
    index('help_requests_community').on(t.communityId, t.status, t.createdAt),
    index('help_requests_user').on(t.userId),
    index('help_requests_decided_by').on(t.decidedBy),
  ],
);

/** A member's answer to an approved help prompt: one per member and prompt, earning its writer a credit. */
export const helpReplies = sqliteTable(
  'help_replies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => helpRequests.id, { onDelete: 'cascade' }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
    /** hidden: by the community's facilitators after a report (only they and its author still read it). */
    moderation: text('moderation', { enum: ['visible', 'hidden'] }).notNull().default('visible'),
  },
  (t) => [uniqueIndex('help_replies_once').on(t.requestId, t.userId), index('help_replies_user').on(t.userId)],
);

/**
 * A member reporting an answer to a help prompt to the community's facilitators, as `reports` does for
 * answers (same reasons, same once-only rule; the reporter is never returned by any read).
 */
export const helpReplyReports = sqliteTable(
  'help_reply_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    helpReplyId: integer('help_reply_id')
      .notNull()
      .references(() => helpReplies.id, { onDelete: 'cascade' }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    reporterId: integer('reporter_id').notNull().references(() => users.id),
    reason: text('reason', { enum: reportReasons }).notNull(),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [
    uniqueIndex('help_reply_reports_one_open').on(t.helpReplyId, t.reporterId).where(sql`resolved_at is null`),
    index('help_reply_reports_open').on(t.communityId, t.createdAt).where(sql`resolved_at is null`),
    index('help_reply_reports_reporter').on(t.reporterId),
    index('help_reply_reports_reply').on(t.helpReplyId),
  ],
);
