/** Private communities' feeds: only through a member's secret URL, which rotates and dies with the membership. */
import { parseFeed } from '@rowanmanning/feed-parser';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedTokens, memberships } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z', { PUBLIC_URL: 'https://kindling.example.org' });
});
afterEach(() => t.close());

/** A private community with a facilitator, a member, an open prompt and one answer of each kind. */
async function privateCircle() {
  const fac = await t.userToken('fran@example.org', 'Fran');
  const member = await t.userToken('mo@example.org', 'Mo');
  await createCommunity(t, fac.token, { slug: 'circle', name: 'Quiet Circle', visibility: 'private' });
  const series = await createSeries(t, fac.token, 'circle', { startDate: '2026-03-02' });
  const invite = await t.call('POST', '/api/communities/circle/invites', { token: fac.token });
  await join(t, member.token, 'circle', invite.json.code);
  const prompt = series.prompts[0]!.id;
  const answer = (token: string, body: Record<string, unknown>) =>
    t.call('POST', `/api/prompts/${prompt}/submissions`, { token, body: { level: 'easy', anonymous: false, ...body } });
  for (const [token, body] of [
    [fac.token, { body: 'Shared with everyone', visibility: 'public' }],
    [member.token, { body: 'Shared with the circle', visibility: 'community' }],
    [member.token, { level: 'hard', body: 'Only the circle, anonymously', visibility: 'community', anonymous: true }],
  ] as const) {
    expect((await answer(token, body)).status).toBe(201);
  }
  const other = await t.userToken('ola@example.org', 'Ola');
  await join(t, other.token, 'circle', invite.json.code);
  expect((await answer(other.token, { body: 'For facilitators only', visibility: 'facilitators' })).status).toBe(201);
  return { fac, member, other };
}

const rotate = (token?: string, slug = 'circle') => t.call('POST', `/api/communities/${slug}/feed-token`, { token });
const path = (url: string) => new URL(url).pathname;

describe('POST /api/communities/:slug/feed-token', () => {
  it("gives a member secret URLs that read the community's feeds as that member", async () => {
    const { member } = await privateCircle();
    const res = await rotate(member.token);
    expect(res.status).toBe(201);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.json.prompts).toMatch(/^https:\/\/kindling\.example\.org\/feeds\/[A-Za-z0-9_-]{43}\/prompts\.atom$/);

    const prompts = await t.call('GET', path(res.json.prompts));
    expect(prompts.status).toBe(200);
    expect(prompts.headers.get('Cache-Control')).toBe('private, max-age=300');
    const feed = parseFeed(prompts.text);
    expect(feed.self).toBe(res.json.prompts);
    expect(feed.items.map((i) => i.title)).toEqual(['Warm-ups #1: Draw a cup']);

    const gallery = await t.call('GET', path(res.json.gallery));
    expect(gallery.status).toBe(200);
    const contents = parseFeed(gallery.text).items.map((i) => i.content).sort();
    expect(contents).toEqual(['Only the circle, anonymously', 'Shared with everyone', 'Shared with the circle']);
    expect(gallery.text).not.toContain('For facilitators only');
    // Anonymous stays anonymous in a member's feed too, even for the facilitators' own.
    const anonymousEntry = gallery.text.match(/<entry>(?:(?!<\/entry>)[\s\S])*Only the circle(?:(?!<\/entry>)[\s\S])*<\/entry>/)![0];
    expect(anonymousEntry).not.toContain('<author>');

    const calendar = await t.call('GET', path(res.json.calendar));
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    expect(calendar.text).toContain('X-WR-CALNAME:Quiet Circle');
  });

  it('revokes the old URLs when rotated, and keeps the token only as a hash', async () => {
    const { member } = await privateCircle();
    const first = await rotate(member.token);
    const second = await rotate(member.token);
    expect(second.status).toBe(201);
    expect(second.json.gallery).not.toBe(first.json.gallery);
    expect((await t.call('GET', path(first.json.gallery))).status).toBe(404);
    expect((await t.call('GET', path(second.json.gallery))).status).toBe(200);

    const rows = await t.db.select().from(feedTokens);
    expect(rows).toHaveLength(1);
    const token = path(second.json.gallery).split('/')[2]!;
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.tokenHash).not.toContain(token);
  });

  it("stops working once the member no longer belongs to the community", async () => {
    const { member } = await privateCircle();
    const { json } = await rotate(member.token);
    expect((await t.call('GET', path(json.prompts))).status).toBe(200);
    await t.db.delete(memberships).where(and(eq(memberships.userId, member.userId)));
    const res = await t.call('GET', path(json.prompts));
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Quiet Circle');
  });

  it('answers outsiders as the rest of the API does: 401, 404 for a private community, 403 for a public one', async () => {
    await privateCircle();
    const stranger = await t.userToken('sam@example.org', 'Sam');
    expect((await rotate()).status).toBe(401);
    const hidden = await rotate(stranger.token);
    expect(hidden.status).toBe(404);
    expect(hidden.json.error.code).toBe('not_found');
    expect((await rotate(stranger.token, 'no-such-place')).status).toBe(404);
    const fac = await t.userToken('pia@example.org', 'Pia');
    await createCommunity(t, fac.token, { slug: 'open-air' });
    const forbidden = await rotate(stranger.token, 'open-air');
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.code).toBe('forbidden');
    expect(await t.db.select().from(feedTokens)).toEqual([]);
  });

  it('answers 404 to a made-up token and to a path that is not a feed', async () => {
    await privateCircle();
    expect((await t.call('GET', `/feeds/${'A'.repeat(43)}/prompts.atom`)).status).toBe(404);
    expect((await t.call('GET', '/feeds/short/prompts.atom')).status).toBe(404);
  });
});
