/**
 * What one reader sees of a note: the exchange, who the other side is (note-rules.ts counterpartLabel: the
 * sender of a note on an anonymous answer only ever reads "the author"), and whether they may reply.
 */
import type { Db } from '../../../db/client';
import { messagesOf, namesOf, type NoteContext } from './note-access';
import { counterpartLabel, mayReply, type NoteReader } from './note-rules';
import { settingsOf } from './settings';
import { isBlocked } from './blocks';

export interface NoteView {
  id: number;
  starter: string;
  createdAt: number;
  /** The author marked it helpful. */
  helpful: boolean;
  /** 'hidden' by a facilitator (then read by facilitators and the sender only). */
  moderation: 'visible' | 'hidden';
  /** The author reported it to the facilitators (shown to the author and facilitators only). */
  reported: boolean;
  /** The reader's part: sender, author or facilitator. */
  reader: NoteReader;
  /** The other side as this reader may name them. */
  counterpart: ReturnType<typeof counterpartLabel>;
  /** The sender's id, for the author's block and the facilitators; never shown to the sender themselves. */
  senderId: number | null;
  messages: { from: 'sender' | 'author'; text: string; createdAt: number }[];
  canReply: boolean;
}

/** Builds the views of notes on one answer for one reader (names and messages in two queries). */
export async function noteViews(db: Db, contexts: NoteContext[]): Promise<NoteView[]> {
  if (contexts.length === 0) return [];
  const messages = await messagesOf(db, contexts.map((c) => c.note.id));
  const names = await namesOf(db, contexts.flatMap((c) => [c.note.senderId, c.answer.userId]));
  const answer = contexts[0]!.answer;
  const authorSettings = await settingsOf(db, answer.communityId, answer.userId);
  const views: NoteView[] = [];
  for (const { note, reader, answer: a } of contexts) {
    const exchange = messages.get(note.id) ?? [];
    const blocked = await isBlocked(db, a.communityId, a.userId, note.senderId);
    const replier = reader === 'sender' ? 'sender' : reader === 'author' ? 'author' : null;
    views.push({
      id: note.id,
      starter: note.starter,
      createdAt: note.createdAt,
      helpful: note.helpfulAt !== null,
      moderation: note.moderation,
      reported: reader === 'sender' ? false : note.reportedAt !== null,
      reader,
      counterpart: counterpartLabel({
        reader,
        answerAnonymous: a.anonymous,
        authorName: names.get(a.userId) ?? '',
        senderName: names.get(note.senderId) ?? '',
      }),
      senderId: reader === 'sender' ? null : note.senderId,
      messages: exchange.map(({ from, text, createdAt }) => ({ from, text, createdAt })),
      canReply:
        replier !== null &&
        note.moderation === 'visible' &&
        mayReply({ replier, messagesSoFar: exchange, authorNotesOff: authorSettings.notesOff, senderBlockedByAuthor: blocked }),
    });
  }
  return views;
}
