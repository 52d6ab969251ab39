/**
 * Answer ids as the submission routes take them: the sequential id, or the random public id that anonymous
 * answers show to others (src/domain/answers/gallery.ts). A sequential id would let anyone place an anonymous answer
 * between two named ones, so it names an anonymous answer only for those who may know who wrote it.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { memberships, submissions } from '../../../db/schema';
import { notFound } from '../errors';
import type { Caller } from '../identity/sessions';

/** A sequential id (a number) or a public id (32 hex digits). */
export type AnswerRef = number | string;

/** The route parameter as a reference: digits are a sequential id, 32 hex digits a public id; else null. */
export function parseAnswerRef(text: string): AnswerRef | null {
  if (/^[0-9a-f]{32}$/.test(text)) return text;
  return /^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : null;
}

/**
 * The sequential id behind a reference. A public id is looked up (404 when unknown). A sequential id of an
 * anonymous answer is 404 unless the caller is its author or a facilitator of its community;
 * any other sequential id is returned as it is, for the domain function to check as before.
 */
export async function answerIdFor(db: Db, ref: AnswerRef, caller: Caller | null): Promise<number> {
  if (typeof ref === 'string') {
    const [row] = await db.select({ id: submissions.id }).from(submissions).where(eq(submissions.publicId, ref));
    if (!row) throw notFound('Answer');
    return row.id;
  }
  const [row] = await db
    .select({ anonymous: submissions.anonymous, userId: submissions.userId, role: memberships.role })
    .from(submissions)
    .leftJoin(memberships, and(eq(memberships.communityId, submissions.communityId), eq(memberships.userId, caller?.id ?? -1)))
    .where(eq(submissions.id, ref));
  if (!row?.anonymous) return ref;
  const mayKnowAuthor = caller !== null && (row.userId === caller.id || row.role === 'facilitator');
  if (!mayKnowAuthor) throw notFound('Answer');
  return ref;
}
