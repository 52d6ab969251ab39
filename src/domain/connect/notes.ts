/**
 * Encouragement notes (issue 15): sending one on an answer, reading the notes of an answer, replying.
 * The rules themselves are in note-rules.ts; this module reads what they need and writes in one batch.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { noteMessages, notes, submissions } from '../../../db/schema';
import { requireMember } from '../communities/access';
import { isUniqueViolation } from '../constraints';
import { DomainError } from '../errors';
import type { Caller } from '../identity/sessions';
import { visibleAnswer } from '../answers/submissions';
import { isBlocked } from './blocks';
import { noteFor, readerOf, type NoteContext } from './note-access';
import { mayReply, noteRefusal, type NoteStarter } from './note-rules';
import { noteViews, type NoteView } from './note-view';
import { settingsOf } from './settings';

/** What the sender is told when a note cannot be sent: notes off and a block read the same on purpose. */
const REFUSALS = {
  own_answer: () => new DomainError('own_answer', 'Notes are for other members’ answers'),
  notes_off: () => new DomainError('notes_off', 'This member is not taking notes just now'),
  blocked: () => new DomainError('notes_off', 'This member is not taking notes just now'),
  empty: () => new DomainError('invalid_input', 'Write a few words', { issues: [{ path: 'text', message: 'is empty' }] }),
  too_long: () => new DomainError('invalid_input', 'A note is at most 280 characters', { issues: [{ path: 'text', message: 'is too long' }] }),
} as const;

/** The answer's facts a note needs, beyond what visibleAnswer reads. */
async function answerFacts(db: Db, submissionId: number) {
  const [row] = await db
    .select({ id: submissions.id, userId: submissions.userId, anonymous: submissions.anonymous, communityId: submissions.communityId })
    .from(submissions)
    .where(eq(submissions.id, submissionId));
  return row!;
}

/**
 * Sends a note on an answer the caller can see, as a member of its community: one per member per answer
 * (409 `already_noted`), refused on one's own answer (422), when the author turned notes off or blocked the
 * caller (both 409 `notes_off`, so a block is never revealed). One batch: the note and its first message.
 */
export async function sendNote(db: Db, input: { submissionId: number; caller: Caller; starter: NoteStarter; text: string }, now: Date): Promise<NoteView> {
  const { answer: seen, role } = await visibleAnswer(db, input.submissionId, input.caller);
  requireMember(role);
  const answer = await answerFacts(db, seen.id);
  const settings = await settingsOf(db, answer.communityId, answer.userId);
  const refusal = noteRefusal({
    senderId: String(input.caller.id),
    authorId: String(answer.userId),
    authorNotesOff: settings.notesOff,
    senderBlockedByAuthor: await isBlocked(db, answer.communityId, answer.userId, input.caller.id),
    text: input.text,
  });
  if (refusal) throw REFUSALS[refusal]();
  const t = now.getTime();
  const mine = and(eq(notes.submissionId, answer.id), eq(notes.senderId, input.caller.id));
  try {
    await db.batch([
      db.insert(notes).values({ submissionId: answer.id, communityId: answer.communityId, senderId: input.caller.id, starter: input.starter, createdAt: t }),
      db.insert(noteMessages).select(
        db
          .select({
            noteId: notes.id,
            seq: sql<number>`1`.as('seq'),
            fromRole: sql<'sender'>`'sender'`.as('from_role'),
            body: sql<string>`${input.text.trim()}`.as('body'),
            createdAt: sql<number>`${t}`.as('created_at'),
          })
          .from(notes)
          .where(mine),
      ),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('already_noted', 'You already left a note on this answer; reply in it instead');
    throw err;
  }
  const [note] = await db.select().from(notes).where(mine);
  const [view] = await noteViews(db, [{ note: note!, reader: 'sender', answer }]);
  return view!;
}

/**
 * The notes on an answer the caller can see, as the caller may read them: the author reads every visible
 * note, facilitators every note, anyone else only the note they sent (so the list is often empty).
 */
export async function notesOnAnswer(db: Db, input: { submissionId: number; caller: Caller }): Promise<{ notes: NoteView[]; notesOff: boolean | null }> {
  const { answer: seen, role } = await visibleAnswer(db, input.submissionId, input.caller);
  const answer = await answerFacts(db, seen.id);
  const rows = await db.select().from(notes).where(eq(notes.submissionId, answer.id)).orderBy(notes.createdAt, notes.id);
  const contexts: NoteContext[] = [];
  for (const note of rows) {
    const reader = readerOf(input.caller, note, answer.userId, role);
    const shown = reader === 'facilitator' || reader === 'sender' || (reader === 'author' && note.moderation === 'visible');
    if (shown) contexts.push({ note, reader, answer });
  }
  const own = answer.userId === input.caller.id;
  return { notes: await noteViews(db, contexts), notesOff: own ? (await settingsOf(db, answer.communityId, answer.userId)).notesOff : null };
}

/**
 * Replies in a note's exchange: the author first (once), then turns alternate up to MAX_EXCHANGE_MESSAGES;
 * the sender cannot reply once notes are off or they are blocked (409 `reply_not_allowed`). Facilitators
 * read but do not take part (403).
 */
export async function replyToNote(db: Db, input: { noteId: number; caller: Caller; text: string }, now: Date): Promise<NoteView> {
  const context = await noteFor(db, input.noteId, input.caller);
  const { note, reader, answer } = context;
  if (reader !== 'sender' && reader !== 'author') throw new DomainError('forbidden', 'Only the note’s sender and the answer’s author write in it');
  const [views] = await Promise.all([noteViews(db, [context])]);
  const view = views[0]!;
  if (!view.canReply) throw new DomainError('reply_not_allowed', 'It is not your turn in this exchange, or it has ended');
  const t = now.getTime();
  try {
    await db.batch([
      db.insert(noteMessages).values({ noteId: note.id, seq: view.messages.length + 1, fromRole: reader, body: input.text.trim(), createdAt: t }),
    ]);
  } catch (err) {
    // Two replies raced for the same turn: the first one took it.
    if (isUniqueViolation(err)) throw new DomainError('reply_not_allowed', 'It is not your turn in this exchange, or it has ended');
    throw err;
  }
  const [after] = await noteViews(db, [{ note, reader, answer }]);
  return after!;
}
