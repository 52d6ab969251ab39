/**
 * Who people are and how they sign in: users, sessions, sign-in links, API tokens, stored Idempotency-Key
 * responses, deployment settings and rate-limit counters.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    label: text('label').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
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

/** Deployment-wide values the app creates for itself, such as the development credential-signing key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: integer('created_at').notNull(),
});

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
