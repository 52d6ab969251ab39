/** Starting a community through the API: what it stores, and every field it refuses, each under its own path. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { communities, memberships } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const valid = {
  slug: 'night-nurses',
  name: 'Night nurses',
  description: 'Nurses on night shifts, sharing what gets them through.',
  timeZone: 'America/Toronto',
  dayStartHour: 18,
  visibility: 'private',
};

describe('POST /api/communities', () => {
  it('stores the description, the time zone and the hour, and makes the creator its facilitator', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const res = await t.call('POST', '/api/communities', { token: fran.token, body: valid });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ ...valid, role: 'facilitator', memberCount: 1 });
    const [row] = await t.db.select().from(communities).where(eq(communities.slug, 'night-nurses'));
    expect(row).toMatchObject({ description: valid.description, timeZone: 'America/Toronto', dayStartHour: 18, visibility: 'private' });
    expect(await t.db.select().from(memberships).where(eq(memberships.communityId, row!.id))).toEqual([
      expect.objectContaining({ userId: fran.userId, role: 'facilitator' }),
    ]);
    const read = await t.call('GET', '/api/communities/night-nurses', { token: fran.token });
    expect(read.json.description).toBe(valid.description);
  });

  it('takes no description as an empty one', async () => {
    const fran = await t.userToken('fran@example.org');
    const { description: _, ...rest } = valid;
    const res = await t.call('POST', '/api/communities', { token: fran.token, body: rest });
    expect(res.status).toBe(201);
    expect(res.json.description).toBe('');
  });

  it('is 401 for visitors, and writes nothing', async () => {
    const res = await t.call('POST', '/api/communities', { body: valid });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthenticated');
    expect(await t.db.select().from(communities)).toEqual([]);
  });

  it('reports every invalid field under its own path, and writes nothing', async () => {
    const fran = await t.userToken('fran@example.org');
    const body = {
      slug: 'Night Nurses!',
      name: '   ',
      description: 'x'.repeat(501),
      timeZone: 'Mars/Olympus_Mons',
      dayStartHour: 24,
      visibility: 'secret',
    };
    const res = await t.call('POST', '/api/communities', { token: fran.token, body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_input');
    const paths = res.json.error.issues.map((i: { path: string }) => i.path);
    expect(new Set(paths)).toEqual(new Set(['slug', 'name', 'description', 'timeZone', 'dayStartHour', 'visibility']));
    expect(await t.db.select().from(communities)).toEqual([]);
    expect(await t.db.select().from(memberships)).toEqual([]);
  });

  it.each([
    ['an unknown zone', { timeZone: 'Europe/Pariss' }, 'timeZone', /IANA time zone/],
    ['a made-up zone', { timeZone: 'Not/A_Zone' }, 'timeZone', /IANA time zone/],
    ['no zone', { timeZone: undefined }, 'timeZone', /IANA time zone/],
    ['a fractional hour', { dayStartHour: 6.5 }, 'dayStartHour', /whole hour from 0 to 23/],
    ['a negative hour', { dayStartHour: -1 }, 'dayStartHour', /whole hour from 0 to 23/],
    ['an hour as text', { dayStartHour: '6' }, 'dayStartHour', /whole hour from 0 to 23/],
  ])('refuses %s with a message under its field', async (_, change, path, message) => {
    const fran = await t.userToken('fran@example.org');
    const res = await t.call('POST', '/api/communities', { token: fran.token, body: { ...valid, ...change } });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect(await t.db.select().from(communities)).toEqual([]);
  });

  it('answers a taken slug with 409 under slug, and keeps the first community as it was', async () => {
    const fran = await t.userToken('fran@example.org');
    const otto = await t.userToken('otto@example.org');
    expect((await t.call('POST', '/api/communities', { token: fran.token, body: valid })).status).toBe(201);
    const res = await t.call('POST', '/api/communities', { token: otto.token, body: { ...valid, name: 'Other', visibility: 'public' } });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'slug_taken', issues: [{ path: 'slug' }] });
    const rows = await t.db.select().from(communities);
    expect(rows.map((r) => [r.name, r.visibility])).toEqual([['Night nurses', 'private']]);
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, otto.userId))).toEqual([]);
  });
});
