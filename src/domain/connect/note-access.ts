/**
 * Who is reading a note, decided once for every note route: the note with its answer's facts, and the
 * caller's part in it (note-rules.ts: sender, author, facilitator or someone who may not read it).
 * A note the caller may not read is answered exactly like a note that does not exist (404).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, memberships, noteMessages, notes, submissions, users } from '../../../db/schema';
import { roleOf, type ViewerRole } from '../communities/access';
import { canSee } from '../answers/visibility';
import { notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { canReadNote, type NoteReader } from './note-rules';

export type NoteRow = typeof notes.$inferSelect;

export interface NoteContext {
  note: NoteRow;
  reader: NoteReader;
  answer: { id: number; userId: number; anonymous: boolean; communityId: number };
}

/** The caller's part in a note on an answer whose author is `authorId`. */
export function readerOf(caller: Caller, note: Pick<NoteRow, 'senderId'>, authorId: number, role: ViewerRole): NoteReader {
  // A steward who is not a member reads no notes: they are private messages, not moderation material.
  if (caller.id === note.senderId) return 'sender';
  if (caller.id === authorId) return 'author';
  if (role === 'facilitator') return 'facilitator';
  return role === 'member' ? 'member' : 'outsider';
}

/**
 * The note and the caller's part in it; 404 unless the caller may read it: its sender, the answer's
 * author, or a facilitator of the community. Hidden notes (moderation) are for facilitators and their sender;
 * notes on an answer the reader can no longer see (removed) are for facilitators only.
 */
export async function noteFor(db: Db, noteId: number, caller: Caller): Promise<NoteContext> {
  const [row] = await db
    .select({
      note: notes,
      answer: { id: submissions.id, userId: submissions.userId, anonymous: submissions.anonymous, communityId: submissions.communityId },
      visibility: submissions.visibility,
      moderation: submissions.moderation,
      communityVisibility: communities.visibility,
      membershipRole: memberships.role,
    })
    .from(notes)
    .innerJoin(submissions, eq(submissions.id, notes.submissionId))
    .innerJoin(communities, eq(communities.id, notes.communityId))
    .leftJoin(memberships, and(eq(memberships.communityId, notes.communityId), eq(memberships.userId, caller.id)))
    .where(eq(notes.id, noteId));
  if (!row) throw notFound('Note');
  const role = roleOf(row.membershipRole, caller);
  const reader = readerOf(caller, row.note, row.answer.userId, role);
  const answerSeen = canSee({ role, callerId: caller.id }, { ...row.answer, visibility: row.visibility, moderation: row.moderation }, row.communityVisibility);
  const mayRead =
    canReadNote(reader) &&
    (reader === 'facilitator' || (answerSeen && (row.note.moderation === 'visible' || reader === 'sender')));
  if (!mayRead || role === 'visitor') throw notFound('Note');
  return { note: row.note, reader, answer: row.answer };
}

/** The messages of notes, in order, grouped by note id. */
export async function messagesOf(db: Db, noteIds: number[]) {
  const byNote = new Map<number, { seq: number; from: 'sender' | 'author'; text: string; createdAt: number }[]>(noteIds.map((id) => [id, []]));
  if (noteIds.length === 0) return byNote;
  const rows = await db.select().from(noteMessages).where(inArray(noteMessages.noteId, noteIds)).orderBy(asc(noteMessages.noteId), asc(noteMessages.seq));
  for (const m of rows) byNote.get(m.noteId)?.push({ seq: m.seq, from: m.fromRole, text: m.body, createdAt: m.createdAt });
  return byNote;
}

/** Display names by user id. */
export async function namesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((u) => [u.id, u.name]));
}
