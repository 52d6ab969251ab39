/**
 * Series offers (issue 14): a steward sends a community (usually a quiet one) a copy of a series that worked
 * elsewhere (usually in a showcase community). It arrives as a draft, a snapshot of the series' texts and
 * points, and becomes a series only with the consent of one of the community's own facilitators: they accept
 * it with a start date (it is scheduled like a series copied from the library) or decline it. Deciding is
 * once-only: the decision's row is keyed by the offer, so a second decision (or a race) is 409 offer_decided.
 */
import { and, asc, desc, eq, max, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { communities, memberships, notifications, prompts, series, seriesOfferDecisions, seriesOffers, stewardLog, users } from '../../../db/schema';
import { communityByIdForViewer, communityForViewer, manages } from '../communities/access';
import { requireOpen } from '../archive';
import { isUniqueViolation } from '../constraints';
import { DomainError, notFound } from '../errors';
import { seriesWrites, withNewSeriesId, type NewSeries } from '../series/series';
import type { Caller } from '../identity/sessions';
import { communityForSteward } from './community-actions';

type OfferPrompt = NewSeries['prompts'][number];

/**
 * Offers series `seriesId` to the community `slug` (stewards only; anyone else 404), with a word for its
 * facilitators. A private community's series travels only through the library, published by its own
 * facilitators (422 not_public); offering a community its own series is 422 same_community.
 */
export async function offerSeries(db: Db, caller: Caller | null, input: { slug: string; seriesId: number; note: string }, now: Date) {
  const { steward, community } = await communityForSteward(db, caller, input.slug);
  requireOpen(community);
  const [source] = await db
    .select({ s: series, visibility: communities.visibility })
    .from(series)
    .innerJoin(communities, eq(communities.id, series.communityId))
    .where(eq(series.id, input.seriesId));
  if (!source) throw notFound('Series');
  if (source.visibility !== 'public') {
    throw new DomainError('not_public', "A private community's series is shared through the library, by its facilitators", { issues: [{ path: 'seriesId', message: 'from a private community' }] });
  }
  if (source.s.communityId === community.id) {
    throw new DomainError('same_community', 'This series is already in that community', { issues: [{ path: 'seriesId', message: 'same community' }] });
  }
  if (source.s.cadence === 'weekly') throw new DomainError('invalid_input', 'Only daily and weekday series can be offered', { issues: [{ path: 'seriesId', message: 'weekly' }] });
  const rows = await db.select().from(prompts).where(eq(prompts.seriesId, source.s.id)).orderBy(asc(prompts.position));
  const snapshot: OfferPrompt[] = rows.map((p) => ({ easy: p.easyText, hard: p.hardText, easyPoints: p.easyPoints, hardPoints: p.hardPoints }));
  const facilitators = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.communityId, community.id), eq(memberships.role, 'facilitator')));
  const t = now.getTime();
  const values = {
    communityId: community.id,
    sourceSeriesId: source.s.id,
    offeredBy: steward.id,
    title: source.s.title,
    description: source.s.description,
    cadence: source.s.cadence,
    promptsJson: JSON.stringify(snapshot),
    note: input.note,
    createdAt: t,
  };
  // The offer's id is chosen here so its notifications can name it in the same batch (offer, log, each
  // facilitator told); a concurrent offer taking that id fails the batch, and we take the next one.
  for (let attempt = 0; ; attempt++) {
    const [last] = await db.select({ id: max(seriesOffers.id) }).from(seriesOffers);
    const id = (last?.id ?? 0) + 1;
    try {
      await db.batch([
        db.insert(seriesOffers).values({ id, ...values }),
        db.insert(stewardLog).values({ actorId: steward.id, action: 'offer_series', communityId: community.id, createdAt: t }),
        ...facilitators.map((f) =>
          db.insert(notifications).values({ userId: f.id, communityId: community.id, kind: 'series_offer', dedupeKey: `series_offer:${id}`, createdAt: t }),
        ),
      ]);
      return (await offersWhere(db, eq(seriesOffers.id, id)))[0]!;
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 4) throw err;
    }
  }
}

const decider = alias(users, 'decider');
const offerer = alias(users, 'offerer');
const sourceCommunity = alias(communities, 'source_community');

async function offersWhere(db: Db, where: SQL | undefined) {
  const rows = await db
    .select({ o: seriesOffers, d: seriesOfferDecisions, from: offerer.name, fromErased: offerer.erased, source: sourceCommunity.name, sourceSlug: sourceCommunity.slug, target: communities.slug })
    .from(seriesOffers)
    .innerJoin(communities, eq(communities.id, seriesOffers.communityId))
    .innerJoin(series, eq(series.id, seriesOffers.sourceSeriesId))
    .innerJoin(sourceCommunity, eq(sourceCommunity.id, series.communityId))
    .leftJoin(offerer, eq(offerer.id, seriesOffers.offeredBy))
    .leftJoin(seriesOfferDecisions, eq(seriesOfferDecisions.offerId, seriesOffers.id))
    .where(where)
    .orderBy(desc(seriesOffers.createdAt), desc(seriesOffers.id));
  return rows.map(({ o, d, from, fromErased, source, sourceSlug, target }) => ({
    id: o.id,
    community: target,
    from: { community: { slug: sourceSlug, name: source }, seriesId: o.sourceSeriesId, steward: from === null || fromErased ? null : from },
    title: o.title,
    description: o.description,
    cadence: o.cadence,
    note: o.note,
    prompts: JSON.parse(o.promptsJson) as OfferPrompt[],
    offeredAt: new Date(o.createdAt).toISOString(),
    status: d ? d.decision : ('pending' as const),
    decidedAt: d ? new Date(d.decidedAt).toISOString() : null,
    seriesId: d?.seriesId ?? null,
  }));
}

export type SeriesOffer = Awaited<ReturnType<typeof offersWhere>>[number];

/** The offers made to a community, newest first: for those who manage it (404 private, 403 public otherwise). */
export async function offersOf(db: Db, caller: Caller | null, slug: string) {
  const { community, role } = await communityForViewer(db, slug, caller);
  if (!manages(role)) throw new DomainError('forbidden', "Only the community's facilitators can see what is offered to it");
  return { community: { slug: community.slug, name: community.name, archived: community.archivedAt !== null }, offers: await offersWhere(db, eq(seriesOffers.communityId, community.id)) };
}

/** An offer for one of its community's own facilitators to decide on: 404 when hidden, 403 for anyone else. */
async function offerToDecide(db: Db, caller: Caller, offerId: number) {
  const [row] = await db.select().from(seriesOffers).where(eq(seriesOffers.id, offerId));
  if (!row) throw notFound('Offer');
  const { community, role } = await communityByIdForViewer(db, row.communityId, caller, 'Offer');
  // Consent is the facilitators' own: a steward who is not one of them cannot accept on their behalf.
  if (role !== 'facilitator') throw new DomainError('forbidden', "Only the community's facilitators can accept or decline an offer");
  return { offer: row, community };
}

const decided = () => new DomainError('offer_decided', 'This offer was already accepted or declined');

async function requirePending(db: Db, offerId: number) {
  const [d] = await db.select({ id: seriesOfferDecisions.offerId }).from(seriesOfferDecisions).where(eq(seriesOfferDecisions.offerId, offerId));
  if (d) throw decided();
}

/**
 * Accepts an offer: in one batch, the series (scheduled from `startDate`, as a library copy is) and the
 * decision. A second decision's row conflicts with the first, so the whole batch fails: 409 offer_decided.
 */
export async function acceptOffer(db: Db, caller: Caller, input: { offerId: number; startDate: string }, now: Date) {
  const { offer, community } = await offerToDecide(db, caller, input.offerId);
  requireOpen(community);
  await requirePending(db, offer.id);
  const newSeries: NewSeries = { title: offer.title, description: offer.description, startDate: input.startDate, cadence: offer.cadence, prompts: JSON.parse(offer.promptsJson) as OfferPrompt[] };
  const decision = (seriesId: number | null) =>
    db.insert(seriesOfferDecisions).values({ offerId: offer.id, decision: seriesId === null ? 'declined' : 'accepted', seriesId, decidedBy: caller.id, decidedAt: now.getTime() });
  await withNewSeriesId(
    db,
    (id) => db.batch([...seriesWrites(db, community, caller.id, newSeries, now, id), decision(id)]),
    () => requirePending(db, offer.id),
  );
  return (await offersWhere(db, eq(seriesOffers.id, offer.id)))[0]!;
}

/** Declines an offer (once; 409 offer_decided after any decision). */
export async function declineOffer(db: Db, caller: Caller, offerId: number, now: Date) {
  const { offer } = await offerToDecide(db, caller, offerId);
  await requirePending(db, offer.id);
  try {
    await db.insert(seriesOfferDecisions).values({ offerId: offer.id, decision: 'declined', seriesId: null, decidedBy: caller.id, decidedAt: now.getTime() });
  } catch (err) {
    if (isUniqueViolation(err)) throw decided();
    throw err;
  }
  return (await offersWhere(db, eq(seriesOffers.id, offer.id)))[0]!;
}
