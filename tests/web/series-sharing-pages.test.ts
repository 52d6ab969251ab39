/**
 * The series page, the library page and the import form, without JavaScript: plain form posts that redirect
 * with a notice, or re-render saying what was refused. Facilitators only (404 for everyone else).
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promptEdits, series } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
let fran: { token: string; userId: number };
let s: Awaited<ReturnType<typeof createSeries>>;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
  fran = await t.userToken('fran@example.org', 'Fran');
  await createCommunity(t, fran.token, { slug: 'sketchers', name: 'Sketchers' });
  s = await createSeries(t, fran.token, 'sketchers', { title: 'Warm-ups', startDate: '2026-03-02' });
});
afterEach(() => t.close());

async function post(path: string, body: URLSearchParams | FormData, token = fran.token) {
  const res = await t.app.request(path, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body });
  return { status: res.status, html: await res.text(), location: res.headers.get('Location') };
}
/** GET as Fran, or as `token` (null: a visitor). */
const page = (path: string, token: string | null = fran.token) => t.call('GET', path, { token: token ?? undefined });
const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('series page', () => {
  it('is 404 for visitors, members, other facilitators and under another community’s slug', async () => {
    const mo = await t.userToken('mo@example.org', 'Mo');
    await join(t, mo.token, 'sketchers');
    const olga = await t.userToken('olga@example.org', 'Olga');
    await createCommunity(t, olga.token, { slug: 'potters' });
    for (const token of [null, mo.token, olga.token]) expect((await page(`/c/sketchers/s/${s.id}`, token)).status).toBe(404);
    expect((await page(`/c/potters/s/${s.id}`, olga.token)).status).toBe(404);
    expect((await post(`/c/sketchers/s/${s.id}/pause`, form({}), mo.token)).status).toBe(404);
    expect((await page(`/c/sketchers/s/${s.id}`)).status).toBe(200);
    // Facilitators reach it from the series editor's list.
    expect((await page('/c/sketchers/series/new')).text).toContain(`<a href="/c/sketchers/s/${s.id}">Warm-ups</a>`);
  });

  it('edits a prompt not yet opened, fixes a typo in an opened one (shown in the log), refuses a rewrite', async () => {
    const [opened, waiting] = s.prompts;
    const saved = await post(`/c/sketchers/s/${s.id}/prompts/${waiting!.id}`, form({ easy: 'Name two tools', hard: 'Explain why', easyPoints: '2', hardPoints: '4' }));
    expect([saved.status, saved.location]).toEqual([303, `/c/sketchers/s/${s.id}?notice=saved#prompt-${waiting!.id}-easy`]);
    const fixed = await post(`/c/sketchers/s/${s.id}/prompts/${opened!.id}`, form({ easy: 'Draw a cap', hard: 'Draw a cup in two-point perspective' }));
    expect(fixed.status).toBe(303);
    const refused = await post(`/c/sketchers/s/${s.id}/prompts/${opened!.id}`, form({ easy: 'Paint a landscape', hard: 'Draw a cup in two-point perspective' }));
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('only a small typo fix is possible');

    const html = (await page(`/c/sketchers/s/${s.id}?notice=saved`)).text;
    expect(html).toContain('Prompt saved.');
    expect(html).toContain('Name two tools');
    expect(html).toContain('<td>Draw a cup</td><td>Draw a cap</td>');
    expect(await t.db.select().from(promptEdits)).toHaveLength(1);
  });

  it('moves a waiting prompt, pauses and resumes, publishes', async () => {
    const [, b, c] = s.prompts;
    const moved = await post(`/c/sketchers/s/${s.id}/move`, form({ promptId: String(c!.id), dir: 'up' }));
    expect(moved.location).toBe(`/c/sketchers/s/${s.id}?notice=moved`);
    const after = await t.call('GET', `/api/series/${s.id}`, { token: fran.token });
    expect(after.json.prompts.map((p: any) => p.id)).toEqual([s.prompts[0]!.id, c!.id, b!.id]);

    expect((await post(`/c/sketchers/s/${s.id}/pause`, form({}))).location).toBe(`/c/sketchers/s/${s.id}?notice=paused`);
    expect((await page(`/c/sketchers/s/${s.id}`)).text).toContain('Resume the series');
    expect((await post(`/c/sketchers/s/${s.id}/pause`, form({}))).status).toBe(409); // already paused
    expect((await post(`/c/sketchers/s/${s.id}/resume`, form({}))).location).toBe(`/c/sketchers/s/${s.id}?notice=resumed`);

    expect((await post(`/c/sketchers/s/${s.id}/publish`, form({}))).location).toBe(`/c/sketchers/s/${s.id}?notice=published`);
    expect((await page(`/c/sketchers/s/${s.id}`)).text).toContain('Publish again');
  });
});

describe('library page', () => {
  it('lists entries and copies one into a community the viewer facilitates; the copy’s page says where it came from', async () => {
    await t.call('POST', `/api/series/${s.id}/publish`, { token: fran.token, body: {} });
    const pat = await t.userToken('pat@example.org', 'Pat');
    await createCommunity(t, pat.token, { slug: 'potters', name: 'Potters' });
    const list = await page('/library', pat.token);
    expect(list.status).toBe(200);
    expect(list.text).toContain('From Sketchers, published by Fran');
    expect(list.text).toContain('<option value="potters">Potters</option>');

    const [entry] = (await t.call('GET', '/api/library', { token: pat.token })).json.entries;
    const bad = await post(`/library/${entry.id}/copy`, form({ community: 'potters', startDate: '2026-02-31' }), pat.token);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Pick a real start date');
    const notMine = await post(`/library/${entry.id}/copy`, form({ community: 'sketchers', startDate: '2026-04-01' }), pat.token);
    expect([notMine.status, notMine.html.includes('only copy into a community you facilitate')]).toEqual([400, true]);

    const copied = await post(`/library/${entry.id}/copy`, form({ community: 'potters', startDate: '2026-04-01' }), pat.token);
    expect(copied.status).toBe(303);
    expect(copied.location).toMatch(/^\/c\/potters\/s\/\d+\?notice=copied$/);
    const html = (await page(copied.location!, pat.token)).text;
    expect(html).toContain('Adapted from Warm-ups by Sketchers');
    expect(await t.db.select().from(series).where(eq(series.communityId, 2))).toHaveLength(1);
  });

  it('sends visitors to sign in', async () => {
    const res = await page('/library', null);
    expect([res.status, res.headers.get('location')]).toEqual([303, '/sign-in?next=%2Flibrary']);
  });
});

describe('import form', () => {
  const upload = (content: string, name: string, fields: Record<string, string> = {}) => {
    const data = new FormData();
    data.set('file', new File([content], name, { type: name.endsWith('.csv') ? 'text/csv' : 'application/json' }));
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return post('/c/sketchers/series/import', data);
  };

  it('shows every problem in a table, by row and column, and imports nothing', async () => {
    const res = await upload('day,easy,hard\n1,,b\n1,a,b\n', 'prompts.csv', { title: 'From a file', startDate: '2026-03-10' });
    expect(res.status).toBe(422);
    expect(res.html).toContain('2 problems: nothing was imported.');
    expect(res.html).toContain('<td>row 1, column easy</td><td>the easy level is missing</td>');
    expect(res.html).toContain('<td>row 2, column day</td><td>day 1 is already row 1</td>');
    expect(res.html).toContain('id="import-title" name="title" maxlength="120" value="From a file"'); // kept for the next try
    expect(await t.db.select().from(series)).toHaveLength(1);
  });

  it('imports a valid file and opens its page; a JSON export keeps its own title when the field is left empty', async () => {
    const csv = await upload('day,easy,hard\n1,a,b\n', 'prompts.csv', { title: 'From a file', startDate: '2026-03-10', cadence: 'daily' });
    expect(csv.location).toMatch(/^\/c\/sketchers\/s\/\d+\?notice=imported$/);
    const exported = await t.call('GET', `/api/series/${s.id}/export?format=json`, { token: fran.token });
    const json = await upload(exported.text, 'series.json', { title: '', startDate: '' });
    expect(json.status).toBe(303);
    expect((await page(json.location!)).text).toContain('<h1>Warm-ups</h1>');
  });

  it('refuses a file of 5 MB with a clear message, and a missing file', async () => {
    const big = await upload('x'.repeat(5 * 1024 * 1024), 'big.csv', { title: 'Big', startDate: '2026-03-10' });
    expect(big.status).toBe(413);
    expect(big.html).toContain('The file is too large');
    const huge = await upload('x'.repeat(6 * 1024 * 1024), 'huge.csv'); // past the form's own body limit
    expect([huge.status, huge.html.includes('The file is too large')]).toEqual([413, true]);
    const none = await post('/c/sketchers/series/import', new FormData());
    expect([none.status, none.html.includes('Choose a .json or .csv file.')]).toEqual([400, true]);
  });
});
