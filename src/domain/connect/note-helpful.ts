/**
 * "Note marked helpful" (issue 15): the author tells a note's sender it helped. This is the event helper
 * credits hook into (src/domain/credits): each hook in NOTE_HELPFUL_HOOKS turns the event into
 * writes that commit in the same batch as the mark, so credits can never drift from the marks.
 * Notes never add to the receiver's points; the mark only ever credits the giver.
 */
import type { BatchItem } from 'drizzle-orm/batch';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { notes } from '../../../db/schema';
import { creditEntry } from '../credits/ledger';
import { DomainError } from '../errors';
import type { Caller } from '../identity/sessions';
import { noteFor } from './note-access';
import { noteViews, type NoteView } from './note-view';

/** The event: which note, who gave it (the sender, to be credited), in which community, by whom and when. */
export interface NoteMarkedHelpful {
  noteId: number;
  giverId: number;
  communityId: number;
  markedBy: number;
  at: Date;
}

/** Writes to run with a mark, in its batch. */
export type NoteHelpfulHook = (db: Db, event: NoteMarkedHelpful) => BatchItem<'sqlite'>[];

/** A helper credit to the note's giver; the ledger's one-entry-per-ref rule keeps it to one per note. */
const creditTheGiver: NoteHelpfulHook = (db, event) => [
  creditEntry(db, { communityId: event.communityId, userId: event.giverId, reason: 'note_helpful', ref: `note:${event.noteId}` }, event.at),
];
export const NOTE_HELPFUL_HOOKS: readonly NoteHelpfulHook[] = [creditTheGiver];

/**
 * The answer's author marks a note helpful. Only the author (403 otherwise); marking again changes nothing
 * and fires no event (`event` is null then). One batch: the mark and every hook's writes, conditional on the
 * note not being marked yet, so two racing marks fire the event's writes once at most.
 */
export async function markNoteHelpful(
  db: Db,
  input: { noteId: number; caller: Caller },
  now: Date,
  hooks: readonly NoteHelpfulHook[] = NOTE_HELPFUL_HOOKS,
): Promise<{ note: NoteView; event: NoteMarkedHelpful | null }> {
  const context = await noteFor(db, input.noteId, input.caller);
  if (context.reader !== 'author') throw new DomainError('forbidden', 'Only the answer’s author marks a note helpful');
  let event: NoteMarkedHelpful | null = null;
  if (context.note.helpfulAt === null) {
    event = { noteId: context.note.id, giverId: context.note.senderId, communityId: context.note.communityId, markedBy: input.caller.id, at: now };
    const mark = db
      .update(notes)
      .set({ helpfulAt: now.getTime() })
      .where(and(eq(notes.id, context.note.id), isNull(notes.helpfulAt)))
      .returning({ id: notes.id });
    const [marked] = await db.batch([mark, ...hooks.flatMap((hook) => hook(db, event!))]);
    if (marked.length === 0) event = null;
  }
  const [note] = await db.select().from(notes).where(eq(notes.id, context.note.id));
  const [view] = await noteViews(db, [{ ...context, note: note! }]);
  return { note: view!, event };
}
