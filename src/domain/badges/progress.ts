/**
 * Running badge facts (badge_progress): a member's answer count, whether they have a hard or a public answer, the
 * prompts they answered per series, the days they answered on, and their longest rhythm run, as of their answers
 * up to `through_id`. A member whose only changes since the last refresh are new answers (the queue row's
 * `appended_only`) is refreshed from these and the new answers alone: each badge's `mayChange` (catalog.ts) says
 * whether a full refresh could grant it or move its evidence. Almost always nothing can, and the refresh only
 * folds the new answers in; when something can, the member gets the full refresh (refresh.ts), which also rewrites
 * their row from the source tables. So the badges written are always the full refresh's, and only its cost is
 * saved.
 */
import { and, count, eq, gt, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client';
import { badgeGrants, badgeProgress, prompts, submissions } from '../../../db/schema';
import type { Community } from '../communities/access';
import { groupBy } from '../group-by';
import { postedDays } from '../recognition/rhythm';
import { loadRhythmPlans } from '../recognition/rhythm-member';
import { localDay, weekOf } from '../time';
import { BADGES, type Appended } from './catalog';
import type { BadgeFacts } from './facts';
import { distinctDays, rhythmFacts, type RhythmFacts } from './rhythm-facts';
import { isClosed, seriesShapes, type SeriesShape } from './series-shapes';

type Progress = typeof badgeProgress.$inferSelect;
type Running = Omit<Progress, 'communityId' | 'userId' | 'version'>;

/** What the days were counted in: a community that changes its time zone gets full refreshes until rewritten. */
const dayBasisOf = (c: Community) => `${c.timeZone}|${c.dayStartHour}`;

/** The running facts a full refresh read, for its batch: replaces the member's row whatever it held. */
export function writeProgress(db: Db, community: Community, userId: number, facts: BadgeFacts): BatchItem<'sqlite'> {
  const answers = facts.answers;
  const running: Running = {
    throughId: Math.max(0, ...answers.map((a) => a.id)),
    lastAt: answers.at(-1)?.createdAt ?? 0,
    answerCount: answers.length,
    hasHard: answers.some((a) => a.level === 'hard'),
    hasPublic: answers.some((a) => a.visibility === 'public'),
    seriesAnswered: promptsPerSeries(answers),
    days: facts.rhythm.days,
    runWeeks: facts.rhythm.runWeeks,
    dayBasis: dayBasisOf(community),
  };
  return db
    .insert(badgeProgress)
    .values({ communityId: community.id, userId, ...running })
    .onConflictDoUpdate({
      target: [badgeProgress.communityId, badgeProgress.userId],
      set: { ...running, version: sql`${badgeProgress.version} + 1` },
    });
}

/** How many distinct prompts of each series these answers answer. */
function promptsPerSeries(answers: { promptId: number; seriesId: number }[]): Record<string, number> {
  const prompts = new Map<number, Set<number>>();
  for (const a of answers) prompts.set(a.seriesId, (prompts.get(a.seriesId) ?? new Set()).add(a.promptId));
  return Object.fromEntries([...prompts].map(([seriesId, ids]) => [seriesId, ids.size]));
}

export interface Folded {
  /** Members whose badges new answers may change, or who have no usable running facts: for a full refresh. */
  full: { userId: number; now: Date }[];
  /** The rest's new running facts, for the drain's batch. */
  writes: BatchItem<'sqlite'>[];
}

/** A member's new answers in one series, summed up by SQLite. */
type NewAnswers = {
  userId: number;
  seriesId: number;
  count: number;
  throughId: number;
  lastAt: number;
  hasHard: boolean;
  hasPublic: boolean;
  /** How many of them are the member's first answer to their prompt (the other level not answered before). */
  firstToPrompts: number;
  /** Their instants, comma-separated: the days answered on are local days, which only JavaScript knows. */
  instants: string;
};

/** An earlier answer by the same member to the same prompt (the other level): the query's alias. */
const earlier = alias(submissions, 'earlier');

/**
 * Folds these members' new answers into their running facts (members whose queued changes are all new
 * answers), each as of its own `now`. Reads their running facts, their answers after them, their live badges,
 * rest weeks and goals: a few rows a member, however long their history.
 */
export async function foldNewAnswers(db: Db, community: Community, members: { userId: number; now: Date }[]): Promise<Folded> {
  const userIds = members.map((m) => m.userId);
  const [progressRows, answerRows, liveRows] = await db.batch([
    db.select().from(badgeProgress).where(and(eq(badgeProgress.communityId, community.id), inArray(badgeProgress.userId, userIds))),
    db
      // Summed up per member and series: a member queued while the drain was paced may have a hundred new answers,
      // and every row handed to JavaScript costs more than SQLite's work on it (a fold read of 400 rows took 3.7 ms,
      // tests/bench/README.md, "ninth pass").
      .select({
        userId: submissions.userId,
        seriesId: prompts.seriesId,
        count: count(),
        throughId: sql<number>`max(${submissions.id})`.mapWith(Number),
        lastAt: sql<number>`max(${submissions.createdAt})`.mapWith(Number),
        hasHard: sql<boolean>`max(${submissions.level} = 'hard')`.mapWith(Boolean),
        hasPublic: sql<boolean>`max(${submissions.visibility} = 'public')`.mapWith(Boolean),
        instants: sql<string>`group_concat(${submissions.createdAt})`,
        firstToPrompts: sql<number>`sum(not exists ${db
          .select({ one: sql`1` })
          .from(earlier)
          .where(
            and(
              eq(earlier.promptId, submissions.promptId),
              eq(earlier.userId, submissions.userId),
              // Unary + keeps SQLite off the rowid range, which walked all the member's answers by user_id:
              // (prompt, user) finds the one other answer there can be.
              sql`+${earlier.id} < ${submissions.id}`,
              ne(earlier.moderation, 'removed'),
            ),
          )})`.mapWith(Number),
      })
      // CROSS JOIN keeps each member's running facts the outer loop, so their `last_at` bounds the search of the
      // member index. Joined the other way round, SQLite walked every member's whole history in the community
      // and filtered it: 2.5 ms against 0.54 ms for 16 members with 180 answers each (tests/bench/README.md).
      .from(badgeProgress)
      .crossJoin(submissions)
      .innerJoin(prompts, eq(prompts.id, submissions.promptId))
      .where(
        and(
          eq(badgeProgress.communityId, community.id),
          inArray(badgeProgress.userId, userIds),
          eq(submissions.communityId, community.id),
          eq(submissions.userId, badgeProgress.userId),
          // Never dated before the last one folded in: a new answer that was is queued for a full refresh
          // (recognizeNewAnswer). So the member index is sought from there, not walked through their whole history.
          gte(submissions.createdAt, badgeProgress.lastAt),
          gt(submissions.id, badgeProgress.throughId),
          ne(submissions.moderation, 'removed'),
        ),
      )
      .groupBy(submissions.userId, prompts.seriesId),
    db
      .select({ userId: badgeGrants.userId, badgeId: badgeGrants.badgeId })
      .from(badgeGrants)
      .where(and(eq(badgeGrants.communityId, community.id), inArray(badgeGrants.userId, userIds), isNull(badgeGrants.revokedAt))),
  ]);
  const progressOf = new Map(progressRows.map((p) => [p.userId, p]));
  const newAnswers = groupBy(answerRows, (a) => a.userId);
  const held = groupBy(liveRows, (g) => g.userId, (g) => g.badgeId);
  const plans = await loadRhythmPlans(db, community.id, userIds);

  const folded: Folded = { full: [], writes: [] };
  const maybeComplete = seriesMaybeComplete(db);
  for (const m of members) {
    const progress = progressOf.get(m.userId);
    const answers = newAnswers.get(m.userId) ?? [];
    if (!progress || progress.dayBasis !== dayBasisOf(community)) {
      folded.full.push(m);
      continue;
    }
    if (answers.length === 0) continue;
    const today = localDay(m.now, community.timeZone, community.dayStartHour);
    const memberPlans = { rest: plans.rest.get(m.userId) ?? [], goals: plans.goals.get(m.userId) ?? [] };
    const next = fold(progress, answers, community, (days) => rhythmFacts(days, memberPlans, today));
    const heldNow = new Set(held.get(m.userId) ?? []);
    const seriesComplete = !heldNow.has('series-completed') && (await maybeComplete(next.running.seriesAnswered));
    const appended: Appended = { ...next.appended, seriesComplete, runWeeksBefore: progress.runWeeks };
    if (BADGES.some((b) => b.mayChange(appended, heldNow.has(b.id)))) folded.full.push(m);
    else folded.writes.push(updateIfUnchanged(db, progress, next.running));
  }
  return folded;
}

/** The running facts with `answers` (newer than any folded in) added. */
function fold(progress: Progress, answers: NewAnswers[], community: Community, rhythmOf: (days: string[]) => RhythmFacts) {
  const newDays = postedDays(
    answers.flatMap((a) => a.instants.split(',').map(Number)),
    community.timeZone,
    community.dayStartHour,
  );
  const rhythm = rhythmOf(distinctDays([...progress.days, ...newDays]));
  const seriesAnswered = { ...progress.seriesAnswered };
  for (const a of answers) if (a.firstToPrompts > 0) seriesAnswered[a.seriesId] = (seriesAnswered[a.seriesId] ?? 0) + a.firstToPrompts;
  const running: Running = {
    throughId: Math.max(progress.throughId, ...answers.map((a) => a.throughId)),
    lastAt: Math.max(progress.lastAt, ...answers.map((a) => a.lastAt)),
    answerCount: progress.answerCount + answers.reduce((n, a) => n + a.count, 0),
    hasHard: progress.hasHard || answers.some((a) => a.hasHard),
    hasPublic: progress.hasPublic || answers.some((a) => a.hasPublic),
    seriesAnswered,
    days: rhythm.days,
    runWeeks: rhythm.runWeeks,
    dayBasis: progress.dayBasis,
  };
  const { answerCount, hasHard, hasPublic } = running;
  return { running, appended: { answerCount, hasHard, hasPublic, rhythm, newWeeks: new Set(newDays.map(weekOf)) } };
}

/**
 * Writes the folded facts only over the row they were folded from: a full refresh that rewrote it meanwhile
 * (after a deletion, say) must not be overwritten with facts that still count the deleted answer.
 */
function updateIfUnchanged(db: Db, read: Progress, running: Running) {
  return db
    .update(badgeProgress)
    .set({ ...running, version: read.version + 1 })
    .where(and(eq(badgeProgress.communityId, read.communityId), eq(badgeProgress.userId, read.userId), eq(badgeProgress.version, read.version)));
}

/**
 * Whether a member who answered these many prompts per series may have completed one in the series badge's
 * terms (facts.ts `completedFrom`: every opened prompt answered, the series finished or all its prompts
 * opened): as many prompts answered as opened, in a closed series. Never says no to a complete series; a yes
 * only costs a full refresh, which decides. Each series' shape is read once per drain pass.
 */
function seriesMaybeComplete(db: Db) {
  const shapes = new Map<number, Promise<SeriesShape | undefined>>();
  const shapeOf = (seriesId: number) => {
    let shape = shapes.get(seriesId);
    if (!shape) shapes.set(seriesId, (shape = seriesShapes(db, [seriesId]).then((found) => found.get(seriesId))));
    return shape;
  };
  return async (answered: Record<string, number>) => {
    for (const [seriesId, prompts] of Object.entries(answered)) {
      const s = await shapeOf(Number(seriesId));
      if (s && s.opened.length > 0 && prompts >= s.opened.length && isClosed(s)) return true;
    }
    return false;
  };
}
