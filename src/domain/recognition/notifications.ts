/**
 * What a member is told in the app: their answer was spotlighted, they earned a badge; for facilitators, a
 * steward's note or a series a steward offers their community (issue 14). Only ever read by
 * the member themself, so it may point at their anonymous answers.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, notifications, spotlights, submissions } from '../../../db/schema';
import { badgeById } from '../badges/catalog';
import { notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { stewardNotes } from '../../../db/schema';

/** The caller's notifications, newest first (only unread ones with `unread`). */
export async function listNotifications(db: Db, input: { caller: Caller; unread: boolean; limit: number }) {
  const rows = await db
    .select({
      n: notifications,
      slug: communities.slug,
      communityName: communities.name,
      promptId: submissions.promptId,
      note: spotlights.note,
      stewardNote: stewardNotes.body,
    })
    .from(notifications)
    .innerJoin(communities, eq(communities.id, notifications.communityId))
    .leftJoin(submissions, eq(submissions.id, notifications.submissionId))
    .leftJoin(spotlights, eq(spotlights.submissionId, notifications.submissionId))
    .leftJoin(stewardNotes, eq(stewardNotes.id, notifications.stewardNoteId))
    .where(and(eq(notifications.userId, input.caller.id), input.unread ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(input.limit);
  return {
    items: rows.map(({ n, slug, communityName, promptId, note, stewardNote }) => {
      const badge = n.badgeId ? badgeById(n.badgeId) : undefined;
      return {
        id: n.id,
        kind: n.kind,
        community: { slug, name: communityName },
        submission: n.submissionId === null ? null : { id: n.submissionId, promptId: promptId! },
        badge: badge ? { id: badge.id, name: badge.name, tier: badge.tier } : null,
        // A spotlight's note from the facilitator, or a steward's note to the facilitators (issue 14).
        note: n.kind === 'spotlight' ? (note ?? null) : n.kind === 'steward_note' ? (stewardNote ?? null) : null,
        createdAt: new Date(n.createdAt).toISOString(),
        readAt: n.readAt === null ? null : new Date(n.readAt).toISOString(),
      };
    }),
  };
}

/** Marks one of the caller's notifications read; someone else's is 404. Reading twice keeps the first time. */
export async function markNotificationRead(db: Db, input: { caller: Caller; id: number }, now: Date) {
  const mine = and(eq(notifications.id, input.id), eq(notifications.userId, input.caller.id));
  await db.update(notifications).set({ readAt: now.getTime() }).where(and(mine, isNull(notifications.readAt)));
  const [row] = await db.select({ id: notifications.id, readAt: notifications.readAt }).from(notifications).where(mine);
  if (!row) throw notFound('Notification');
  return { id: row.id, readAt: new Date(row.readAt!).toISOString() };
}
