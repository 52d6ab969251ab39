/**
 * A member's own data in the stewards' tables (issue 14), for the data export and for account erasure:
 * the notes they wrote as a steward and those they received as a facilitator, the series they offered and
 * the offers they decided on. Erasure de-links the member (the notes and offers stay with the communities
 * they were sent to, naming no one); their notifications, which point at received notes, go with the rest.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, notifications, seriesOfferDecisions, seriesOffers, stewardLog, stewardNotes } from '../../../db/schema';

const iso = (ms: number) => new Date(ms).toISOString();

/** What the member's export holds of the stewards' tables. */
export async function stewardDataOf(db: Db, userId: number) {
  const [written, received, offered, decided, actions] = await db.batch([
    db
      .select({ community: communities.slug, body: stewardNotes.body, createdAt: stewardNotes.createdAt })
      .from(stewardNotes)
      .innerJoin(communities, eq(communities.id, stewardNotes.communityId))
      .where(eq(stewardNotes.fromUserId, userId))
      .orderBy(asc(stewardNotes.createdAt)),
    db
      .select({ community: communities.slug, body: stewardNotes.body, createdAt: stewardNotes.createdAt })
      .from(notifications)
      .innerJoin(stewardNotes, eq(stewardNotes.id, notifications.stewardNoteId))
      .innerJoin(communities, eq(communities.id, stewardNotes.communityId))
      .where(eq(notifications.userId, userId))
      .orderBy(asc(stewardNotes.createdAt)),
    db
      .select({ community: communities.slug, title: seriesOffers.title, note: seriesOffers.note, createdAt: seriesOffers.createdAt })
      .from(seriesOffers)
      .innerJoin(communities, eq(communities.id, seriesOffers.communityId))
      .where(eq(seriesOffers.offeredBy, userId))
      .orderBy(asc(seriesOffers.createdAt)),
    db
      .select({ title: seriesOffers.title, decision: seriesOfferDecisions.decision, decidedAt: seriesOfferDecisions.decidedAt })
      .from(seriesOfferDecisions)
      .innerJoin(seriesOffers, eq(seriesOffers.id, seriesOfferDecisions.offerId))
      .where(eq(seriesOfferDecisions.decidedBy, userId))
      .orderBy(asc(seriesOfferDecisions.decidedAt)),
    db.select({ action: stewardLog.action, createdAt: stewardLog.createdAt }).from(stewardLog).where(eq(stewardLog.actorId, userId)).orderBy(asc(stewardLog.createdAt)),
  ]);
  return {
    notesWritten: written.map((n) => ({ ...n, createdAt: iso(n.createdAt) })),
    notesReceived: received.map((n) => ({ ...n, createdAt: iso(n.createdAt) })),
    seriesOffered: offered.map((o) => ({ ...o, createdAt: iso(o.createdAt) })),
    offersDecided: decided.map((d) => ({ ...d, decidedAt: iso(d.decidedAt) })),
    actions: actions.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
  };
}

/** Erasure's statements for the stewards' tables (the log is de-linked by erase-account itself). */
export function stewardErasure(db: Db, userId: number) {
  return [
    db.update(stewardNotes).set({ fromUserId: null }).where(eq(stewardNotes.fromUserId, userId)),
    db.update(seriesOffers).set({ offeredBy: null }).where(eq(seriesOffers.offeredBy, userId)),
    db.update(seriesOfferDecisions).set({ decidedBy: null }).where(eq(seriesOfferDecisions.decidedBy, userId)),
  ] as const;
}
