/**
 * Series files: what an export writes and an import reads. JSON holds the whole series (versioned, so an
 * export imports back to the same series); CSV holds one prompt per row, the series' own fields coming
 * from the import's settings. Every problem is collected, by row and column, before anything is written.
 */
import type { z } from 'zod';
import {
  importedPrompt,
  importQuery,
  seriesFileHead,
  SERIES_FILE_FORMAT,
  SERIES_FILE_VERSION,
} from '../../schemas/series-transfer';
import { DomainError, type Issue } from '../errors';
import type { NewSeries } from './series';
import { readCsv, toCsv } from './csv';

/** A file with this many rows or more is refused before its rows are checked (a series holds 366 at most). */
export const IMPORT_ROW_LIMIT = 10_000;
/** A file of this many bytes or more is refused before it is read (src/app.ts). */
export const IMPORT_BYTE_LIMIT = 5 * 1024 * 1024;
/** A series holds at most this many prompts (as createSeriesBody says). */
const MAX_PROMPTS = 366;

/** CSV columns, in the order an export writes them, and the prompt field each one holds. */
export const CSV_COLUMNS = { day: 'day', easy: 'easy', hard: 'hard', easy_points: 'easyPoints', hard_points: 'hardPoints' } as const;
type Column = keyof typeof CSV_COLUMNS;
const REQUIRED_COLUMNS: Column[] = ['day', 'easy', 'hard'];

export type ImportSettings = z.infer<typeof importQuery>;
type Exported = Omit<NewSeries, 'prompts'> & { prompts: NewSeries['prompts'] };

/** The JSON export: `{ format, version, title, description, startDate, cadence, prompts: [{ day, … }] }`. */
export function seriesToJson(s: Exported) {
  return {
    format: SERIES_FILE_FORMAT,
    version: SERIES_FILE_VERSION,
    title: s.title,
    description: s.description,
    startDate: s.startDate,
    cadence: s.cadence,
    prompts: s.prompts.map((p, i) => ({ day: i + 1, easy: p.easy, hard: p.hard, easyPoints: p.easyPoints, hardPoints: p.hardPoints })),
  };
}

/** The CSV export: a header, then one prompt per row. */
export function seriesToCsv(s: Exported) {
  const header = Object.keys(CSV_COLUMNS);
  return toCsv([header, ...s.prompts.map((p, i) => [String(i + 1), p.easy, p.hard, String(p.easyPoints), String(p.hardPoints)])]);
}

const tooManyRows = () =>
  new DomainError('payload_too_large', `Import files must have fewer than ${IMPORT_ROW_LIMIT} rows (a series holds at most ${MAX_PROMPTS} prompts)`, {
    issues: [{ path: 'rows', message: `must be fewer than ${IMPORT_ROW_LIMIT}` }],
  });

const at = (row: number, column: string) => `row ${row}, column ${column}`;

/** Checks every row; `column` names a field as the file does. Rows are numbered from 1, header excluded. */
function checkRows(rows: unknown[], column: (field: string) => string, issues: Issue[]) {
  const prompts: (NewSeries['prompts'][number] & { day: number })[] = [];
  const dayRow = new Map<number, number>();
  rows.forEach((raw, i) => {
    const row = i + 1;
    const parsed = importedPrompt.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        issues.push({ path: field ? at(row, column(field)) : `row ${row}`, message: issue.message });
      }
    }
    // A duplicate day is told even when other cells of either row are wrong.
    const day = importedPrompt.shape.day.safeParse((raw as { day?: unknown } | null)?.day);
    if (day.success) {
      const first = dayRow.get(day.data);
      if (first !== undefined) issues.push({ path: at(row, column('day')), message: `day ${day.data} is already row ${first}` });
      else dayRow.set(day.data, row);
    }
    if (parsed.success) prompts.push(parsed.data);
  });
  if (rows.length === 0) issues.push({ path: 'rows', message: 'the file holds no prompt' });
  if (rows.length > MAX_PROMPTS) issues.push({ path: 'rows', message: `a series holds at most ${MAX_PROMPTS} prompts; this file has ${rows.length}` });
  // Days give the order; gaps are allowed (day 1, 2, 5 are the first three prompts).
  return prompts.sort((a, b) => a.day - b.day).map(({ day: _day, ...p }) => p);
}

/** Series-wide problems; a field left out says so plainly (zod would say "expected string, received undefined"). */
const headIssues = (error: z.ZodError, given: Record<string, unknown>): Issue[] =>
  error.issues.map((i) => {
    const path = i.path.length ? i.path.join('.') : 'file';
    return { path, message: i.path.length === 1 && given[path] === undefined ? 'is required' : i.message };
  });

function finish(head: Omit<NewSeries, 'prompts'> | null, prompts: NewSeries['prompts'], issues: Issue[]): NewSeries {
  if (issues.length || !head) {
    throw new DomainError('import_invalid', `The file has ${issues.length} problem(s); nothing was imported`, { issues });
  }
  return { ...head, prompts };
}

/** A JSON series file, with `settings` overriding its series-wide fields. */
export function seriesFromJson(text: string, settings: ImportSettings): NewSeries {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DomainError('import_invalid', 'The file is not valid JSON', { issues: [{ path: 'file', message: 'is not valid JSON' }] });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DomainError('import_invalid', 'The file is not a series', { issues: [{ path: 'file', message: `must be a "${SERIES_FILE_FORMAT}" object` }] });
  }
  const record = data as Record<string, unknown>;
  const rows = record.prompts;
  if (Array.isArray(rows) && rows.length >= IMPORT_ROW_LIMIT) throw tooManyRows();
  const issues: Issue[] = [];
  const given = { ...record, ...definedOnly(settings) };
  const head = seriesFileHead.safeParse(given);
  if (!head.success) issues.push(...headIssues(head.error, given));
  if (!Array.isArray(rows)) issues.push({ path: 'prompts', message: 'must be a list of prompts' });
  const prompts = checkRows(Array.isArray(rows) ? rows : [], (f) => f, issues);
  const { format: _f, version: _v, ...fields } = head.success ? head.data : { format: '', version: 0 };
  return finish(head.success ? (fields as Omit<NewSeries, 'prompts'>) : null, prompts, issues);
}

/** A CSV file (header, then one prompt per row); the series' title and start date come from `settings`. */
export function seriesFromCsv(text: string, settings: ImportSettings): NewSeries {
  // The header and at most IMPORT_ROW_LIMIT - 1 rows; the reader stops there when more follow.
  const read = readCsv(text, IMPORT_ROW_LIMIT);
  if (!read.ok) {
    const row = read.record - 1;
    throw new DomainError('import_invalid', 'The file is not valid CSV', {
      issues: [{ path: row > 0 ? `row ${row}` : 'header', message: read.message }],
    });
  }
  if (read.truncated) throw tooManyRows();
  const [header = [], ...records] = read.records;
  const issues: Issue[] = [];
  const names = header.map((h) => h.trim().toLowerCase());
  for (const name of names) if (!(name in CSV_COLUMNS)) issues.push({ path: 'header', message: `unknown column "${name}"` });
  for (const name of REQUIRED_COLUMNS) if (!names.includes(name)) issues.push({ path: 'header', message: `the column "${name}" is missing` });
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) issues.push({ path: 'header', message: `the column "${name}" appears twice` });
  });
  const columnOf = Object.fromEntries(Object.entries(CSV_COLUMNS).map(([col, field]) => [field, col])) as Record<string, string>;
  const rows = records.map((cells, i) => {
    if (cells.length !== names.length) {
      issues.push({ path: `row ${i + 1}`, message: `has ${cells.length} fields where the header has ${names.length}` });
    }
    const row: Record<string, string> = {};
    names.forEach((name, j) => {
      const field = CSV_COLUMNS[name as Column];
      if (field) row[field] = cells[j] ?? '';
    });
    return row;
  });
  const given = { format: SERIES_FILE_FORMAT, version: SERIES_FILE_VERSION, cadence: 'daily', description: '', ...definedOnly(settings) };
  const head = seriesFileHead.safeParse(given);
  if (!head.success) issues.push(...headIssues(head.error, given));
  const prompts = checkRows(rows, (f) => columnOf[f] ?? f, issues);
  const { format: _f, version: _v, ...fields } = head.success ? head.data : { format: '', version: 0 };
  return finish(head.success ? (fields as Omit<NewSeries, 'prompts'>) : null, prompts, issues);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
