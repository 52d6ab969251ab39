/** Gathers every analytics figure of one community for one window (definitions in ./figures.ts). */
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { memberships } from '../../../db/schema';
import { funnelCounts } from '../recognition/ladder';
import { namedRhythms } from '../recognition/rhythm-member';
import { activityFigures } from './activity';
import { RHYTHM_BUCKETS, rhythmBucket, type RawAnalytics, type RhythmBucket } from './figures';
import { seriesFigures } from './series';
import type { AnalyticsWindow } from './window';
import type { Pacing } from '../pacing';

interface CommunityZone {
  id: number;
  timeZone: string;
  dayStartHour: number;
}

/**
 * Members per current-run bucket on `asOf`, from named answers only. This one reads each member's history
 * (a run can be long), which is why analytics are a daily snapshot rather than computed per view.
 */
async function rhythmDistribution(db: Db, community: CommunityZone, w: AnalyticsWindow, { pause }: Pacing): Promise<RawAnalytics['rhythm']> {
  const members = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.communityId, community.id), lt(memberships.joinedAt, w.end)));
  const rhythms = await namedRhythms(db, community, members.map((m) => m.userId), { today: w.asOf, before: w.end, pause });
  const counts = new Map<RhythmBucket, number>(RHYTHM_BUCKETS.map((b) => [b, 0]));
  for (const rhythm of rhythms.values()) {
    const bucket = rhythmBucket(rhythm.currentRun);
    counts.set(bucket, counts.get(bucket)! + 1);
  }
  return RHYTHM_BUCKETS.map((bucket) => ({ bucket, members: counts.get(bucket)! }));
}

/**
 * Every figure of the analytics page for `community` over window `w`, as raw counts (never suppressed here).
 * Each part holds the thread while it runs (on the full bench's 10,000-member community, up to 1.8 s for the
 * activity figures); `pause` between them lets requests in.
 */
export async function computeAnalytics(db: Db, community: CommunityZone, w: AnalyticsWindow, pacing: Pacing = {}): Promise<RawAnalytics> {
  const activity = await activityFigures(db, community.id, w, pacing);
  await pacing.pause?.();
  const funnel = await funnelCounts(db, community.id, pacing);
  await pacing.pause?.();
  const seriesPart = await seriesFigures(db, community.id, w);
  await pacing.pause?.();
  const rhythm = await rhythmDistribution(db, community, w, pacing);
  return { asOf: w.asOf, ...activity, funnel: funnel.stages, series: seriesPart, rhythm };
}
