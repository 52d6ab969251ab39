/** Reports on answers and the facilitators' moderation log. */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { reportReasons } from '../../src/schemas/report-reasons';
import { users } from './identity';
import { communities } from './communities';
import { submissions } from './answers';

/**
 * A member's report of an answer, for the community's facilitators. The reporter is kept to make reporting
 * once-only and is never shown in any response (not even to facilitators: the author may be one). A report is
 * open until a facilitator hides, removes or dismisses; one open report per reporter and answer.
 */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    reporterId: integer('reporter_id').notNull().references(() => users.id),
    reason: text('reason', { enum: reportReasons }).notNull(),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [
    uniqueIndex('reports_one_open').on(t.submissionId, t.reporterId).where(sql`resolved_at is null`),
    index('reports_open').on(t.communityId, t.createdAt).where(sql`resolved_at is null`),
    // Deleting an answer deletes its reports (the cascade looks them up by answer), and an erased account its own.
    index('reports_submission').on(t.submissionId),
    index('reports_reporter').on(t.reporterId),
  ],
);

/**
 * Every moderation action, append-only, shown to the community's facilitators: who did what to which answer
 * or member, and when. No foreign key to the answer: the entry outlives an answer its author deleted.
 */
export const moderationLog = sqliteTable(
  'moderation_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    actorId: integer('actor_id').notNull().references(() => users.id),
    action: text('action', { enum: ['hide', 'restore', 'remove', 'dismiss', 'remove_member'] }).notNull(),
    submissionId: integer('submission_id'),
    /** The answer to a help prompt acted on (issue 15), when that is what was moderated. No foreign key, as above. */
    helpReplyId: integer('help_reply_id'),
    targetUserId: integer('target_user_id').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('moderation_log_community').on(t.communityId, t.createdAt)],
);
