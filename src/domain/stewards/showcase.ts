/**
 * The home page's showcase strip (issue 14): public communities a steward pinned as examples for the rest of
 * the network, oldest pin first. An archived community leaves the strip (its pin is kept for when it reopens),
 * and so does one made private since: the strip is public.
 */
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities } from '../../../db/schema';

/** How many pinned communities the strip shows at most. */
export const SHOWCASE_SHOWN = 6;

export async function pinnedShowcase(db: Db) {
  return db
    .select({ slug: communities.slug, name: communities.name, description: communities.description })
    .from(communities)
    .where(and(isNotNull(communities.showcasePinnedAt), isNull(communities.archivedAt), eq(communities.visibility, 'public')))
    .orderBy(asc(communities.showcasePinnedAt), asc(communities.id))
    .limit(SHOWCASE_SHOWN);
}
