/**
 * The confidence ladder: observer → practising (facilitators-only answers) → sharing with the community →
 * sharing publicly → contributing in the main space (the member says so, or a facilitator marks it).
 * A stage is the highest ever reached: deleting an answer never takes a step back. History is append-only
 * and kept twice (see `ladderSteps` in db/schema/recognition.ts): 'own' counts every answer and is shown to the member
 * alone; 'shown' counts named answers only and is all that anyone else (the funnel) ever reads.
 */
import { and, asc, between, eq, max, min, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { prepared, type Placeholders } from '../../../db/prepared';
import { ladderSteps, memberships, submissions } from '../../../db/schema';
import { communityForViewer, requireFacilitator, requireMember } from '../communities/access';
import { notFound } from '../errors';
import type { Caller } from '../identity/sessions';
import { localDay } from '../time';
import { idRanges } from '../group-by';
import type { Pacing, RangePacing } from '../pacing';

export const STAGES = ['observer', 'practising', 'sharing_community', 'sharing_public', 'main_space'] as const;
export type Stage = (typeof STAGES)[number];
type View = 'own' | 'shown';

const STAGE_OF_VISIBILITY = { facilitators: 'practising', community: 'sharing_community', public: 'sharing_public' } as const;
const rank = (stage: Stage) => STAGES.indexOf(stage);

interface Member {
  communityId: number;
  userId: number;
}

/**
 * Appends `stage` to a view's history unless it, or a higher stage, is there already. The check runs inside
 * the INSERT, so racing refreshes can never record a step down after a step up. `whileAnswer`: only if an
 * answer matching it exists (for a batch whose change to that answer may find it deleted).
 */
function stepUp(
  db: Db,
  m: Member,
  view: View,
  stage: Stage,
  reachedOn: string,
  now: Date,
  { markedBy = null, whileAnswer }: { markedBy?: number | null; whileAnswer?: SQL | undefined } = {},
) {
  const step: Step = { ...m, view, stage, rank: rank(stage), reachedOn, markedBy, createdAt: now.getTime() };
  // Built once, except with a condition on an answer (widening one), which varies.
  return whileAnswer ? insertStep(db, step, sql` and exists (select 1 from ${submissions} where ${whileAnswer})`) : stepUpQuery.bind(db, step);
}

type Step = Member & { view: View; stage: Stage; rank: number; reachedOn: string; markedBy: number | null; createdAt: number };

function insertStep(db: Db, step: Step | Placeholders<Step>, extraCondition = sql``) {
  const higher = sql`select 1 from ${ladderSteps} where ${ladderSteps.communityId} = ${step.communityId}
    and ${ladderSteps.userId} = ${step.userId} and ${ladderSteps.view} = ${step.view} and ${ladderSteps.rank} >= ${step.rank}`;
  // A SELECT without FROM: one row, or none when the history already holds this stage or a higher one.
  // (In the table's column order: INSERT … SELECT matches columns by position.)
  return db
    .insert(ladderSteps)
    .select(
      sql`select ${step.communityId}, ${step.userId}, ${step.view}, ${step.stage}, ${step.rank}, ${step.reachedOn}, ${step.markedBy}, ${step.createdAt}
        where not exists (${higher})${extraCondition}`,
    )
    .onConflictDoNothing();
}

const stepUpQuery = prepared((db, p: Placeholders<Step>) => insertStep(db, p));

/**
 * The steps a new or widened answer reaches, as statements for the batch that writes it: 'own' from its
 * visibility, 'shown' too unless it is anonymous. Recorded with the answer, the steps are dated the day of
 * the answer and stay even if it is narrowed or deleted before the deferred recognition refresh runs
 * (src/domain/recognition/drain.ts): a stage is the highest ever reached.
 */
export function answerSteps(
  db: Db,
  m: Member,
  answer: { visibility: keyof typeof STAGE_OF_VISIBILITY; anonymous: boolean },
  reachedOn: string,
  now: Date,
  whileAnswer?: SQL,
) {
  const stage = STAGE_OF_VISIBILITY[answer.visibility];
  const own = stepUp(db, m, 'own', stage, reachedOn, now, { whileAnswer });
  return answer.anonymous ? [own] : [own, stepUp(db, m, 'shown', stage, reachedOn, now, { whileAnswer })];
}

async function history(db: Db, m: Member, joinedAt: number, timeZone: string, dayStartHour: number) {
  const rows = await db
    .select({ stage: ladderSteps.stage, reachedOn: ladderSteps.reachedOn })
    .from(ladderSteps)
    .where(and(eq(ladderSteps.communityId, m.communityId), eq(ladderSteps.userId, m.userId), eq(ladderSteps.view, 'own')))
    .orderBy(ladderSteps.rank);
  const start = { stage: 'observer' as Stage, reachedOn: localDay(new Date(joinedAt), timeZone, dayStartHour) };
  const steps = [start, ...rows.map((r) => ({ stage: r.stage as Stage, reachedOn: r.reachedOn }))];
  return { stage: steps[steps.length - 1]!.stage, history: steps };
}

/**
 * The caller's own ladder: their stage and each step with the local day it was reached (observer: the day
 * they joined). A read, so it writes nothing: a stage that answers written before answers recorded their
 * own steps reached, and that the history lacks, is shown as reached on the day of the first such answer.
 */
export async function myLadder(db: Db, input: { slug: string; caller: Caller }, now: Date) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireMember(role);
  const m = { communityId: community.id, userId: input.caller.id };
  const [membership] = await db
    .select({ joinedAt: memberships.joinedAt })
    .from(memberships)
    .where(and(eq(memberships.communityId, community.id), eq(memberships.userId, input.caller.id)));
  // A steward reading like a facilitator has no membership: their ladder starts today.
  const recorded = await history(db, m, membership?.joinedAt ?? now.getTime(), community.timeZone, community.dayStartHour);
  const unrecorded = await firstOwnReach(db, m);
  if (!unrecorded || rank(unrecorded.stage) <= rank(recorded.stage)) return recorded;
  const step = { stage: unrecorded.stage, reachedOn: localDay(new Date(unrecorded.at), community.timeZone, community.dayStartHour) };
  return { stage: step.stage, history: [...recorded.history, step] };
}

/** The highest stage the member's answers reach ('own' view), and when the first answer reaching it was given. */
async function firstOwnReach(db: Db, m: Member): Promise<{ stage: Stage; at: number } | null> {
  const rows = await db
    .select({ visibility: submissions.visibility, at: min(submissions.createdAt) })
    .from(submissions)
    .where(and(eq(submissions.communityId, m.communityId), eq(submissions.userId, m.userId)))
    .groupBy(submissions.visibility);
  let best: { stage: Stage; at: number } | null = null;
  for (const r of rows) {
    const stage = STAGE_OF_VISIBILITY[r.visibility];
    if (r.at !== null && (!best || rank(stage) > rank(best.stage))) best = { stage, at: r.at };
  }
  return best;
}

async function markMainSpace(db: Db, m: Member, markedBy: number, timeZone: string, dayStartHour: number, now: Date) {
  const today = localDay(now, timeZone, dayStartHour);
  await db.batch([
    stepUp(db, m, 'own', 'main_space', today, now, { markedBy }),
    stepUp(db, m, 'shown', 'main_space', today, now, { markedBy }),
  ]);
}

/** The member says they posted in the community's main space. */
export async function reportMainSpace(db: Db, input: { slug: string; caller: Caller }, now: Date) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireMember(role);
  const m = { communityId: community.id, userId: input.caller.id };
  await markMainSpace(db, m, input.caller.id, community.timeZone, community.dayStartHour, now);
  return myLadder(db, input, now);
}

/** A facilitator marks a member as contributing in the main space. Says nothing else about that member. */
export async function facilitatorMarksMainSpace(db: Db, input: { slug: string; caller: Caller; userId: number }, now: Date) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireFacilitator(role);
  const [target] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.communityId, community.id), eq(memberships.userId, input.userId)));
  if (!target) throw notFound('Member');
  await markMainSpace(db, { communityId: community.id, userId: input.userId }, input.caller.id, community.timeZone, community.dayStartHour, now);
  return { userId: input.userId, stage: 'main_space' as Stage };
}

/**
 * How many members (role member; facilitators are not the funnel) stand at each stage, by the 'shown' view
 * and named answers only: no count here moves because of an anonymous answer. No names.
 */
export async function ladderFunnel(db: Db, input: { slug: string; caller: Caller }, pacing: Pacing = {}) {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireFacilitator(role);
  return funnelCounts(db, community.id, pacing);
}

/**
 * Members whose stage funnelCounts reads at once: a big community in one go held the server's thread for
 * 0.75 s (10,000 members, 300,000 answers in the full bench), and every named answer's row in memory.
 */
const FUNNEL_MEMBERS_PER_READ = 500;

/**
 * The funnel's counts for a community, without any access check (the analytics snapshot reads it too). Reads a
 * range of members at a time, awaiting `pause` between reads; each member is counted once, from one read.
 */
export async function funnelCounts(
  db: Db,
  communityId: number,
  { pause, membersPerRead = FUNNEL_MEMBERS_PER_READ }: RangePacing = {},
) {
  const ids = (
    await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.communityId, communityId), eq(memberships.role, 'member')))
      .orderBy(asc(memberships.userId))
  ).map((m) => m.userId);
  const counts = STAGES.map(() => 0);
  for (const [i, range] of idRanges(ids, membersPerRead).entries()) {
    if (i > 0) await pause?.();
    const group = new Set(range.ids);
    const inRange = (col: SQLiteColumn) => between(col, range.from, range.to);
    const [recorded, named] = await db.batch([
      db
        .select({ userId: ladderSteps.userId, rank: max(ladderSteps.rank) })
        .from(ladderSteps)
        .where(and(eq(ladderSteps.communityId, communityId), inRange(ladderSteps.userId), eq(ladderSteps.view, 'shown')))
        .groupBy(ladderSteps.userId),
      // Named answers not yet recorded (written before the ladder existed) count as well.
      db
        .selectDistinct({ userId: submissions.userId, visibility: submissions.visibility })
        .from(submissions)
        .where(and(eq(submissions.communityId, communityId), inRange(submissions.userId), eq(submissions.anonymous, false))),
    ]);
    // The range also holds people who are no member (any more) or facilitators: only the group counts.
    const best = new Map<number, number>();
    const raise = (userId: number, r: number) => group.has(userId) && best.set(userId, Math.max(best.get(userId) ?? 0, r));
    for (const r of recorded) raise(r.userId, r.rank ?? 0);
    for (const r of named) raise(r.userId, rank(STAGE_OF_VISIBILITY[r.visibility]));
    // Every recorded step and every answer is above observer, so observers are the members not in `best`.
    for (const r of best.values()) counts[r]! += 1;
    counts[0]! += group.size - best.size;
  }
  return { total: ids.length, stages: STAGES.map((stage, i) => ({ stage, members: counts[i]! })) };
}
