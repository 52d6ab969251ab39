/**
 * A member's rhythm in a community, read from the answers that exist now (never from counters, so deletes and
 * late answers are right by construction), and the two things a member sets: the goal and rest weeks.
 */
import { and, between, eq, gte, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { restWeeks, rhythmGoals, submissions } from '../../../db/schema';
import { communityForViewer, requireMember, type Community } from '../communities/access';
import { invalidField, notFound } from '../errors';
import { groupBy, idRanges } from '../group-by';
import type { RangePacing } from '../pacing';
import { computeRhythm, postedDays, quarterOf, type GoalChange, type Rhythm } from './rhythm';
import type { Caller } from '../identity/sessions';
import { addDays, localDay, weekOf } from '../time';

/** "A few per quarter": rest is free, but a rhythm made mostly of rest is not a rhythm. */
export const REST_WEEKS_PER_QUARTER = 3;
/** Rest is declared ahead, within a year: further out is a guess, not a plan. */
const REST_HORIZON_WEEKS = 52;

export interface RhythmSource {
  /** Answer instants per member. */
  answers: Map<number, number[]>;
  rest: Map<number, string[]>;
  goals: Map<number, GoalChange[]>;
}

/**
 * Answers, rest weeks and goals of these members (all members when `userIds` is undefined). `namedOnly`
 * leaves anonymous answers out: what others may see must never move because of one.
 */
export async function loadRhythmSource(
  db: Db,
  communityId: number,
  opts: { userIds?: number[]; userRange?: { from: number; to: number }; namedOnly: boolean },
): Promise<RhythmSource> {
  const { userIds, userRange } = opts;
  const who = (col: SQLiteColumn) =>
    userIds !== undefined ? inArray(col, userIds) : userRange !== undefined ? between(col, userRange.from, userRange.to) : undefined;
  const [answerRows, ...plans] = await db.batch([
    db
      .select({ userId: submissions.userId, createdAt: submissions.createdAt })
      .from(submissions)
      .where(
        and(
          eq(submissions.communityId, communityId),
          who(submissions.userId),
          opts.namedOnly ? eq(submissions.anonymous, false) : undefined,
          // A removed answer (moderation) took its points back; it keeps no rhythm either.
          ne(submissions.moderation, 'removed'),
        ),
      ),
    ...planQueries(db, communityId, who),
  ]);
  return { answers: groupBy(answerRows, byMember, (r) => r.createdAt), ...plansOf(plans) };
}

/**
 * Members whose rhythm `namedRhythms` reads at once. A big community's whole history in one read held the
 * server's thread for over a second (10,000 members and 300,000 answers in the full bench) and all its rows in
 * memory; a range of members at a time bounds both.
 */
const MEMBERS_PER_READ = 500;

/**
 * The rhythm of each of these members as others may see it (named answers only) on `today`, counting only
 * answers made `before` that instant when given. Reads a range of members at a time and awaits `pause` between
 * reads, so a caller on Node can let requests go first.
 */
export async function namedRhythms(
  db: Db,
  community: Pick<Community, 'id' | 'timeZone' | 'dayStartHour'>,
  userIds: readonly number[],
  opts: RangePacing & { today: string; before?: number },
): Promise<Map<number, Rhythm>> {
  const rhythms = new Map<number, Rhythm>();
  for (const [i, range] of idRanges(userIds, opts.membersPerRead ?? MEMBERS_PER_READ).entries()) {
    if (i > 0) await opts.pause?.();
    const source = await loadRhythmSource(db, community.id, { userRange: range, namedOnly: true });
    for (const userId of range.ids) {
      const instants = source.answers.get(userId) ?? [];
      const counted = opts.before === undefined ? instants : instants.filter((t) => t < opts.before!);
      rhythms.set(
        userId,
        computeRhythm({
          days: postedDays(counted, community.timeZone, community.dayStartHour),
          restWeeks: source.rest.get(userId) ?? [],
          goals: source.goals.get(userId) ?? [],
          today: opts.today,
        }),
      );
    }
  }
  return rhythms;
}

/** The rest weeks and goals of these members, without their answers (src/domain/badges/progress.ts). */
export async function loadRhythmPlans(db: Db, communityId: number, userIds: number[]): Promise<Omit<RhythmSource, 'answers'>> {
  return plansOf(await db.batch(planQueries(db, communityId, (col) => inArray(col, userIds))));
}

const byMember = (r: { userId: number }) => r.userId;

const planQueries = (db: Db, communityId: number, who: (col: SQLiteColumn) => SQL | undefined) =>
  [
    db.select().from(restWeeks).where(and(eq(restWeeks.communityId, communityId), who(restWeeks.userId))),
    db.select().from(rhythmGoals).where(and(eq(rhythmGoals.communityId, communityId), who(rhythmGoals.userId))),
  ] as const;

function plansOf([restRows, goalRows]: readonly [(typeof restWeeks.$inferSelect)[], (typeof rhythmGoals.$inferSelect)[]]) {
  return {
    rest: groupBy(restRows, byMember, (r) => r.weekOf),
    goals: groupBy(goalRows, byMember, (r) => ({ weekOf: r.weekOf, goal: r.goal })),
  };
}

/** One member's rhythm from a loaded source. */
export function rhythmOf(source: RhythmSource, userId: number, community: Community, now: Date): Rhythm {
  return computeRhythm({
    days: postedDays(source.answers.get(userId) ?? [], community.timeZone, community.dayStartHour),
    restWeeks: source.rest.get(userId) ?? [],
    goals: source.goals.get(userId) ?? [],
    today: localDay(now, community.timeZone, community.dayStartHour),
  });
}

/**
 * A member's rhythm counting every answer, anonymous ones included (`namedOnly` for what others may see,
 * such as a shout-out or a badge shown beside the name).
 */
export async function memberRhythm(db: Db, community: Community, userId: number, now: Date, namedOnly = false) {
  const source = await loadRhythmSource(db, community.id, { userIds: [userId], namedOnly });
  return rhythmOf(source, userId, community, now);
}

const mine = (communityId: number, userId: number) =>
  and(eq(restWeeks.communityId, communityId), eq(restWeeks.userId, userId));

async function memberCommunity(db: Db, slug: string, caller: Caller) {
  const { community, role } = await communityForViewer(db, slug, caller);
  requireMember(role);
  return community;
}

/** GET …/rhythm/me: the caller's own rhythm (all their answers count) and their rest weeks from this week on. */
export async function myRhythm(db: Db, input: { slug: string; caller: Caller }, now: Date) {
  const community = await memberCommunity(db, input.slug, input.caller);
  const rhythm = await memberRhythm(db, community, input.caller.id, now);
  const rows = await db
    .select({ weekOf: restWeeks.weekOf })
    .from(restWeeks)
    .where(and(mine(community.id, input.caller.id), gte(restWeeks.weekOf, rhythm.thisWeek.weekOf)))
    .orderBy(restWeeks.weekOf);
  return { goal: rhythm.thisWeek.goal, ...rhythm, restWeeks: rows.map((r) => r.weekOf) };
}

/** Sets the goal from this week on; earlier weeks keep the goal they were lived with. */
export async function setRhythmGoal(db: Db, input: { slug: string; caller: Caller; goal: number }, now: Date) {
  const community = await memberCommunity(db, input.slug, input.caller);
  const week = weekOf(localDay(now, community.timeZone, community.dayStartHour));
  const row = { communityId: community.id, userId: input.caller.id, weekOf: week, goal: input.goal, updatedAt: now.getTime() };
  await db
    .insert(rhythmGoals)
    .values(row)
    .onConflictDoUpdate({
      target: [rhythmGoals.communityId, rhythmGoals.userId, rhythmGoals.weekOf],
      set: { goal: input.goal, updatedAt: row.updatedAt },
    });
  return myRhythm(db, input, now);
}

/**
 * Declares the week holding `day` a rest week: strictly ahead (a week already under way cannot be rested
 * after the fact), within a year, and at most REST_WEEKS_PER_QUARTER per calendar quarter. The quota is
 * checked inside the INSERT itself, so two racing requests cannot both take the last one.
 */
export async function addRestWeek(db: Db, input: { slug: string; caller: Caller; day: string }, now: Date) {
  const community = await memberCommunity(db, input.slug, input.caller);
  const thisWeek = weekOf(localDay(now, community.timeZone, community.dayStartHour));
  const week = weekOf(input.day);
  if (week <= thisWeek) throw invalidField('weekOf', 'must be a week after this one: rest weeks are declared ahead');
  if (week > addDays(thisWeek, 7 * REST_HORIZON_WEEKS)) throw invalidField('weekOf', 'must be within a year');
  const [from, to] = quarterOf(week);
  const inQuarter = sql`(select count(*) from ${restWeeks} where ${mine(community.id, input.caller.id)}
    and ${restWeeks.weekOf} >= ${from} and ${restWeeks.weekOf} < ${to})`;
  await db
    .insert(restWeeks)
    .select(
      db
        .select({
          communityId: sql<number>`${community.id}`.as('community_id'),
          userId: sql<number>`${input.caller.id}`.as('user_id'),
          weekOf: sql<string>`${week}`.as('week_of'),
          createdAt: sql<number>`${now.getTime()}`.as('created_at'),
        })
        .from(sql`(select 1)`)
        .where(sql`${inQuarter} < ${REST_WEEKS_PER_QUARTER}`),
    )
    .onConflictDoNothing();
  const [row] = await db.select().from(restWeeks).where(and(mine(community.id, input.caller.id), eq(restWeeks.weekOf, week)));
  if (!row) {
    throw invalidField('weekOf', `you already have ${REST_WEEKS_PER_QUARTER} rest weeks in that quarter`);
  }
  return myRhythm(db, input, now);
}

/** Takes back a rest week that has not started yet; past and current ones are history. */
export async function removeRestWeek(db: Db, input: { slug: string; caller: Caller; day: string }, now: Date) {
  const community = await memberCommunity(db, input.slug, input.caller);
  const thisWeek = weekOf(localDay(now, community.timeZone, community.dayStartHour));
  const week = weekOf(input.day);
  if (week <= thisWeek) throw invalidField('weekOf', 'has already started; only weeks ahead can be taken back');
  const gone = await db
    .delete(restWeeks)
    .where(and(mine(community.id, input.caller.id), eq(restWeeks.weekOf, week)))
    .returning({ weekOf: restWeeks.weekOf });
  if (gone.length === 0) throw notFound('Rest week');
  return myRhythm(db, input, now);
}
