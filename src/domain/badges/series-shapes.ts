/**
 * What the "Series completed" badge asks of a series: whether it is closed and which of its prompts have opened.
 * Read by the full refresh (facts.ts `completedFrom`) and by the fold's cheap check (progress.ts).
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prompts, series } from '../../../db/schema';
import { notSessionPrompt } from '../live/session-prompt';

export interface SeriesShape {
  status: string;
  prompts: number;
  /** The ids of its prompts that have opened. */
  opened: number[];
}

/**
 * One row per series, not per prompt: a daily series has a prompt a day, and each row handed to JavaScript costs
 * more than SQLite's work on it (tests/bench/README.md, "ninth pass"). A live session's one-prompt series is no
 * series to complete: it has no prompts here, so no shape.
 */
export async function seriesShapes(db: Db, seriesIds: number[]): Promise<Map<number, SeriesShape>> {
  if (seriesIds.length === 0) return new Map();
  const rows = await db
    .select({
      seriesId: prompts.seriesId,
      status: series.status,
      prompts: count(),
      // group_concat leaves the NULLs out: the prompts not opened yet.
      opened: sql<string | null>`group_concat(case when ${prompts.openedAt} is not null then ${prompts.id} end)`,
    })
    .from(prompts)
    .innerJoin(series, eq(series.id, prompts.seriesId))
    .where(and(inArray(prompts.seriesId, seriesIds), notSessionPrompt()))
    .groupBy(prompts.seriesId, series.status);
  return new Map(rows.map(({ seriesId, opened, ...r }) => [seriesId, { ...r, opened: opened ? opened.split(',').map(Number) : [] }]));
}

/** Finished, or every prompt opened: a running series with prompts still to come is not complete yet. */
export const isClosed = (shape: SeriesShape) => shape.status === 'finished' || shape.opened.length === shape.prompts;
