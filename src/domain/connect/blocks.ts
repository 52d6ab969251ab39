/**
 * Blocks (issue 15): an answer's author stops a member from sending them notes in one community. The
 * blocked member is never told: a new note is refused exactly as when notes are off (notes.ts).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { noteBlocks, users } from '../../../db/schema';
import { communityForViewer, requireMember } from '../communities/access';
import { DomainError } from '../errors';
import type { Caller } from '../identity/sessions';
import { noteFor } from './note-access';

/** True when `blockerId` blocked `blockedId` from sending notes in the community. */
export async function isBlocked(db: Db, communityId: number, blockerId: number, blockedId: number): Promise<boolean> {
  const [row] = await db
    .select({ at: noteBlocks.createdAt })
    .from(noteBlocks)
    .where(and(eq(noteBlocks.communityId, communityId), eq(noteBlocks.blockerId, blockerId), eq(noteBlocks.blockedId, blockedId)));
  return Boolean(row);
}

/**
 * The author of the note's answer blocks its sender from sending them notes (and from replying) in that
 * community. Only the author may; doing it twice changes nothing.
 */
export async function blockNoteSender(db: Db, input: { noteId: number; caller: Caller }, now: Date) {
  const { note, reader } = await noteFor(db, input.noteId, input.caller);
  if (reader !== 'author') throw new DomainError('forbidden', 'Only the answer’s author can block who sends them notes');
  await db
    .insert(noteBlocks)
    .values({ communityId: note.communityId, blockerId: input.caller.id, blockedId: note.senderId, createdAt: now.getTime() })
    .onConflictDoNothing();
  const [blocked] = await db.select({ userId: users.id, name: users.name }).from(users).where(eq(users.id, note.senderId));
  return { blocked: blocked! };
}

/** Lifts the caller's block of `userId` in the community (nothing to lift is fine). */
export async function unblockNoteSender(db: Db, input: { slug: string; userId: number; caller: Caller }) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireMember(role);
  await db
    .delete(noteBlocks)
    .where(and(eq(noteBlocks.communityId, community.id), eq(noteBlocks.blockerId, input.caller.id), eq(noteBlocks.blockedId, input.userId)));
  return { unblocked: input.userId };
}
