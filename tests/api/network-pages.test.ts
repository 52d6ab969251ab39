/**
 * The stewards' /network page in pages of 50 communities (the CSV and the API keep every row): the page shows
 * which rows it holds, links to its neighbours with the sort and filter kept, and a page past the end shows
 * the last one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communities } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/sign-in';

const SECRET = 'setup-secret-for-tests-0123456789';
const COUNT = 57;
let t: TestApp;
let cookie: string;

const page = async (query: string) => (await t.call('GET', `/network${query}`, { headers: { Cookie: cookie } })).text;
const rows = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/c\/(net-\d+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z', { STEWARD_SETUP_SECRET: SECRET });
  // Communities as rows: making 57 through the API would meet its creation limit, which is not under test.
  const created = t.clock.now().getTime();
  await t.db.insert(communities).values(
    Array.from({ length: COUNT }, (_, i) => ({ slug: `net-${String(i + 1).padStart(2, '0')}`, name: `Net ${String(i + 1).padStart(2, '0')}`, timeZone: 'UTC', visibility: 'public' as const, createdAt: created })),
  );
  const made = await t.call('POST', '/api/setup/steward', { body: { email: 'stew@example.org' }, headers: { Authorization: `Bearer ${SECRET}` } });
  expect(made.status, made.text).toBe(201);
  ({ cookie } = await signIn(t, 'stew@example.org'));
});
afterAll(() => t.close());

describe('the /network page, 50 communities a page', () => {
  it('shows the first 50 by name, says so, and links to the next page with the sort kept', async () => {
    const html = await page('?sort=name&order=asc');
    expect(rows(html)).toEqual(Array.from({ length: 50 }, (_, i) => `net-${String(i + 1).padStart(2, '0')}`));
    expect(html).toContain(`Communities 1–50 of ${COUNT}`);
    expect(html).toContain('rel="next" href="/network?sort=name&amp;order=asc&amp;filter=all&amp;quietDays=14&amp;page=2"');
    expect(html).not.toContain('rel="prev"');
  });

  it('shows the rest on the second page, in the same order, with a link back', async () => {
    const html = await page('?sort=name&order=asc&page=2');
    expect(rows(html)).toEqual(['net-51', 'net-52', 'net-53', 'net-54', 'net-55', 'net-56', 'net-57']);
    expect(html).toContain(`Communities 51–57 of ${COUNT}`);
    expect(html).toContain('rel="prev" href="/network?sort=name&amp;order=asc&amp;filter=all&amp;quietDays=14&amp;page=1"');
    expect(html).not.toContain('rel="next"');
  });

  it('pages a descending sort from its own first row', async () => {
    expect(rows(await page('?sort=name&order=desc'))[0]).toBe('net-57');
  });

  it('shows the last page for a page past the end, and the first for a page that is not a number', async () => {
    expect(rows(await page('?page=9'))).toHaveLength(COUNT - 50);
    expect(rows(await page('?page=abc'))).toHaveLength(50);
  });

  it('keeps every community in the API and the CSV', async () => {
    const { token } = await t.userToken('stew@example.org');
    expect((await t.call('GET', '/api/network', { token })).json.communities).toHaveLength(COUNT);
    const csv = (await t.call('GET', '/api/network.csv', { token })).text;
    expect(csv.trim().split('\n')).toHaveLength(COUNT + 1);
  });
});
