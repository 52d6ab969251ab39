/**
 * Analytics are read from a daily snapshot (`community_analytics`): computing them reads a community's whole
 * answer history, too slow for a page view in a big community. A snapshot covers complete local days up to
 * yesterday, so it is exact until the next local day completes; then the tick recomputes it (a few per run,
 * oldest first), and a view that finds it stale (or missing: the first view) recomputes it itself.
 */
import { asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, communityAnalytics } from '../../../db/schema';
import { communityForViewer, requireFacilitator, type Community } from '../communities/access';
import { manages } from '../communities/access';
import { notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { addDays, localDay } from '../time';
import { computeAnalytics } from './compute';
import type { Pacing } from '../pacing';
import type { RawAnalytics } from './figures';
import { analyticsView } from './view';
import { analyticsWindow } from './window';

/**
 * Snapshots the tick recomputes per run at most: each reads a community's whole history (about a second
 * for 100,000 answers, tests/bench/analytics.ts) and SQLite on Node blocks the thread meanwhile, so one a
 * minute; a facilitator who comes first recomputes their own.
 */
export const REFRESHES_PER_TICK = 1;

async function recompute(db: Db, community: Community, now: Date, pacing: Pacing) {
  const w = analyticsWindow(community, now);
  const data = await computeAnalytics(db, community, w, pacing);
  const row = { communityId: community.id, asOf: w.asOf, computedAt: now.getTime(), refreshAt: w.refreshAt, data };
  await db
    .insert(communityAnalytics)
    .values(row)
    .onConflictDoUpdate({ target: communityAnalytics.communityId, set: { asOf: row.asOf, computedAt: row.computedAt, refreshAt: row.refreshAt, data } });
  return { data, computedAt: row.computedAt };
}

/**
 * The community's current snapshot, computed first when it is missing or no longer ends yesterday (`pacing`:
 * see computeAnalytics).
 */
export async function currentAnalytics(db: Db, community: Community, now: Date, pacing: Pacing = {}): Promise<{ data: RawAnalytics; computedAt: number }> {
  const asOf = addDays(localDay(now, community.timeZone, community.dayStartHour), -1);
  const [row] = await db.select().from(communityAnalytics).where(eq(communityAnalytics.communityId, community.id));
  if (row && row.asOf === asOf) return { data: row.data as RawAnalytics, computedAt: row.computedAt };
  return recompute(db, community, now, pacing);
}

/**
 * The community if the caller may read its analytics: its facilitators (and stewards). Everyone else gets
 * 404 for a private community (members included: the console does not exist for them) and 403 for a public one.
 */
export async function analyticsCommunity(db: Db, slug: string, caller: Caller | null) {
  const { community, role } = await communityForViewer(db, slug, caller);
  if (!manages(role) && community.visibility === 'private') throw notFound('Community');
  requireFacilitator(role);
  return community;
}

/** The analytics of a community as facilitators read them (no access check: see analyticsCommunity). */
export async function analyticsOf(db: Db, community: Community, now: Date, pacing: Pacing = {}) {
  const { data, computedAt } = await currentAnalytics(db, community, now, pacing);
  return { community: { slug: community.slug, name: community.name }, ...analyticsView(data, computedAt) };
}

/** GET …/analytics: the community's analytics for its facilitators. */
export async function communityAnalyticsFor(db: Db, input: { slug: string; caller: Caller | null }, now: Date, pacing: Pacing = {}) {
  return analyticsOf(db, await analyticsCommunity(db, input.slug, input.caller), now, pacing);
}

/** For the tick: recomputes the snapshots whose window has moved on, at most REFRESHES_PER_TICK. */
export async function refreshDueAnalytics(db: Db, now: Date, pacing: Pacing = {}): Promise<number> {
  const due = await db
    .select({ community: communities })
    .from(communityAnalytics)
    .innerJoin(communities, eq(communities.id, communityAnalytics.communityId))
    .where(lte(communityAnalytics.refreshAt, now.getTime()))
    .orderBy(asc(communityAnalytics.refreshAt))
    .limit(REFRESHES_PER_TICK);
  for (const { community } of due) await recompute(db, community, now, pacing);
  return due.length;
}
