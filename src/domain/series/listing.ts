/** A community's series, for its facilitators' pages (the editor lists them, each linking to its page). */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { series } from '../../../db/schema';

/** Every series of the community, newest start first. The caller has already been checked as a facilitator. */
export async function seriesOfCommunity(db: Db, communityId: number) {
  return db
    .select({ id: series.id, title: series.title, startDate: series.startDate, status: series.status })
    .from(series)
    .where(eq(series.communityId, communityId))
    .orderBy(desc(series.startDate), desc(series.id));
}
