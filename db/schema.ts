/**
 * Kindling's tables. Times are integer epoch milliseconds; calendar days are 'YYYY-MM-DD' text in the
 * community's own time zone ("local days", shifted by the community's day-start hour).
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  showOnLeaderboards: integer('show_on_leaderboards', { mode: 'boolean' }).notNull().default(true),
  isSteward: integer('is_steward', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const communities = sqliteTable('communities', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  dayStartHour: integer('day_start_hour').notNull().default(0),
  visibility: text('visibility', { enum: ['public', 'private'] }).notNull(),
  createdAt: integer('created_at').notNull(),
});

export const memberships = sqliteTable(
  'memberships',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    role: text('role', { enum: ['member', 'facilitator'] }).notNull(),
    joinedAt: integer('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId] }), index('memberships_user').on(t.userId)],
);

export const invites = sqliteTable('invites', {
  code: text('code').primaryKey(),
  communityId: integer('community_id').notNull().references(() => communities.id),
  createdBy: integer('created_by').notNull().references(() => users.id),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

export const series = sqliteTable(
  'series',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startDate: text('start_date').notNull(),
    cadence: text('cadence', { enum: ['daily', 'weekdays'] }).notNull(),
    /** scheduled: nothing opened yet; running: answerable; paused; finished: closed to answers. */
    status: text('status', { enum: ['scheduled', 'running', 'paused', 'finished'] }).notNull(),
    /** When late answers stop: the scheduler finishes the series at this instant (null while paused). */
    closesAt: integer('closes_at'),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('series_community').on(t.communityId), index('series_closing').on(t.status, t.closesAt)],
);

export const prompts = sqliteTable(
  'prompts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seriesId: integer('series_id').notNull().references(() => series.id),
    communityId: integer('community_id').notNull().references(() => communities.id),
    position: integer('position').notNull(),
    easyText: text('easy_text').notNull(),
    hardText: text('hard_text').notNull(),
    easyPoints: integer('easy_points').notNull(),
    hardPoints: integer('hard_points').notNull(),
    opensOn: text('opens_on').notNull(),
    /** The instant `opensOn` begins in the community's time zone (its day-start hour), precomputed for the scheduler. */
    opensAt: integer('opens_at').notNull(),
    /** Set by the scheduler when the prompt's local day has begun; null until then. */
    openedAt: integer('opened_at'),
  },
  (t) => [
    uniqueIndex('prompts_series_position').on(t.seriesId, t.position),
    index('prompts_community_day').on(t.communityId, t.opensOn),
    // The scheduler only ever looks at prompts not yet opened, so its cost follows the due work.
    index('prompts_due').on(t.opensAt).where(sql`opened_at is null`),
  ],
);

/**
 * Answer images. Uploaded first (community_id null), then attached to one answer, which sets community_id;
 * unattached rows older than a day are swept with their stored bytes. The id is the storage key: random,
 * never derived from user input.
 */
export const images = sqliteTable(
  'images',
  {
    id: text('id').primaryKey(),
    ownerId: integer('owner_id').notNull().references(() => users.id),
    communityId: integer('community_id').references(() => communities.id),
    contentType: text('content_type', { enum: ['image/png', 'image/jpeg', 'image/webp'] }).notNull(),
    byteSize: integer('byte_size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('images_owner').on(t.ownerId),
    // The sweep only looks at unattached images, so its cost follows the abandoned uploads.
    index('images_unattached').on(t.createdAt).where(sql`community_id is null`),
  ],
);

export const submissions = sqliteTable(
  'submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    promptId: integer('prompt_id').notNull().references(() => prompts.id),
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    level: text('level', { enum: ['easy', 'hard'] }).notNull(),
    body: text('body').notNull(),
    link: text('link'),
    visibility: text('visibility', { enum: ['facilitators', 'community', 'public'] }).notNull(),
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull(),
    points: integer('points').notNull(),
    onTime: integer('on_time', { mode: 'boolean' }).notNull(),
    /** At most one image per answer, and an image belongs to at most one answer. */
    imageId: text('image_id').references(() => images.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('submissions_one_per_level').on(t.promptId, t.userId, t.level),
    uniqueIndex('submissions_image').on(t.imageId),
    index('submissions_gallery').on(t.promptId, t.createdAt, t.id),
    index('submissions_user').on(t.userId),
  ],
);

export const kudos = sqliteTable(
  'kudos',
  {
    submissionId: integer('submission_id').notNull().references(() => submissions.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id),
    kind: text('kind').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.userId, t.kind] })],
);

/**
 * Append-only: triggers in the migrations refuse UPDATE and DELETE, and keep `scores` in step on INSERT.
 * `listed` is 0 for points from anonymous answers, which never reach a public leaderboard.
 */
export const pointsLedger = sqliteTable(
  'points_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    /** No foreign key: the entry outlives a deleted answer. */
    submissionId: integer('submission_id'),
    reason: text('reason', { enum: ['answer', 'answer_deleted'] }).notNull(),
    delta: integer('delta').notNull(),
    listed: integer('listed', { mode: 'boolean' }).notNull(),
    /** Monday of the community-local week the points count toward. */
    weekOf: text('week_of').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_once_per_reason').on(t.submissionId, t.reason),
    index('ledger_member').on(t.communityId, t.userId),
  ],
);

/** Materialised from the ledger by trigger: period is 'all' or the week's Monday ('YYYY-MM-DD'). */
export const scores = sqliteTable(
  'scores',
  {
    communityId: integer('community_id').notNull(),
    userId: integer('user_id').notNull(),
    period: text('period').notNull(),
    points: integer('points').notNull(),
    listedPoints: integer('listed_points').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.period, t.userId] }),
    index('scores_board').on(t.communityId, t.period, t.listedPoints),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const signInLinks = sqliteTable(
  'sign_in_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    email: text('email').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sign_in_links_email').on(t.email), index('sign_in_links_expiry').on(t.expiresAt)],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull().references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  label: text('label').notNull(),
  createdAt: integer('created_at').notNull(),
});

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
  },
  (t) => [index('outbox_pending').on(t.id).where(sql`sent_at is null`), index('outbox_recipient').on(t.to, t.createdAt)],
);

/** Stored responses for `Idempotency-Key`, scoped to the caller. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: integer('user_id').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** 0 while the first request is still running; then its HTTP status. */
    status: integer('status').notNull(),
    body: text('body'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_age').on(t.createdAt)],
);
