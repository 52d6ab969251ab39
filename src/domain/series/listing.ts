/** A community's series, for its facilitators' pages (the editor lists them, each linking to its page). */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { series } from '../../../db/schema';
import { notSessionSeries } from '../live/session-prompt';

/** Every series of the community, newest start first. The caller has already been checked as a facilitator. */
export async function seriesOfCommunity(db: Db, communityId: number) {
  return db
    .select({ id: series.id, title: series.title, startDate: series.startDate, status: series.status })
    .from(series)
    .where(and(eq(series.communityId, communityId), notSessionSeries()))
    .orderBy(desc(series.startDate), desc(series.id));
}
