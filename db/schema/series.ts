/** Challenge series and their prompts, the edits made to them, and the facilitators' library. */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './identity';
import { communities } from './communities';

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
