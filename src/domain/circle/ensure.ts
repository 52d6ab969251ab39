/**
 * The facilitators' circle (issue 14): a private community Kindling keeps itself, which every facilitator
 * joins (as a member) on becoming one, and which runs its own weekly series about facilitation
 * (./prompts.ts). Only facilitators (and stewards who join) are members, and the circle is private, so its
 * answers are read by facilitators only, by the one visibility rule and nothing else.
 *
 * `ensureFacilitatorsCircle` makes all that true and is safe to run any number of times (the tick runs it):
 * the community once, every facilitator of any community a member (the backfill for those who were
 * facilitators before the circle existed), and a new run of the series whenever none is planned or running.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, memberships, series, users } from '../../../db/schema';
import { seriesWrites, withNewSeriesId } from '../series/series';
import type { TemplateLang } from '../templates/types';
import { addDays, localDay, weekdayIndex } from '../time';
import { CIRCLE_DESCRIPTION, CIRCLE_PROMPTS, CIRCLE_TITLE } from './prompts';
import { notSessionSeries } from '../live/session-prompt';

export const CIRCLE_SLUG = 'facilitators-circle';
const NAME: Record<TemplateLang, string> = { en: 'Facilitators’ circle', fr: 'Cercle des animateurs' };

/** The circle, if it exists yet. */
export async function facilitatorsCircle(db: Db) {
  const [circle] = await db.select().from(communities).where(eq(communities.builtIn, 'facilitators_circle'));
  return circle;
}

/**
 * The statement that makes `userId` a member of the circle (if it exists, and if they are not one yet), for
 * the batch that makes them a facilitator: joining is part of becoming one. A query builder, not db.run: D1's
 * batch cannot bind a raw statement's parameters.
 */
export const joinCircle = (db: Db, userId: number, at: number) =>
  db
    .insert(memberships)
    .select(
      db
        .select({
          communityId: communities.id,
          userId: sql<number>`${userId}`.as('user_id'),
          role: sql<'member'>`'member'`.as('role'),
          joinedAt: sql<number>`${at}`.as('joined_at'),
        })
        .from(communities)
        .where(eq(communities.builtIn, 'facilitators_circle')),
    )
    .onConflictDoNothing();

async function createCircle(db: Db, now: Date, lang: TemplateLang) {
  // A community of the network may hold the slug already: take the next free one.
  for (let n = 1; n <= 5; n++) {
    const slug = n === 1 ? CIRCLE_SLUG : `${CIRCLE_SLUG}-${n}`;
    await db
      .insert(communities)
      .values({ slug, name: NAME[lang], description: CIRCLE_DESCRIPTION[lang], timeZone: 'UTC', visibility: 'private', builtIn: 'facilitators_circle', createdAt: now.getTime() })
      .onConflictDoNothing();
    const circle = await facilitatorsCircle(db);
    if (circle) return circle;
  }
  return undefined;
}

/** Makes the circle, its members and its series what they should be (see the file comment). */
export async function ensureFacilitatorsCircle(db: Db, now: Date, lang: TemplateLang = 'en') {
  const circle = (await facilitatorsCircle(db)) ?? (await createCircle(db, now, lang));
  if (!circle) return { joined: 0, seriesId: null };
  const t = now.getTime();
  const joined = await db
    .insert(memberships)
    .select(
      db
        .select({
          communityId: sql<number>`${circle.id}`.as('community_id'),
          userId: memberships.userId,
          role: sql<'member'>`'member'`.as('role'),
          joinedAt: sql<number>`${t}`.as('joined_at'),
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.role, 'facilitator'), ne(memberships.communityId, circle.id), eq(users.erased, false)))
        .groupBy(memberships.userId),
    )
    .onConflictDoNothing()
    .returning({ userId: memberships.userId });
  const [planned] = await db
    .select({ id: series.id })
    .from(series)
    .where(and(eq(series.communityId, circle.id), inArray(series.status, ['scheduled', 'running', 'paused']), notSessionSeries()))
    .limit(1);
  if (planned) return { joined: joined.length, seriesId: null };
  // The series needs an author: the circle's first member (nobody yet: no series yet either).
  const [first] = await db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.communityId, circle.id)).orderBy(asc(memberships.joinedAt), asc(memberships.userId)).limit(1);
  if (!first) return { joined: joined.length, seriesId: null };
  const today = localDay(now, circle.timeZone, circle.dayStartHour);
  // Prompts open on Mondays: the start of a working week, when facilitators plan theirs.
  const startDate = addDays(today, (7 - weekdayIndex(today)) % 7);
  const input = {
    title: CIRCLE_TITLE[lang],
    description: CIRCLE_DESCRIPTION[lang],
    startDate,
    cadence: 'weekly' as const,
    prompts: CIRCLE_PROMPTS.map((p) => ({ easy: p.easy[lang], hard: p.hard[lang], easyPoints: p.easyPoints ?? 1, hardPoints: p.hardPoints ?? 3 })),
  };
  const seriesId = await withNewSeriesId(db, (id) => db.batch(seriesWrites(db, circle, first.userId, input, now, id)));
  return { joined: joined.length, seriesId };
}
