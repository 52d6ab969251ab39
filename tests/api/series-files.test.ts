/** Series files: export → import round trips (JSON and CSV), the import error table, size and row limits. */
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prompts, series } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries } from '../helpers/fixtures';

let t: TestApp;
let fran: { token: string; userId: number };
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
  fran = await t.userToken('fran@example.org', 'Fran');
  await createCommunity(t, fran.token, { slug: 'sketchers' });
  await createCommunity(t, fran.token, { slug: 'potters', name: 'Potters' });
});
afterEach(() => t.close());

/** Texts a naive CSV writer breaks: commas, quotes, line breaks (LF and CRLF), accents and emoji. */
const tricky = [
  { easy: 'Draw a cup, then a saucer', hard: 'He said "draw it twice", so do', easyPoints: 2, hardPoints: 5 },
  { easy: 'Line one\nline two', hard: 'Crème brûlée, façade — naïve', easyPoints: 0, hardPoints: 100 },
  { easy: '"Quoted" from the start', hard: 'Windows\r\nline ends 🎨', easyPoints: 1, hardPoints: 3 },
];

const exportOf = (id: number, format: 'json' | 'csv') => t.call('GET', `/api/series/${id}/export?format=${format}`, { token: fran.token });
const importInto = (slug: string, body: string, type: string, query = '') =>
  t.call('POST', `/api/communities/${slug}/series/import${query}`, { token: fran.token, body, headers: { 'Content-Type': type } });
const seriesCount = async () => (await t.db.select({ n: count() }).from(series))[0]!.n;
const promptCount = async () => (await t.db.select({ n: count() }).from(prompts))[0]!.n;

describe('export → import', () => {
  it('JSON: a versioned file that imports back to the same series, and exports again byte for byte', async () => {
    const source = await createSeries(t, fran.token, 'sketchers', { title: 'Tricky «texts»', cadence: 'weekdays', startDate: '2026-03-04', prompts: tricky });
    const first = await exportOf(source.id, 'json');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(first.headers.get('content-disposition')).toBe(`attachment; filename="series-${source.id}.json"`);
    expect(first.json).toMatchObject({ format: 'kindling-series', version: 1, title: 'Tricky «texts»', cadence: 'weekdays', startDate: '2026-03-04' });
    expect(first.json.prompts).toEqual(tricky.map((p, i) => ({ day: i + 1, ...p })));

    const imported = await importInto('potters', first.text, 'application/json');
    expect(imported.status, imported.text).toBe(201);
    const again = await exportOf(imported.json.id, 'json');
    expect(again.text).toBe(first.text);
  });

  it('CSV: one prompt per row with a header; commas, quotes, line breaks and accents survive the round trip', async () => {
    const source = await createSeries(t, fran.token, 'sketchers', { startDate: '2026-03-04', prompts: tricky });
    const first = await exportOf(source.id, 'csv');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(first.text.split('\r\n')[0]).toBe('day,easy,hard,easy_points,hard_points');
    expect(first.text).toContain('"He said ""draw it twice"", so do"');

    const imported = await importInto('potters', first.text, 'text/csv', '?title=Copied&startDate=2026-03-04');
    expect(imported.status, imported.text).toBe(201);
    const again = await exportOf(imported.json.id, 'csv');
    expect(again.text).toBe(first.text);
    const json = await exportOf(imported.json.id, 'json');
    expect(json.json.prompts).toEqual(tricky.map((p, i) => ({ day: i + 1, ...p })));
    expect(json.json).toMatchObject({ title: 'Copied', startDate: '2026-03-04', cadence: 'daily' });
  });

  it('orders rows by their day, and takes points as optional (1 and 3)', async () => {
    const csv = 'hard,day,easy\r\nsecond hard,2,second easy\r\nfirst hard,1,first easy\r\n';
    const res = await importInto('sketchers', csv, 'text/csv', '?title=Days&startDate=2026-03-10');
    expect(res.status, res.text).toBe(201);
    expect(res.json.prompts.map((p: any) => [p.easy.text, p.easy.points, p.hard.points, p.opensOn])).toEqual([
      ['first easy', 1, 3, '2026-03-10'],
      ['second easy', 1, 3, '2026-03-11'],
    ]);
  });
});

describe('the import error table', () => {
  it('reports every error at once, by row and column, and writes nothing', async () => {
    await createSeries(t, fran.token, 'sketchers');
    const before = [await seriesCount(), await promptCount()];
    const long = 'x'.repeat(501);
    const csv = [
      'day,easy,hard,easy_points,hard_points',
      '1,Fine,Also fine,1,3',
      '2,,Hard without easy,1,3', // missing level
      `3,Easy,${long},1,3`, // too long
      '2,Duplicate day,Hard,1,3', // duplicate day
      'x,Bad day,Hard,1,3', // not a day
      '6,Easy,Hard,101,-1', // points out of range, twice
    ].join('\r\n');
    const res = await importInto('sketchers', csv, 'text/csv', '?title=Broken&startDate=2026-02-30');
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('import_invalid');
    expect(res.json.error.issues).toEqual([
      { path: 'startDate', message: expect.stringContaining('real date') },
      { path: 'row 2, column easy', message: 'the easy level is missing' },
      { path: 'row 3, column hard', message: 'is too long: at most 500 characters' },
      { path: 'row 4, column day', message: 'day 2 is already row 2' },
      { path: 'row 5, column day', message: expect.stringContaining('day number') },
      { path: 'row 6, column easy_points', message: expect.stringContaining('0 to 100') },
      { path: 'row 6, column hard_points', message: expect.stringContaining('0 to 100') },
    ]);
    expect([await seriesCount(), await promptCount()]).toEqual(before);
  });

  it('JSON: the same table with the file’s own field names, and the series fields checked too', async () => {
    const file = {
      format: 'kindling-series',
      version: 2,
      title: '',
      startDate: '2026-13-01',
      cadence: 'daily',
      prompts: [{ day: 1, easy: 'Ok', hard: 'Ok' }, { day: 1, easy: 'Dup', hard: '' }, { easy: 'No day', hard: 'x' }],
    };
    const res = await importInto('sketchers', JSON.stringify(file), 'application/json');
    expect(res.status).toBe(422);
    expect(res.json.error.issues.map((i: any) => i.path)).toEqual([
      'version',
      'title',
      'startDate',
      'row 2, column hard',
      'row 2, column day',
      'row 3, column day',
    ]);
    expect(await seriesCount()).toBe(0);
  });

  it('CSV: missing required settings and columns, unknown columns and ragged rows are all reported', async () => {
    const res = await importInto('sketchers', 'day,easy,colour\r\n1,a,red,extra\r\n', 'text/csv');
    expect(res.status).toBe(422);
    expect(res.json.error.issues).toEqual([
      { path: 'header', message: 'unknown column "colour"' },
      { path: 'header', message: 'the column "hard" is missing' },
      { path: 'row 1', message: 'has 4 fields where the header has 3' },
      { path: 'title', message: 'is required' },
      { path: 'startDate', message: 'is required' },
      { path: 'row 1, column hard', message: 'the hard level is missing' },
    ]);
  });

  it('refuses broken files and unknown content types with a clear error', async () => {
    const notJson = await importInto('sketchers', '{"format":', 'application/json');
    expect([notJson.status, notJson.json.error.issues]).toEqual([422, [{ path: 'file', message: 'is not valid JSON' }]]);
    const openQuote = await importInto('sketchers', 'day,easy,hard\r\n1,"never closed,x\r\n', 'text/csv', '?title=T&startDate=2026-03-10');
    expect([openQuote.status, openQuote.json.error.issues]).toEqual([422, [{ path: 'row 1', message: 'a quoted field is never closed' }]]);
    const xml = await importInto('sketchers', '<series/>', 'application/xml');
    expect([xml.status, xml.json.error.code, xml.json.error.issues[0].path]).toEqual([400, 'invalid_input', 'Content-Type']);
  });

  it('a valid file with more prompts than a series holds is one error, not a write', async () => {
    const rows = Array.from({ length: 367 }, (_, i) => `${i + 1},e${i},h${i}`);
    const res = await importInto('sketchers', ['day,easy,hard', ...rows].join('\n'), 'text/csv', '?title=Long&startDate=2026-03-10');
    expect(res.status).toBe(422);
    expect(res.json.error.issues).toEqual([{ path: 'rows', message: 'a series holds at most 366 prompts; this file has 367' }]);
  });

  it('a month 13 is a bad date (422 in the table), not a crash; the series form answers it with 400', async () => {
    const res = await importInto('sketchers', 'day,easy,hard\n1,a,b\n', 'text/csv', '?title=T&startDate=2026-13-01');
    expect([res.status, res.json.error.issues[0].path]).toEqual([422, 'startDate']);
    const form = await t.call('POST', '/api/communities/sketchers/series', {
      token: fran.token,
      body: { title: 'T', startDate: '2026-13-01', cadence: 'daily', prompts: [{ easy: 'a', hard: 'b' }] },
    });
    expect([form.status, form.json.error.issues[0].path]).toEqual([400, 'startDate']);
  });
});

describe('limits', () => {
  it('refuses a file of 5 MB with 413 and a clear message, before reading it', async () => {
    const big = 'day,easy,hard\n' + 'x'.repeat(5 * 1024 * 1024);
    const started = performance.now();
    const res = await importInto('sketchers', big, 'text/csv', '?title=Big&startDate=2026-03-10');
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({ code: 'payload_too_large', message: 'Import files must be smaller than 5 MB' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses 10,000 rows with 413 before checking them (CSV and JSON); 9,999 rows get the ordinary 422', async () => {
    const csvRows = (n: number) => ['day,easy,hard', ...Array.from({ length: n }, (_, i) => `${i + 1},e,h`)].join('\n');
    const refused = await importInto('sketchers', csvRows(10_000), 'text/csv', '?title=T&startDate=2026-03-10');
    expect(refused.status).toBe(413);
    expect(refused.json.error.message).toBe('Import files must have fewer than 10000 rows (a series holds at most 366 prompts)');
    const checked = await importInto('sketchers', csvRows(9_999), 'text/csv', '?title=T&startDate=2026-03-10');
    expect(checked.status).toBe(422);

    const prompts = Array.from({ length: 10_000 }, (_, i) => ({ day: i + 1, easy: 'e', hard: 'h' }));
    const json = JSON.stringify({ format: 'kindling-series', version: 1, title: 'T', startDate: '2026-03-10', cadence: 'daily', prompts });
    const refusedJson = await importInto('sketchers', json, 'application/json');
    expect([refusedJson.status, refusedJson.json.error.code]).toEqual([413, 'payload_too_large']);
    expect(await seriesCount()).toBe(0);
  });

  it('other API bodies keep their 64 KB limit', async () => {
    const res = await t.call('POST', '/api/communities/sketchers/series', { token: fran.token, body: { title: 'x'.repeat(70_000) } });
    expect(res.status).toBe(413);
  });
});

it('an imported series is a series like any other: its prompts are in the community', async () => {
  const csv = 'day,easy,hard\n1,Draw,Draw better\n';
  const res = await importInto('potters', csv, 'text/csv; charset=utf-8', '?title=One&startDate=2026-03-02');
  expect(res.status).toBe(201);
  const [row] = await t.db.select().from(prompts).where(eq(prompts.seriesId, res.json.id));
  expect(row!.openedAt).not.toBeNull(); // started today: open at once
});

it('decides who may import before reading the file: a member sending a broken file gets 403, not the error table', async () => {
  const mo = await t.userToken('mo@example.org', 'Mo');
  await t.call('POST', '/api/communities/sketchers/join', { token: mo.token, body: {} });
  const res = await t.call('POST', '/api/communities/sketchers/series/import', { token: mo.token, body: 'garbage"', headers: { 'Content-Type': 'text/csv' } });
  expect([res.status, res.json.error.code]).toEqual([403, 'forbidden']);
});
