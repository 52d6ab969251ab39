/**
 * Series files (import and export) and the library, editing and reordering requests. A file's rows are
 * checked one by one with `importedPrompt`, so every broken row is reported at once, by row and column.
 */
import { z } from 'zod';
import { cadences, createSeriesBody, promptInput } from './index';

export const SERIES_FILE_FORMAT = 'kindling-series';
export const SERIES_FILE_VERSION = 1;

/** One prompt of a file. CSV gives every value as text, so numbers are read from text too. */
const pointsCell = (fallback: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? fallback : typeof v === 'string' ? Number(v.trim()) : v),
    z.number({ error: 'must be a whole number from 0 to 100' }).int('must be a whole number from 0 to 100').min(0, 'must be a whole number from 0 to 100').max(100, 'must be a whole number from 0 to 100'),
  );
const levelText = (level: string) =>
  z
    .string({ error: `the ${level} level is missing` })
    .trim()
    .min(1, `the ${level} level is missing`)
    .max(500, 'is too long: at most 500 characters');
export const importedPrompt = z.object({
  day: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z.number({ error: 'must be a day number: 1, 2, 3 …' }).int('must be a day number: 1, 2, 3 …').min(1, 'must be a day number: 1, 2, 3 …').max(100_000, 'must be a day number: 1, 2, 3 …'),
  ),
  easy: levelText('easy'),
  hard: levelText('hard'),
  easyPoints: pointsCell(1),
  hardPoints: pointsCell(3),
});

/** The series-wide fields of a JSON file (its prompts are checked row by row). */
export const seriesFileHead = z.object({
  format: z.literal(SERIES_FILE_FORMAT, `must be "${SERIES_FILE_FORMAT}"`),
  version: z.literal(SERIES_FILE_VERSION, `this server reads version ${SERIES_FILE_VERSION}`),
  title: createSeriesBody.shape.title,
  description: createSeriesBody.shape.description,
  startDate: createSeriesBody.shape.startDate,
  cadence: z.enum(cadences),
});

/**
 * Settings given beside a file: required for CSV (which holds only prompts), overrides for JSON. Only
 * bounded here: they are checked with the file (seriesFileHead), so a bad date shows in the same error table.
 */
export const importQuery = z.object({
  title: z.string().max(1000).optional(),
  description: z.string().max(4000).optional(),
  startDate: z.string().max(100).optional(),
  cadence: z.string().max(100).optional(),
});

export const exportQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });

export const publishBody = z.object({
  /** A private community's series leaves the community only when its facilitator says so here. */
  sharePrivate: z.boolean().default(false),
});
export const copyBody = z.object({
  /** The community to copy into: the caller must facilitate it. */
  community: z.string().min(1).max(40),
  startDate: createSeriesBody.shape.startDate,
});

/** An edit to one prompt; once it has opened, only its texts, and only a typo fix. */
export const editPromptBody = promptInput
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'give easy, hard, easyPoints or hardPoints');
/** The prompts not yet opened, in their new order (every one of them, each once). */
export const reorderBody = z.object({ promptIds: z.array(z.number().int().positive()).min(1).max(366) });
