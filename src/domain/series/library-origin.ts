/** Where a copied series came from: "Adapted from <title> by <community>". */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, libraryEntries } from '../../../db/schema';

/** The library entry a series was copied from, with its source community's current name; null for an original. */
export async function adaptedFrom(db: Db, entryId: number | null) {
  if (entryId === null) return null;
  const [entry] = await db
    .select({ entryId: libraryEntries.id, title: libraryEntries.title, community: communities.name })
    .from(libraryEntries)
    .innerJoin(communities, eq(communities.id, libraryEntries.communityId))
    .where(eq(libraryEntries.id, entryId));
  return entry ?? null;
}
