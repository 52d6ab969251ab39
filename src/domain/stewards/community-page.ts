/**
 * What the steward's page for one community (/network/c/:slug) shows: its dashboard row, whether it is
 * archived or pinned, the offers made to it, and the series a steward may offer it: those of the network's
 * showcase communities and pinned ones (public, not this one), the examples the rest can learn from.
 */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, series } from '../../../db/schema';
import { networkQuery } from '../../schemas/stewards';
import type { Caller } from '../identity/sessions';
import { communityForSteward } from './community-actions';
import { offersOf } from './offers';
import { quietDaysOf } from './settings';
import { networkSnapshot } from './snapshot';
import { networkView } from './view';
import { notSessionSeries } from '../live/session-prompt';

/** The page's content, for stewards only (404 otherwise, and for an unknown slug). */
export async function stewardCommunityPage(db: Db, caller: Caller | null, slug: string, now: Date) {
  const { steward, community } = await communityForSteward(db, caller, slug);
  const view = networkView(await networkSnapshot(db, now), { ...networkQuery.parse({}), quietDays: await quietDaysOf(db, steward.id) });
  const row = view.communities.find((r) => r.slug === community.slug)!;
  const examples = view.communities.filter((r) => r.visibility === 'public' && r.slug !== community.slug && (r.showcase || r.pinned)).map((r) => r.slug);
  const offerable = examples.length
    ? await db
        .select({ id: series.id, title: series.title, community: communities.name })
        .from(series)
        .innerJoin(communities, eq(communities.id, series.communityId))
        .where(and(inArray(communities.slug, examples), ne(series.cadence, 'weekly'), notSessionSeries()))
        .orderBy(asc(communities.name), asc(series.title))
    : [];
  const { offers } = await offersOf(db, steward, community.slug);
  return {
    community: { slug: community.slug, name: community.name, visibility: community.visibility, archived: community.archivedAt !== null, pinned: community.showcasePinnedAt !== null },
    row,
    offerable,
    offers,
  };
}
