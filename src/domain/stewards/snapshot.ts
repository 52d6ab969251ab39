/**
 * The network dashboard reads one stored row per community (`network_figures`), never the answers
 * themselves, so it stays fast however many communities there are. A row is exact as of its `asOf` (complete
 * local days); once its community's next local day completes the tick recomputes it (a few per run, oldest
 * first). A view computes only the rows that are missing (a new community, the very first view): a stale one
 * is shown as it is, its `asOf` saying which day it covers, so a view never waits for many recomputations.
 */
import { asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, networkFigures } from '../../../db/schema';
import type { Community } from '../communities/access';
import type { Pacing } from '../pacing';
import { analyticsWindow } from '../analytics/window';
import { computeNetworkFigures, type NetworkFigures } from './figures';

/** Rows the tick recomputes per run at most: each may recompute the community's analytics snapshot too. */
export const NETWORK_REFRESHES_PER_TICK = 2;

async function recompute(db: Db, community: Community, now: Date, pacing: Pacing = {}): Promise<NetworkFigures> {
  const data = await computeNetworkFigures(db, community, now, pacing);
  const refreshAt = analyticsWindow(community, now).refreshAt;
  const row = { communityId: community.id, asOf: data.asOf, computedAt: now.getTime(), refreshAt, data };
  await db
    .insert(networkFigures)
    .values(row)
    .onConflictDoUpdate({ target: networkFigures.communityId, set: { asOf: row.asOf, computedAt: row.computedAt, refreshAt, data } });
  return data;
}

/** Every community with its stored network figures, computing those missing. */
export async function networkSnapshot(db: Db, now: Date): Promise<{ community: Community; figures: NetworkFigures }[]> {
  const rows = await db
    .select({ community: communities, stored: networkFigures })
    .from(communities)
    .leftJoin(networkFigures, eq(networkFigures.communityId, communities.id))
    .orderBy(asc(communities.id));
  const out = [];
  for (const { community, stored } of rows) {
    const figures = stored ? (stored.data as NetworkFigures) : await recompute(db, community, now);
    out.push({ community, figures });
  }
  return out;
}

/**
 * For the tick: recomputes the rows whose day has moved on, at most NETWORK_REFRESHES_PER_TICK, oldest first.
 * A community gets its first row from the first dashboard view (as analytics do): a network no steward looks
 * at costs nothing.
 */
export async function refreshDueNetwork(db: Db, now: Date, pacing: Pacing = {}): Promise<number> {
  const due = await db
    .select({ community: communities })
    .from(networkFigures)
    .innerJoin(communities, eq(communities.id, networkFigures.communityId))
    .where(lte(networkFigures.refreshAt, now.getTime()))
    .orderBy(asc(networkFigures.refreshAt))
    .limit(NETWORK_REFRESHES_PER_TICK);
  for (const { community } of due) await recompute(db, community, now, pacing);
  return due.length;
}
