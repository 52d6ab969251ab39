/** The network library: publish, list, copy with a new start date, and "adapted from". */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { libraryEntries, series } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterEach(() => t.close());

it('a facilitator publishes; another community copies with a new start date; the copy says where it came from', async () => {
  const fran = await t.userToken('fran@example.org', 'Fran');
  const pat = await t.userToken('pat@example.org', 'Pat');
  await createCommunity(t, fran.token, { slug: 'sketchers', name: 'Sketchers' });
  await createCommunity(t, pat.token, { slug: 'potters', name: 'Potters' });
  const source = await createSeries(t, fran.token, 'sketchers', { title: 'Warm-ups', cadence: 'weekdays' });

  const published = await t.call('POST', `/api/series/${source.id}/publish`, { token: fran.token, body: {} });
  expect(published.status, published.text).toBe(201);
  expect(published.json).toMatchObject({ seriesId: source.id, title: 'Warm-ups', community: 'Sketchers', publishedBy: 'Fran', cadence: 'weekdays' });
  expect(published.json.prompts[0]).toEqual({ easy: 'Draw a cup', hard: 'Draw a cup in two-point perspective', easyPoints: 1, hardPoints: 3 });

  const list = await t.call('GET', '/api/library', { token: pat.token });
  expect(list.status).toBe(200);
  expect(list.json.entries.map((e: any) => [e.id, e.title, e.community, e.publishedBy])).toEqual([[published.json.id, 'Warm-ups', 'Sketchers', 'Fran']]);

  const copy = await t.call('POST', `/api/library/${published.json.id}/copy`, { token: pat.token, body: { community: 'potters', startDate: '2026-04-06' } });
  expect(copy.status, copy.text).toBe(201);
  expect(copy.json).toMatchObject({ title: 'Warm-ups', startDate: '2026-04-06', cadence: 'weekdays', status: 'scheduled' });
  expect(copy.json.adaptedFrom).toEqual({ entryId: published.json.id, title: 'Warm-ups', community: 'Sketchers' });
  expect(copy.json.prompts.map((p: any) => p.opensOn)).toEqual(['2026-04-06', '2026-04-07', '2026-04-08']);
  const [row] = await t.db.select().from(series).where(eq(series.id, copy.json.id));
  expect(row!.adaptedFromEntryId).toBe(published.json.id);

  // The original is not adapted from anything.
  expect((await t.call('GET', `/api/series/${source.id}`, { token: fran.token })).json.adaptedFrom).toBeNull();
});

it('publishing again refreshes the one entry; copies already made keep their texts', async () => {
  const fran = await t.userToken('fran@example.org', 'Fran');
  await createCommunity(t, fran.token, { slug: 'sketchers' });
  await createCommunity(t, fran.token, { slug: 'potters', name: 'Potters' });
  const source = await createSeries(t, fran.token, 'sketchers', { startDate: '2026-03-10' });
  const first = await t.call('POST', `/api/series/${source.id}/publish`, { token: fran.token, body: {} });
  const copy = await t.call('POST', `/api/library/${first.json.id}/copy`, { token: fran.token, body: { community: 'potters', startDate: '2026-03-20' } });
  const edited = await t.call('PATCH', `/api/prompts/${source.prompts[0]!.id}`, { token: fran.token, body: { easy: 'Draw a teapot' } });
  expect(edited.status).toBe(200);
  t.clock.advance(60_000);
  const again = await t.call('POST', `/api/series/${source.id}/publish`, { token: fran.token, body: {} });
  expect(again.json.id).toBe(first.json.id);
  expect(again.json.prompts[0].easy).toBe('Draw a teapot');
  expect(await t.db.select().from(libraryEntries)).toHaveLength(1);
  const copied = await t.call('GET', `/api/series/${copy.json.id}`, { token: fran.token });
  expect(copied.json.prompts[0].easy.text).toBe('Draw a cup');
});

it('a private community’s series is published only when its facilitator says so', async () => {
  const fran = await t.userToken('fran@example.org', 'Fran');
  await createCommunity(t, fran.token, { slug: 'secret', visibility: 'private' });
  const source = await createSeries(t, fran.token, 'secret');
  const refused = await t.call('POST', `/api/series/${source.id}/publish`, { token: fran.token, body: {} });
  expect([refused.status, refused.json.error.issues[0].path]).toEqual([400, 'sharePrivate']);
  expect(await t.db.select().from(libraryEntries)).toHaveLength(0);
  const shared = await t.call('POST', `/api/series/${source.id}/publish`, { token: fran.token, body: { sharePrivate: true } });
  expect(shared.status).toBe(201);
});

it('a copy is checked like a new series: a bad start date is 400 and writes nothing; an unknown entry is 404', async () => {
  const fran = await t.userToken('fran@example.org', 'Fran');
  await createCommunity(t, fran.token, { slug: 'sketchers' });
  const source = await createSeries(t, fran.token, 'sketchers');
  const entry = await t.call('POST', `/api/series/${source.id}/publish`, { token: fran.token, body: {} });
  const bad = await t.call('POST', `/api/library/${entry.json.id}/copy`, { token: fran.token, body: { community: 'sketchers', startDate: '2026-02-30' } });
  expect([bad.status, bad.json.error.issues[0].path]).toEqual([400, 'startDate']);
  const unknown = await t.call('POST', '/api/library/999/copy', { token: fran.token, body: { community: 'sketchers', startDate: '2026-03-10' } });
  expect(unknown.status).toBe(404);
  expect(await t.db.select().from(series)).toHaveLength(1);
});

it('an entry and a typo fix outlive their author’s erased account, naming no one', async () => {
  const fran = await t.userToken('fran@example.org', 'Fran');
  const pat = await t.userToken('pat@example.org', 'Pat');
  await createCommunity(t, fran.token, { slug: 'sketchers', name: 'Sketchers' });
  const source = await createSeries(t, fran.token, 'sketchers', { startDate: '2026-03-02' });
  expect((await t.call('PATCH', `/api/prompts/${source.prompts[0]!.id}`, { token: fran.token, body: { easy: 'Draw a cap' } })).status).toBe(200);
  await t.call('POST', `/api/series/${source.id}/publish`, { token: fran.token, body: {} });
  await t.call('POST', '/api/communities/sketchers/join', { token: pat.token, body: {} });
  expect((await t.call('PATCH', `/api/communities/sketchers/members/${pat.userId}`, { token: fran.token, body: { role: 'facilitator' } })).status).toBe(200);

  const erased = await t.call('DELETE', '/api/me', { token: fran.token, body: { confirm: 'delete my account' } });
  expect(erased.status, erased.text).toBe(200);

  const list = await t.call('GET', '/api/library', { token: pat.token });
  expect(list.json.entries.map((e: any) => [e.title, e.community, e.publishedBy])).toEqual([['Warm-ups', 'Sketchers', null]]);
  const edits = await t.call('GET', `/api/series/${source.id}/edits`, { token: pat.token });
  expect(edits.json.edits.map((e: any) => [e.before, e.after, e.editedBy])).toEqual([['Draw a cup', 'Draw a cap', null]]);
});
