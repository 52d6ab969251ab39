/**
 * Recognition: badges and their running facts, spotlights, notifications, shout-out rolls, rhythm, the
 * confidence ladder, nudges and the queue of members whose recognition is due a refresh.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './identity';
import { communities } from './communities';
import { submissions } from './answers';
import { stewardNotes } from './stewards';

/**
 * Badges held now and held before: a grant is revoked (revoked_at set) when its ground disappears, and a
 * later grant is a new row, so the table is also the history. Evidence: the answer ids the rule rested on
 * (JSON array); only the member themself is ever shown evidence that is an anonymous answer.
 */
export const badgeGrants = sqliteTable(
  'badge_grants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    badgeId: text('badge_id').notNull(),
    evidence: text('evidence', { mode: 'json' }).$type<number[]>().notNull(),
    grantedAt: integer('granted_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    // At most one live grant per badge: a racing second refresh inserts nothing.
    uniqueIndex('badge_grants_live').on(t.communityId, t.userId, t.badgeId).where(sql`revoked_at is null`),
    index('badge_grants_user').on(t.userId),
  ],
);

/**
 * A member's running badge facts in one community, as of their answers up to `through_id`
 * (src/domain/badges/progress.ts): enough to tell whether new answers could change a badge without reading
 * the member's history again. Derived state: every full refresh rewrites it from the answers, and a missing
 * row only means the next refresh is a full one.
 */
export const badgeProgress = sqliteTable(
  'badge_progress',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    /** The newest answer folded in (0: none); newer ones are folded by the next refresh. */
    throughId: integer('through_id').notNull(),
    /** When the latest folded answer was given: an answer dated before it reorders history (a full refresh). */
    lastAt: integer('last_at').notNull(),
    /** Answers that count (not removed by moderation), anonymous ones included. */
    answerCount: integer('answer_count').notNull(),
    hasHard: integer('has_hard', { mode: 'boolean' }).notNull(),
    hasPublic: integer('has_public', { mode: 'boolean' }).notNull(),
    /** The distinct local days answered on, oldest first ('YYYY-MM-DD'): the rhythm's input. */
    days: text('days', { mode: 'json' }).$type<string[]>().notNull(),
    /** Per series (by id), how many of its prompts the member answered: enough to tell a series may be complete. */
    seriesAnswered: text('series_answered', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    /** The longest rhythm run's weeks (Mondays) when written: a held rhythm badge's evidence is its first weeks. */
    runWeeks: text('run_weeks', { mode: 'json' }).$type<string[]>().notNull(),
    /** The community's time zone and day-start hour the days were counted in ('Europe/Paris|4'). */
    dayBasis: text('day_basis').notNull(),
    /** Bumped by every write: a refresh that read an older row writes nothing. */
    version: integer('version').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId] }), index('badge_progress_user').on(t.userId)],
);

/** Answers a facilitator spotlighted; they lead the gallery. Gone with their answer. */
export const spotlights = sqliteTable(
  'spotlights',
  {
    submissionId: integer('submission_id')
      .primaryKey()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    note: text('note'),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('spotlights_community').on(t.communityId, t.createdAt)],
);

/**
 * What a member is told in the app (a spotlight, a badge). `dedupe_key` ('spotlight:12', 'badge:first-answer')
 * makes telling once-only, so refreshes and retries never repeat themselves.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id),
    communityId: integer('community_id').notNull().references(() => communities.id),
    kind: text('kind', { enum: ['spotlight', 'badge', 'chat_webhook_off', 'steward_note', 'series_offer'] }).notNull(),
    submissionId: integer('submission_id').references(() => submissions.id, { onDelete: 'cascade' }),
    badgeId: text('badge_id'),
    /** A steward's note to the community's facilitators (kind 'steward_note'; issue 14). */
    stewardNoteId: integer('steward_note_id').references(() => stewardNotes.id),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_once').on(t.userId, t.communityId, t.dedupeKey),
    index('notifications_user').on(t.userId, t.createdAt),
    // Deleting an answer cascades here.
    index('notifications_submission').on(t.submissionId),
  ],
);

/**
 * One weekly shout-out roll per community and local week (week_of: its Monday). `content` holds ids only;
 * names, visibility and anonymity are checked again when the roll is read, so a later change (an answer
 * made anonymous, a member opting out) is honoured.
 */
export const shoutoutRolls = sqliteTable(
  'shoutout_rolls',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    weekOf: text('week_of').notNull(),
    content: text('content', { mode: 'json' }).$type<ShoutoutContent>().notNull(),
    generatedAt: integer('generated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.weekOf] })],
);

export interface ShoutoutContent {
  newContributors: number[];
  rhythmMilestones: { userId: number; weeks: number }[];
  spotlights: number[];
  mostEncouraged: { submissionId: number; kudos: number }[];
}

/**
 * A member's weekly rhythm goal (answer-days per community week). A row applies from its week on, so a
 * new goal never rewrites weeks already lived; setting it twice in one week keeps the last.
 */
export const rhythmGoals = sqliteTable(
  'rhythm_goals',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    weekOf: text('week_of').notNull(),
    goal: integer('goal').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId, t.weekOf] }), index('rhythm_goals_user').on(t.userId)],
);

/** Rest weeks a member declared ahead (week_of: the Monday); they bridge a rhythm run. */
export const restWeeks = sqliteTable(
  'rest_weeks',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    weekOf: text('week_of').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId, t.weekOf] }), index('rest_weeks_user').on(t.userId)],
);

/**
 * Confidence-ladder history, append-only: one row per stage reached. `view` 'own' counts every answer (the
 * member's own ladder); 'shown' counts named answers only, and is all the facilitators' funnel reads, so an
 * anonymous answer never moves anything another member can see. `rank` orders the stages.
 */
export const ladderSteps = sqliteTable(
  'ladder_steps',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    view: text('view', { enum: ['own', 'shown'] }).notNull(),
    stage: text('stage').notNull(),
    rank: integer('rank').notNull(),
    /** Community-local day the stage was reached. */
    reachedOn: text('reached_on').notNull(),
    /** Main space only: who said so (the member, or a facilitator). */
    markedBy: integer('marked_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.userId, t.view, t.stage] }),
    index('ladder_steps_user').on(t.userId),
    index('ladder_steps_marked_by').on(t.markedBy).where(sql`marked_by is not null`),
  ],
);

/**
 * Next-step nudges offered to an answer's author after encouragement. Unique per member, community and
 * week: that is the rate limit. Unique per answer and kind: a dismissed nudge never comes back. No foreign
 * key to the answer: the offer still counts toward the week's limit after the answer is deleted.
 */
export const nudges = sqliteTable(
  'nudges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    submissionId: integer('submission_id').notNull(),
    kind: text('kind', { enum: ['share_community', 'share_public', 'main_space'] }).notNull(),
    weekOf: text('week_of').notNull(),
    createdAt: integer('created_at').notNull(),
    dismissedAt: integer('dismissed_at'),
  },
  (t) => [
    uniqueIndex('nudges_one_per_week').on(t.communityId, t.userId, t.weekOf),
    uniqueIndex('nudges_once_per_answer').on(t.submissionId, t.kind),
    index('nudges_user').on(t.userId, t.createdAt),
  ],
);

/**
 * Members whose recognition (ladder, nudges, badges) must be recomputed after a change. Each write that
 * changes a member's grounds upserts their row in its own batch, so the change and the promise to recompute
 * commit together; `drainRecognition` does the work off the request path, reading `queued_at` as "now" so
 * the result does not depend on when the drain runs. One row per member and community: changes coalesce
 * (a refresh reads the member's grounds as they are, so one refresh covers every change before it).
 */
export const recognitionQueue = sqliteTable(
  'recognition_queue',
  {
    communityId: integer('community_id').notNull(),
    userId: integer('user_id').notNull(),
    /** When the latest change still to be reflected happened: the refresh's "now". */
    queuedAt: integer('queued_at').notNull(),
    /**
     * Bumped by every upsert. A drain deletes the row only if the revision it read is still there, so a
     * change queued while it ran is refreshed again (queued_at alone repeats within one millisecond).
     */
    revision: integer('revision').notNull().default(0),
    /**
     * True while every change queued since the last refresh was a new answer by the member, which the drain
     * folds into their running badge facts (badge_progress) without reading their history. Any other change
     * (a deletion, kudos, a spotlight, a moderation or visibility change) clears it for good: a full refresh.
     */
    appendedOnly: integer('appended_only', { mode: 'boolean' }).notNull().default(false),
  },
  // Reads of one member across communities (notifications, a public profile) look the member up; the
  // background drain and the tick take the oldest changes first, down recognition_queue_oldest.
  (t) => [
    primaryKey({ columns: [t.communityId, t.userId] }),
    index('recognition_queue_user').on(t.userId),
    index('recognition_queue_oldest').on(t.queuedAt),
  ],
);
