/** Connecting members: "ask me about" settings, encouragement notes with their exchanges, and blocks. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './identity';
import { communities } from './communities';
import { submissions } from './answers';

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
  (t) => [
    primaryKey({ columns: [t.communityId, t.userId] }),
    index('connect_settings_opted_in').on(t.communityId).where(sql`ask_opt_in = 1`),
    index('connect_settings_user').on(t.userId),
  ],
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
