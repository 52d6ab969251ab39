/**
 * Kindling's tables. Times are integer epoch milliseconds; calendar days are 'YYYY-MM-DD' text in the
 * community's own time zone ("local days", shifted by the community's day-start hour).
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { reportReasons } from '../src/schemas/report-reasons';
import { creditReasons } from '../src/domain/credits/reasons';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  showOnLeaderboards: integer('show_on_leaderboards', { mode: 'boolean' }).notNull().default(true),
  isSteward: integer('is_steward', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  /**
   * Gentle next-step nudges after encouragement (GET /api/me/nudges); a member can turn them off. Last, as
   * ALTER TABLE puts it: INSERT … SELECT into users lists columns in this order.
   */
  nudges: integer('nudges', { mode: 'boolean' }).notNull().default(true),
  /** The member allows a public profile page (/u/:id); without it no such page exists for them. */
  publicProfile: integer('public_profile', { mode: 'boolean' }).notNull().default(false),
  /**
   * An erased account (src/domain/data-rights/erase-account.ts): the member's own row, kept only as the id
   * their series and spotlights still point at, or a placeholder that holds one de-linked anonymous answer.
   * No email (a random unreachable one), no name. Only an erased member's ledger entries may be deleted.
   */
  erased: integer('erased', { mode: 'boolean' }).notNull().default(false),
});

export const communities = sqliteTable('communities', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** A sentence or two for the directory: who the community is for. */
  description: text('description').notNull().default(''),
  timeZone: text('time_zone').notNull(),
  dayStartHour: integer('day_start_hour').notNull().default(0),
  visibility: text('visibility', { enum: ['public', 'private'] }).notNull(),
  createdAt: integer('created_at').notNull(),
  /**
   * Bumped by triggers whenever anything a leaderboard shows may have changed (a ledger entry, a member's
   * name or listing, a membership), so a cached board is valid exactly while this number stands still.
   */
  boardVersion: integer('board_version').notNull().default(0),
  /**
   * Archived by a steward (issue 14): read-only from this instant (no new answers, kudos, series or joins:
   * 409 community_archived); its gallery stays as it was. Null: open.
   */
  archivedAt: integer('archived_at'),
  /** Pinned by a steward on the public home page's showcase strip (public communities only); null: not pinned. */
  showcasePinnedAt: integer('showcase_pinned_at'),
  /** A community Kindling keeps itself: 'facilitators_circle' (every facilitator joins it). Null: an ordinary one. */
  builtIn: text('built_in', { enum: ['facilitators_circle'] }),
}, (t) => [uniqueIndex('communities_built_in').on(t.builtIn)]);

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
    /** weekly: only Kindling's own series (the facilitators' circle); the API offers daily and weekdays. */
    cadence: text('cadence', { enum: ['daily', 'weekdays', 'weekly'] }).notNull(),
    /** scheduled: nothing opened yet; running: answerable; paused; finished: closed to answers. */
    status: text('status', { enum: ['scheduled', 'running', 'paused', 'finished'] }).notNull(),
    /** When late answers stop: the scheduler finishes the series at this instant (null while paused). */
    closesAt: integer('closes_at'),
    /**
     * Set only for the one-prompt series holding a live session's prompt (issue 15): kept out of the
     * community's series lists. No foreign key: live_sessions is declared further down and refers to nothing here.
     */
    liveSessionId: integer('live_session_id'),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    /**
     * The library entry this series was copied from (null: written here). No foreign key: library_entries
     * already refers to series, and SQLite cannot add a referencing column to an existing table anyway.
     */
    adaptedFromEntryId: integer('adapted_from_entry_id'),
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
    /**
     * A live session's own prompt (issue 15): it takes answers only during the session's [starts_at, ends_at),
     * `opened_at` is its start, and it stays out of the daily prompt lists, mails, feeds and chat posts.
     */
    liveSessionId: integer('live_session_id'),
  },
  (t) => [
    uniqueIndex('prompts_series_position').on(t.seriesId, t.position),
    index('prompts_community_day').on(t.communityId, t.opensOn),
    // The scheduler only ever looks at prompts not yet opened, so its cost follows the due work.
    index('prompts_due').on(t.opensAt).where(sql`opened_at is null`),
    uniqueIndex('prompts_live_session').on(t.liveSessionId).where(sql`live_session_id is not null`),
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
    /** False only for images stored before uploads were stripped of metadata (EXIF, GPS …), until cleaned. */
    metadataStripped: integer('metadata_stripped', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('images_owner').on(t.ownerId),
    // The cleaning job only looks at images stored before stripping, so its cost follows those.
    index('images_unstripped').on(t.id).where(sql`metadata_stripped = 0`),
    // The sweep only looks at unattached images, so its cost follows the abandoned uploads.
    index('images_unattached').on(t.createdAt).where(sql`community_id is null`),
  ],
);

/**
 * 32 hex digits, 122 of their bits random (a version 4 UUID without its dashes): an answer's public id (see
 * submissions.publicId). randomUUID draws from a buffered pool; a getRandomValues call per id cost ~3% of an
 * answer POST on Node.
 */
export const randomPublicId = () => crypto.randomUUID().replace(/-/g, '');

/**
 * Where the gallery places an answer: its instant, or for an anonymous one only the hour it falls in, so
 * its position beside named answers says no more than the hour it shows. SQL text, shared by the index
 * below and the gallery's query, which must spell it the same for SQLite to use that index.
 */
export const GALLERY_KEY_SQL = 'CASE WHEN anonymous THEN created_at - created_at % 3600000 ELSE created_at END';

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
    /**
     * Random, unrelated to the sequential id: how an anonymous answer is named in what others read, so its
     * id cannot place it between two named answers. Always set (NULL only in a row written by hand).
     */
    publicId: text('public_id').$defaultFn(randomPublicId),
    /**
     * What the community's facilitators decided (issue 12): 'hidden' answers are read by facilitators and their
     * author only and keep their points; 'removed' ones are read by no one and their points are reversed in
     * the ledger. The one rule that applies this is src/domain/answers/visibility.ts.
     */
    moderation: text('moderation', { enum: ['visible', 'hidden', 'removed'] }).notNull().default('visible'),
    /**
     * When someone other than its author last encouraged it (the latest such kudos' created_at), or NULL: kept by
     * triggers on kudos (migration 0031), so offering a nudge reads only a member's encouraged answers
     * (src/domain/recognition/nudges.ts) instead of probing kudos for every answer they ever gave.
     */
    encouragedAt: integer('encouraged_at'),
  },
  (t) => [
    uniqueIndex('submissions_one_per_level').on(t.promptId, t.userId, t.level),
    // Partial: most answers have no image, and an index entry each for them was written and never read.
    uniqueIndex('submissions_image').on(t.imageId).where(sql`${t.imageId} is not null`),
    uniqueIndex('submissions_public_id').on(t.publicId),
    // The gallery's keyset: newest first by GALLERY_KEY_SQL, then by the public id.
    index('submissions_gallery_key').on(t.promptId, sql.raw(`(${GALLERY_KEY_SQL})`), t.publicId),
    index('submissions_user').on(t.userId),
    // Rhythm and ladder read one member's answers in one community, by time.
    index('submissions_member').on(t.communityId, t.userId, t.createdAt),
    // The gallery feed reads a community's newest answers without sorting all of them.
    index('submissions_community_time').on(t.communityId, t.createdAt),
    // A member's encouraged answers, newest encouragement first (nudges); the others are not in it at all.
    index('submissions_encouraged').on(t.communityId, t.userId, t.encouragedAt).where(sql`${t.encouragedAt} is not null`),
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
  (t) => [
    primaryKey({ columns: [t.submissionId, t.userId, t.kind] }),
    // Badges count the kudos a member gave; without this that walks every answer in the community.
    index('kudos_giver').on(t.userId, t.submissionId),
  ],
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
    /** answer_removed: a facilitator removed the answer (moderation); once per answer, like the others. */
    reason: text('reason', { enum: ['answer', 'answer_deleted', 'answer_removed'] }).notNull(),
    delta: integer('delta').notNull(),
    listed: integer('listed', { mode: 'boolean' }).notNull(),
    /** Monday of the community-local week the points count toward. */
    weekOf: text('week_of').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_once_per_reason').on(t.submissionId, t.reason),
    index('ledger_member').on(t.communityId, t.userId),
    // The shout-out job finds communities with answers in a recent week from this alone.
    index('ledger_week').on(t.weekOf, t.communityId).where(sql`reason = 'answer'`),
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
  (t) => [primaryKey({ columns: [t.communityId, t.userId] })],
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

/** Deployment-wide values the app creates for itself, such as the development credential-signing key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: integer('created_at').notNull(),
});

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
  (t) => [primaryKey({ columns: [t.communityId, t.userId, t.weekOf] })],
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
  (t) => [primaryKey({ columns: [t.communityId, t.userId, t.weekOf] })],
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
  (t) => [primaryKey({ columns: [t.communityId, t.userId, t.view, t.stage] })],
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

/**
 * A member's secret feed URL for one community (/feeds/<token>/…): the only way to read a private community's
 * feeds from a feed reader or a calendar app, which cannot sign in. Stored as SHA-256 like sign-in tokens;
 * one per member and community, so rotating replaces (and revokes) the old one. It works only while the
 * member still belongs to the community.
 */
export const feedTokens = sqliteTable(
  'feed_tokens',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId] }), uniqueIndex('feed_tokens_hash').on(t.tokenHash)],
);

/**
 * The network library: a series a facilitator published for other communities to copy. The prompts are a
 * snapshot taken when publishing (JSON text: [{easy, hard, easyPoints, hardPoints}]), so later edits to the
 * source do not change copies made from it; publishing again refreshes the snapshot.
 */
export const libraryEntries = sqliteTable(
  'library_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seriesId: integer('series_id').notNull().references(() => series.id),
    communityId: integer('community_id').notNull().references(() => communities.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    cadence: text('cadence', { enum: ['daily', 'weekdays', 'weekly'] }).notNull(),
    promptsJson: text('prompts_json').notNull(),
    publishedBy: integer('published_by').notNull().references(() => users.id),
    publishedAt: integer('published_at').notNull(),
  },
  (t) => [uniqueIndex('library_entries_series').on(t.seriesId), index('library_entries_published').on(t.publishedAt)],
);

/**
 * Typo fixes made to prompts that had already opened: answers were written against the text before, so
 * every change is kept (who, when, which level, before and after) and shown to facilitators.
 */
export const promptEdits = sqliteTable(
  'prompt_edits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    promptId: integer('prompt_id').notNull().references(() => prompts.id),
    seriesId: integer('series_id').notNull().references(() => series.id),
    editedBy: integer('edited_by').notNull().references(() => users.id),
    editedAt: integer('edited_at').notNull(),
    level: text('level', { enum: ['easy', 'hard'] }).notNull(),
    before: text('before').notNull(),
    after: text('after').notNull(),
  },
  (t) => [index('prompt_edits_series').on(t.seriesId, t.editedAt)],
);

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

/**
 * Fixed-window rate-limit counters (src/domain/limits): one row per limited subject and window. The key names
 * the limit and a hash of the subject (a member id, or a hashed IP or address: never one in clear). The tick
 * deletes rows whose window has ended.
 */
export const rateLimitCounters = sqliteTable(
  'rate_limit_counters',
  {
    key: text('key').notNull(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
    /** When the window ends (ms): the row is useless after it. */
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limit_counters_expiry').on(t.expiresAt)],
);

/**
 * Community analytics, one snapshot per community (src/domain/analytics/). It covers complete local days up
 * to `as_of` (yesterday when computed), so it stays exact all day; `refresh_at` is when the next local day
 * ends that window, and the tick recomputes snapshots whose time has come, oldest first. Created on first view.
 */
export const communityAnalytics = sqliteTable(
  'community_analytics',
  {
    communityId: integer('community_id')
      .primaryKey()
      .references(() => communities.id),
    asOf: text('as_of').notNull(),
    computedAt: integer('computed_at').notNull(),
    refreshAt: integer('refresh_at').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
  },
  (t) => [index('community_analytics_due').on(t.refreshAt)],
);

/**
 * The stewards' network dashboard, one row per community (src/domain/stewards/): the figures community
 * analytics already keep (taken from its snapshot) and what the network view adds (answers per week, the
 * last answer, spotlight, series and moderation). Recomputed once a local day by the tick, like analytics.
 */
export const networkFigures = sqliteTable(
  'network_figures',
  {
    communityId: integer('community_id')
      .primaryKey()
      .references(() => communities.id),
    asOf: text('as_of').notNull(),
    computedAt: integer('computed_at').notNull(),
    refreshAt: integer('refresh_at').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
  },
  (t) => [index('network_figures_due').on(t.refreshAt)],
);

/**
 * Every steward action, append-only: who made whom a steward, and when. `actor_id` is null for the first
 * steward, made with the deployment's setup secret (POST /api/setup/steward) rather than by a person.
 */
export const stewardLog = sqliteTable(
  'steward_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action', {
      enum: ['make_steward', 'setup_steward', 'set_quiet_days', 'offer_series', 'send_note', 'pin_showcase', 'unpin_showcase', 'archive', 'unarchive'],
    }).notNull(),
    targetUserId: integer('target_user_id').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    /** The community a dashboard action was about (issue 14: offers, notes, pins, archiving). */
    communityId: integer('community_id').references(() => communities.id),
  },
  (t) => [index('steward_log_created').on(t.createdAt)],
);

/** A steward's own dashboard settings: after how many days without an answer a community is "going quiet". */
export const stewardSettings = sqliteTable('steward_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  quietDays: integer('quiet_days').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Connect (issue 15): a member's own settings in one community. "Ask me about" shows nothing unless
 * `askOptIn`; `topics` is a JSON array of the member's own topics (src/domain/connect/ask-me-about.ts
 * cleans them); `notesOff` refuses new encouragement notes on their answers.
 */
export const connectSettings = sqliteTable(
  'connect_settings',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    userId: integer('user_id').notNull().references(() => users.id),
    askOptIn: integer('ask_opt_in', { mode: 'boolean' }).notNull().default(false),
    topics: text('topics').notNull().default('[]'),
    notesOff: integer('notes_off', { mode: 'boolean' }).notNull().default(false),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId] }), index('connect_settings_opted_in').on(t.communityId).where(sql`ask_opt_in = 1`)],
);

/**
 * Encouragement notes (issue 15): a short private note on an answer, read by its sender, the answer's author
 * and the community's facilitators only. `messages` below holds the note's text and the exchange after it.
 * `helpfulAt`: the author marked it helpful (helper credits hook on that). `moderation` as for answers:
 * 'hidden' notes are read by facilitators only; `reportedAt` is the author's report to them.
 */
export const notes = sqliteTable(
  'notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    senderId: integer('sender_id').notNull().references(() => users.id),
    starter: text('starter', { enum: ['helped_me_because', 'love_to_hear_more', 'thank_you_for'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    helpfulAt: integer('helpful_at'),
    reportedAt: integer('reported_at'),
    moderation: text('moderation', { enum: ['visible', 'hidden'] }).notNull().default('visible'),
  },
  (t) => [
    // One note per member per answer: the exchange under it is where more is said.
    uniqueIndex('notes_one_per_sender').on(t.submissionId, t.senderId),
    index('notes_sender').on(t.senderId),
    index('notes_reported').on(t.communityId).where(sql`reported_at is not null`),
  ],
);

/** The messages of a note's exchange, the note's own text first; `seq` 1..MAX_EXCHANGE_MESSAGES. */
export const noteMessages = sqliteTable(
  'note_messages',
  {
    noteId: integer('note_id')
      .notNull()
      .references(() => notes.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    fromRole: text('from_role', { enum: ['sender', 'author'] }).notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.noteId, t.seq] })],
);

/** A member who blocked another from sending them notes, in one community. */
export const noteBlocks = sqliteTable(
  'note_blocks',
  {
    communityId: integer('community_id').notNull().references(() => communities.id),
    blockerId: integer('blocker_id').notNull().references(() => users.id),
    blockedId: integer('blocked_id').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.blockerId, t.blockedId] }), index('note_blocks_blocked').on(t.blockedId)],
);

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
  (t) => [index('help_requests_community').on(t.communityId, t.status, t.createdAt), index('help_requests_user').on(t.userId)],
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
  ],
);

/**
 * A steward's note to a community's facilitators (issue 14): shown to each of them in the app (a
 * notification pointing here) and mailed through the outbox. `from_user_id` is null once its author erased
 * their account; the note itself stays with the facilitators it was sent to until they erase theirs.
 */
export const stewardNotes = sqliteTable(
  'steward_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    fromUserId: integer('from_user_id').references(() => users.id),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('steward_notes_community').on(t.communityId, t.createdAt), index('steward_notes_from').on(t.fromUserId)],
);

/**
 * A series a steward offers to a community (issue 14), usually from a showcase community to a quiet one. It
 * arrives as a draft: a snapshot of the series' texts and points taken when offered, so later edits of the
 * source change nothing. The community's facilitators accept it (it becomes a scheduled series) or decline
 * it; the decision is its own row (`series_offer_decisions`), whose key makes deciding once-only.
 */
export const seriesOffers = sqliteTable(
  'series_offers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id').notNull().references(() => communities.id),
    sourceSeriesId: integer('source_series_id').notNull().references(() => series.id),
    offeredBy: integer('offered_by').references(() => users.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    cadence: text('cadence', { enum: ['daily', 'weekdays', 'weekly'] }).notNull(),
    /** [{ easy, hard, easyPoints, hardPoints }], as the library stores them. */
    promptsJson: text('prompts_json').notNull(),
    /** The steward's word to the facilitators ("this worked well in …"). */
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('series_offers_community').on(t.communityId, t.createdAt), index('series_offers_by').on(t.offeredBy)],
);

export const seriesOfferDecisions = sqliteTable(
  'series_offer_decisions',
  {
    offerId: integer('offer_id')
      .primaryKey()
      .references(() => seriesOffers.id),
    decision: text('decision', { enum: ['accepted', 'declined'] }).notNull(),
    /** The scheduled copy, when accepted. */
    seriesId: integer('series_id').references(() => series.id),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: integer('decided_at').notNull(),
  },
  (t) => [index('series_offer_decisions_by').on(t.decidedBy)],
);
