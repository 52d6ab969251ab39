/**
 * What stewards see and do across communities: analytics snapshots, network figures, their log, settings,
 * notes to facilitators and series offers.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './identity';
import { communities } from './communities';
import { series } from './series';

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
