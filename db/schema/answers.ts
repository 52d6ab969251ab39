/** Answers, their images and kudos, and points: the ledger and the scores kept from it by trigger. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './identity';
import { communities } from './communities';
import { prompts } from './series';

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
    // A new row per member and week, never per answer: an erasure finds the member's rows without reading all.
    index('scores_user').on(t.userId),
  ],
);
