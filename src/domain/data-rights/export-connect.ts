/**
 * The connect part of a member's export (issue 15): their "ask me about" settings, how many members they
 * blocked, the notes they sent and the notes on their answers. Only the member's own words: the other side's
 * messages are counted, never copied, so the export holds nothing written by anyone else.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import * as t from '../../../db/schema';
import { parseTopics } from '../connect/settings';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The connect part of member `u`'s export (see the file comment: their own words only). */
export async function connectExport(db: Db, u: number) {
  const [settings, blocks, sent, received] = await db.batch([
    db
      .select({ community: t.communities.slug, askOptIn: t.connectSettings.askOptIn, topics: t.connectSettings.topics, notesOff: t.connectSettings.notesOff, updatedAt: t.connectSettings.updatedAt })
      .from(t.connectSettings)
      .innerJoin(t.communities, eq(t.communities.id, t.connectSettings.communityId))
      .where(eq(t.connectSettings.userId, u))
      .orderBy(asc(t.communities.slug)),
    db.select({ community: t.communities.slug }).from(t.noteBlocks).innerJoin(t.communities, eq(t.communities.id, t.noteBlocks.communityId)).where(eq(t.noteBlocks.blockerId, u)),
    db
      .select({ id: t.notes.id, community: t.communities.slug, starter: t.notes.starter, createdAt: t.notes.createdAt, helpfulAt: t.notes.helpfulAt })
      .from(t.notes)
      .innerJoin(t.communities, eq(t.communities.id, t.notes.communityId))
      .where(eq(t.notes.senderId, u))
      .orderBy(asc(t.notes.id)),
    db
      .select({ id: t.notes.id, answerId: t.notes.submissionId, starter: t.notes.starter, createdAt: t.notes.createdAt, helpfulAt: t.notes.helpfulAt })
      .from(t.notes)
      .innerJoin(t.submissions, eq(t.submissions.id, t.notes.submissionId))
      .where(eq(t.submissions.userId, u))
      .orderBy(asc(t.notes.id)),
  ]);
  const ids = [...sent, ...received].map((n) => n.id);
  const messages = ids.length ? await db.select().from(t.noteMessages).where(inArray(t.noteMessages.noteId, ids)).orderBy(asc(t.noteMessages.seq)) : [];
  const own = (noteId: number, role: 'sender' | 'author') =>
    messages.filter((m) => m.noteId === noteId && m.fromRole === role).map((m) => ({ text: m.body, createdAt: iso(m.createdAt) }));
  const others = (noteId: number, role: 'sender' | 'author') => messages.filter((m) => m.noteId === noteId && m.fromRole !== role).length;
  return {
    settings: settings.map((s) => ({ ...s, topics: parseTopics(s.topics), updatedAt: iso(s.updatedAt) })),
    membersBlocked: blocks.length,
    notesSent: sent.map((n) => ({ community: n.community, starter: n.starter, createdAt: iso(n.createdAt), markedHelpful: n.helpfulAt !== null, yourMessages: own(n.id, 'sender'), repliesReceived: others(n.id, 'sender') })),
    notesReceived: received.map((n) => ({ answerId: n.answerId, starter: n.starter, createdAt: iso(n.createdAt), markedHelpful: n.helpfulAt !== null, yourReplies: own(n.id, 'author'), messagesFromSender: others(n.id, 'author') })),
  };
}

/** Erasure (erase-account.ts): the member's settings, blocks either way, notes they sent and notes on their answers. */
export function eraseConnect(db: Db, u: number) {
  const theirAnswers = db.select({ id: t.submissions.id }).from(t.submissions).where(eq(t.submissions.userId, u));
  const theirNotes = db.select({ id: t.notes.id }).from(t.notes).where(inArray(t.notes.submissionId, theirAnswers));
  const sentNotes = db.select({ id: t.notes.id }).from(t.notes).where(eq(t.notes.senderId, u));
  return [
    db.delete(t.noteMessages).where(inArray(t.noteMessages.noteId, theirNotes)),
    db.delete(t.noteMessages).where(inArray(t.noteMessages.noteId, sentNotes)),
    db.delete(t.notes).where(inArray(t.notes.submissionId, theirAnswers)),
    db.delete(t.notes).where(eq(t.notes.senderId, u)),
    db.delete(t.noteBlocks).where(eq(t.noteBlocks.blockerId, u)),
    db.delete(t.noteBlocks).where(eq(t.noteBlocks.blockedId, u)),
    db.delete(t.connectSettings).where(eq(t.connectSettings.userId, u)),
  ] as const;
}
