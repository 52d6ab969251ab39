/**
 * Moderation of notes (issue 15), as for answers: the answer's author reports a note to the community's
 * facilitators; facilitators hide it (then only they and its sender read it) or restore it.
 */
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { notes } from '../../../db/schema';
import { communityForViewer, requireFacilitator } from '../communities/access';
import { DomainError } from '../errors';
import type { Caller } from '../identity/sessions';
import { noteFor, type NoteContext } from './note-access';
import { noteViews, type NoteView } from './note-view';

/** The author reports a note to the facilitators; reporting again changes nothing. */
export async function reportNote(db: Db, input: { noteId: number; caller: Caller }, now: Date): Promise<NoteView> {
  const context = await noteFor(db, input.noteId, input.caller);
  if (context.reader !== 'author') throw new DomainError('forbidden', 'Only the answer’s author reports a note');
  if (context.note.reportedAt === null) {
    await db.update(notes).set({ reportedAt: now.getTime() }).where(eq(notes.id, context.note.id));
  }
  return reread(db, context);
}

/** A facilitator hides or restores a note; the same request twice changes nothing. */
export async function moderateNote(db: Db, input: { noteId: number; caller: Caller; action: 'hide' | 'restore' }): Promise<NoteView> {
  const context = await noteFor(db, input.noteId, input.caller);
  if (context.reader !== 'facilitator') throw new DomainError('forbidden', "Only the community's facilitators can do this");
  const moderation = input.action === 'hide' ? 'hidden' : 'visible';
  if (context.note.moderation !== moderation) {
    // Not in moderation_log, whose entries name answers: a note's hide there would read as the answer's.
    await db.update(notes).set({ moderation }).where(eq(notes.id, context.note.id));
  }
  return reread(db, context);
}

/** Notes reported to a community's facilitators, newest first (facilitators only). */
export async function reportedNotes(db: Db, input: { slug: string; caller: Caller }): Promise<{ notes: (NoteView & { answerId: number })[] }> {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireFacilitator(role);
  const rows = await db
    .select({ id: notes.id })
    .from(notes)
    .where(and(eq(notes.communityId, community.id), isNotNull(notes.reportedAt)))
    .orderBy(desc(notes.reportedAt));
  const contexts = await Promise.all(rows.map((r) => noteFor(db, r.id, input.caller)));
  const views: (NoteView & { answerId: number })[] = [];
  // The answer's sequential id, for facilitators alone: they may know who wrote every answer of theirs.
  for (const c of contexts) for (const v of await noteViews(db, [c])) views.push({ ...v, answerId: c.answer.id });
  return { notes: views };
}

async function reread(db: Db, context: NoteContext): Promise<NoteView> {
  const [note] = await db.select().from(notes).where(eq(notes.id, context.note.id));
  const [view] = await noteViews(db, [{ ...context, note: note! }]);
  return view!;
}
