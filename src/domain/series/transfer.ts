/** Export a series to a file and import a file as a new series (facilitators of the community, both ways). */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prompts } from '../../../db/schema';
import { communityForViewer, requireFacilitator } from '../communities/access';
import { createSeries, seriesForFacilitator } from './series';
import type { Caller } from '../identity/sessions';
import { seriesFromCsv, seriesFromJson, seriesToCsv, seriesToJson, type ImportSettings } from './series-file';

export type FileFormat = 'json' | 'csv';

/** The series as a file: every prompt, opened or not, in order. Filenames are ASCII, from the series id. */
export async function exportSeries(db: Db, caller: Caller, id: number, format: FileFormat) {
  const { found } = await seriesForFacilitator(db, caller, id);
  const rows = await db.select().from(prompts).where(eq(prompts.seriesId, id)).orderBy(asc(prompts.position));
  const data = {
    title: found.title,
    description: found.description,
    startDate: found.startDate,
    cadence: found.cadence,
    prompts: rows.map((p) => ({ easy: p.easyText, hard: p.hardText, easyPoints: p.easyPoints, hardPoints: p.hardPoints })),
  };
  return format === 'json'
    ? { filename: `series-${id}.json`, contentType: 'application/json; charset=utf-8', body: JSON.stringify(seriesToJson(data), null, 2) }
    : { filename: `series-${id}.csv`, contentType: 'text/csv; charset=utf-8', body: seriesToCsv(data) };
}

/**
 * Imports a file as a new series in the community. Who may import is decided before the file is read;
 * then every row is checked, and the series is written (in one batch) only if the whole file is valid.
 */
export async function importSeries(
  db: Db,
  caller: Caller,
  slug: string,
  file: { format: FileFormat; text: string },
  settings: ImportSettings,
  now: Date,
) {
  const { role } = await communityForViewer(db, slug, caller);
  requireFacilitator(role);
  const input = file.format === 'json' ? seriesFromJson(file.text, settings) : seriesFromCsv(file.text, settings);
  return createSeries(db, caller, slug, input, now);
}
