/**
 * A steward's note to a community's facilitators (issue 14): "your community has gone quiet, can I help?".
 * Each facilitator is told in the app (a notification pointing at the note) and by mail through the outbox,
 * in the same batch as the note and its steward_log row. The note's text is never logged; the mail carries it
 * because its readers are exactly the note's.
 */
import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { memberships, notifications, stewardLog, stewardNotes, users } from '../../../db/schema';
import { isUniqueViolation } from '../constraints';
import { DomainError } from '../errors';
import { queueMail } from '../mail/queue';
import type { Caller } from '../identity/sessions';
import { communityForSteward } from './community-actions';

/** The facilitators a note goes to: the community's own, with an address that reaches them (not erased). */
async function facilitatorsOf(db: Db, communityId: number) {
  return db
    .select({ id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, communityId), eq(memberships.role, 'facilitator'), eq(users.erased, false)));
}

/**
 * Sends `body` to the facilitators of `slug` (stewards only; anyone else 404). `baseUrl` is where the mail's
 * link points. A community without a facilitator cannot be written to (422).
 */
export async function sendNote(db: Db, caller: Caller | null, input: { slug: string; body: string; baseUrl: string }, now: Date) {
  const { steward, community } = await communityForSteward(db, caller, input.slug);
  const to = await facilitatorsOf(db, community.id);
  if (to.length === 0) throw new DomainError('invalid_input', 'This community has no facilitator to write to', { issues: [{ path: 'slug', message: 'no facilitator' }] });
  const t = now.getTime();
  const link = new URL('/me', input.baseUrl).href;
  const text = `${steward.name}, a steward of your Kindling network, wrote to the facilitators of ${community.name}:\n\n${input.body}\n\nRead it in Kindling: ${link}\n`;
  // The note's id is chosen here so the notifications can point at it in the same batch; a concurrent
  // note taking it fails the batch, and we take the next one.
  for (let attempt = 0; ; attempt++) {
    const [last] = await db.select({ id: max(stewardNotes.id) }).from(stewardNotes);
    const id = (last?.id ?? 0) + 1;
    try {
      await db.batch([
        db.insert(stewardNotes).values({ id, communityId: community.id, fromUserId: steward.id, body: input.body, createdAt: t }),
        db.insert(stewardLog).values({ actorId: steward.id, action: 'send_note', communityId: community.id, createdAt: t }),
        db.insert(notifications).values(
          to.map((f) => ({ userId: f.id, communityId: community.id, kind: 'steward_note' as const, stewardNoteId: id, dedupeKey: `steward_note:${id}`, createdAt: t })),
        ),
        ...to.map((f) => queueMail(db, { to: f.email, subject: `A note from your network steward about ${community.name}`, text, kind: 'notice' }, now)),
      ]);
      return { id, community: community.slug, sentTo: to.length, createdAt: now.toISOString() };
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 4) throw err;
    }
  }
}
