/** Gathers every analytics figure of one community for one window (definitions in ./figures.ts). */
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { memberships } from '../../../db/schema';
import { funnelCounts } from '../recognition/ladder';
import { computeRhythm, postedDays } from '../recognition/rhythm';
import { loadRhythmSource } from '../recognition/rhythm-member';
import { activityFigures } from './activity';
import { RHYTHM_BUCKETS, rhythmBucket, type RawAnalytics, type RhythmBucket } from './figures';
import { seriesFigures } from './series';
import type { AnalyticsWindow } from './window';

interface CommunityZone {
  id: number;
  timeZone: string;
  dayStartHour: number;
}

/**
 * Members per current-run bucket on `asOf`, from named answers only. This one reads each member's history
 * (a run can be long), which is why analytics are a daily snapshot rather than computed per view.
 */
async function rhythmDistribution(db: Db, community: CommunityZone, w: AnalyticsWindow): Promise<RawAnalytics['rhythm']> {
  const [members, source] = await Promise.all([
    db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.communityId, community.id), lt(memberships.joinedAt, w.end))),
    loadRhythmSource(db, community.id, { namedOnly: true }),
  ]);
  const counts = new Map<RhythmBucket, number>(RHYTHM_BUCKETS.map((b) => [b, 0]));
  for (const { userId } of members) {
    const instants = (source.answers.get(userId) ?? []).filter((t) => t < w.end);
    const rhythm = computeRhythm({
      days: postedDays(instants, community.timeZone, community.dayStartHour),
      restWeeks: source.rest.get(userId) ?? [],
      goals: source.goals.get(userId) ?? [],
      today: w.asOf,
    });
    const bucket = rhythmBucket(rhythm.currentRun);
    counts.set(bucket, counts.get(bucket)! + 1);
  }
  return RHYTHM_BUCKETS.map((bucket) => ({ bucket, members: counts.get(bucket)! }));
}

/** Every figure of the analytics page for `community` over window `w`, as raw counts (never suppressed here). */
export async function computeAnalytics(db: Db, community: CommunityZone, w: AnalyticsWindow): Promise<RawAnalytics> {
  const activity = await activityFigures(db, community.id, w);
  const funnel = await funnelCounts(db, community.id);
  const seriesPart = await seriesFigures(db, community.id, w);
  const rhythm = await rhythmDistribution(db, community, w);
  return { asOf: w.asOf, ...activity, funnel: funnel.stages, series: seriesPart, rhythm };
}
