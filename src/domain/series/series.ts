/** Challenge series: their prompts, the day each one opens, pause and resume. */
import { and, asc, eq, isNotNull, isNull, max } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prompts, series } from '../../../db/schema';
import { communityByIdForViewer, communityForViewer, requireFacilitator, type Community } from '../communities/access';
import { isUniqueViolation } from '../constraints';
import { DomainError, notFound } from '../errors';
import { manages } from '../communities/access';
import { requireOpen } from '../archive';
import { closingDay, openingDays, type Cadence } from './schedule';
import type { Caller } from '../identity/sessions';
import { addDays, dayStartsAt, localDay } from '../time';
import { adaptedFrom } from './library-origin';
import { inChunks } from '../group-by';

export interface NewSeries {
  title: string;
  description: string;
  startDate: string;
  cadence: Cadence;
  prompts: { easy: string; hard: string; easyPoints: number; hardPoints: number }[];
  /** The library entry this series is a copy of (src/domain/series/library.ts). */
  adaptedFromEntryId?: number;
}

/** D1 allows 100 bound parameters per statement; a prompt row binds 9. */
const PROMPTS_PER_INSERT = 10;

const closesAt = (community: Community, lastOpensOn: string) =>
  dayStartsAt(closingDay(lastOpensOn), community.timeZone, community.dayStartHour).getTime();

/**
 * Creates a series and its prompts in one batch. A start date in the past is allowed: prompts whose day
 * has begun open at once (as late ones), so the series is answerable straight away.
 */
export async function createSeries(db: Db, caller: Caller, slug: string, input: NewSeries, now: Date) {
  const { community, role } = await communityForViewer(db, slug, caller);
  requireFacilitator(role);
  requireOpen(community);
  const id = await withNewSeriesId(db, (id) => db.batch(seriesWrites(db, community, caller.id, input, now, id)));
  return getSeries(db, caller, id);
}

/**
 * Runs `write` with the next series id, so a series' prompts (and whatever else the caller writes with it)
 * can go in the same batch; a concurrent creator taking the same id fails the whole batch, and we simply try
 * the next one. Any other unique conflict of `write` is for the caller: `conflict` tells them apart.
 */
export async function withNewSeriesId(db: Db, write: (id: number) => Promise<unknown>, conflict?: () => Promise<void>): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const [last] = await db.select({ id: max(series.id) }).from(series);
    const id = (last?.id ?? 0) + 1;
    try {
      await write(id);
      return id;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await conflict?.();
      if (attempt >= 4) throw err;
    }
  }
}

/** The statements that create series `id` with its prompts in `community` (no access check: the caller's). */
export function seriesWrites(db: Db, community: Community, createdBy: number, input: NewSeries, now: Date, id: number) {
  const today = localDay(now, community.timeZone, community.dayStartHour);
  const days = openingDays(input.startDate, input.cadence, input.prompts.length);
  const t = now.getTime();
  const rows = input.prompts.map((p, i) => ({
    communityId: community.id,
    position: i + 1,
    easyText: p.easy,
    hardText: p.hard,
    easyPoints: p.easyPoints,
    hardPoints: p.hardPoints,
    opensOn: days[i]!,
    opensAt: dayStartsAt(days[i]!, community.timeZone, community.dayStartHour).getTime(),
    openedAt: days[i]! <= today ? t : null,
  }));
  const status = days[0]! <= today ? 'running' : 'scheduled';
  return [
    db.insert(series).values({
      id,
      communityId: community.id,
      title: input.title,
      description: input.description,
      startDate: days[0]!,
      cadence: input.cadence,
      status,
      closesAt: closesAt(community, days.at(-1)!),
      createdBy,
      createdAt: t,
      adaptedFromEntryId: input.adaptedFromEntryId ?? null,
    }),
    ...inChunks(rows, PROMPTS_PER_INSERT).map((chunk) => db.insert(prompts).values(chunk.map((r) => ({ ...r, seriesId: id })))),
  ] as const;
}

/** The series and its community, when the caller facilitates it (404 when hidden, 403 for members). */
export async function seriesForFacilitator(db: Db, caller: Caller, id: number) {
  const [found] = await db.select().from(series).where(eq(series.id, id));
  // A live session's one-prompt series is managed through its session (../live/session-prompt.ts), not here.
  if (!found || found.liveSessionId !== null) throw notFound('Series');
  const { community, role } = await communityByIdForViewer(db, found.communityId, caller, 'Series');
  requireFacilitator(role);
  return { found, community };
}

/** A series with its prompts. Facilitators see the whole plan; others only prompts that have opened. */
export async function getSeries(db: Db, caller: Caller | null, id: number) {
  const [found] = await db.select().from(series).where(eq(series.id, id));
  if (!found || found.liveSessionId !== null) throw notFound('Series');
  const { role } = await communityByIdForViewer(db, found.communityId, caller, 'Series');
  const rows = await db
    .select()
    .from(prompts)
    .where(and(eq(prompts.seriesId, id), manages(role) ? undefined : isNotNull(prompts.openedAt)))
    .orderBy(asc(prompts.position));
  return {
    id: found.id,
    title: found.title,
    description: found.description,
    startDate: found.startDate,
    cadence: found.cadence,
    status: found.status,
    adaptedFrom: await adaptedFrom(db, found.adaptedFromEntryId),
    prompts: rows.map((p) => ({
      id: p.id,
      position: p.position,
      opensOn: p.opensOn,
      opened: p.openedAt !== null,
      easy: { text: p.easyText, points: p.easyPoints },
      hard: { text: p.hardText, points: p.hardPoints },
    })),
  };
}

/** Stops further prompts from opening and answers from landing, until resumed. */
export async function pauseSeries(db: Db, caller: Caller, id: number) {
  const { found } = await seriesForFacilitator(db, caller, id);
  if (found.status !== 'running' && found.status !== 'scheduled') {
    throw new DomainError('series_not_running', `A ${found.status} series cannot be paused`);
  }
  await db.update(series).set({ status: 'paused', closesAt: null }).where(eq(series.id, id));
  return getSeries(db, caller, id);
}

/**
 * Resumes a paused series: prompts not yet opened move forward to keep the cadence from today
 * (or tomorrow, when a prompt already opened today), and today's opens at once.
 */
export async function resumeSeries(db: Db, caller: Caller, id: number, now: Date) {
  const { found, community } = await seriesForFacilitator(db, caller, id);
  if (found.status !== 'paused') throw new DomainError('series_not_paused', 'Only a paused series can be resumed');
  const today = localDay(now, community.timeZone, community.dayStartHour);
  const all = await db.select().from(prompts).where(eq(prompts.seriesId, id)).orderBy(asc(prompts.position));
  const opened = all.filter((p) => p.openedAt !== null);
  const waiting = all.filter((p) => p.openedAt === null);
  const from = opened.some((p) => p.opensOn >= today) ? addDays(today, 1) : today;
  const days = openingDays(from, found.cadence, waiting.length);
  const lastDay = days.at(-1) ?? opened.at(-1)!.opensOn;
  const t = now.getTime();
  await db.batch([
    db
      .update(series)
      .set({ status: opened.length || days[0] === today ? 'running' : 'scheduled', closesAt: closesAt(community, lastDay) })
      .where(eq(series.id, id)),
    ...waiting.map((p, i) =>
      db
        .update(prompts)
        .set({
          opensOn: days[i]!,
          opensAt: dayStartsAt(days[i]!, community.timeZone, community.dayStartHour).getTime(),
          openedAt: days[i] === today ? t : null,
        })
        .where(and(eq(prompts.id, p.id), isNull(prompts.openedAt))),
    ),
  ]);
  return getSeries(db, caller, id);
}
