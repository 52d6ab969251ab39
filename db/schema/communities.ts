/** Communities, their members and invites, and the secret feed URLs of private ones. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './identity';

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
  (t) => [primaryKey({ columns: [t.communityId, t.userId] }), uniqueIndex('feed_tokens_hash').on(t.tokenHash), index('feed_tokens_user').on(t.userId)],
);
