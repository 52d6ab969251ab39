/** The leaderboard page without JavaScript: a real table, this week / all time, my rank, and the opt-out form. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

async function page(path: string, opts: { token?: string; lang?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.lang) headers['Accept-Language'] = opts.lang;
  const res = await t.call('GET', path, { token: opts.token, headers });
  return { status: res.status, html: res.text, location: res.headers.get('Location') };
}

/** The table's rows as [rank, name, points]. */
const rows = (html: string) =>
  [...html.matchAll(/<tr><td class="num">(\d+)<\/td><th scope="row">([^<]*)<\/th><td class="num">(\d+)<\/td><\/tr>/g)].map((m) => [
    Number(m[1]),
    m[2],
    Number(m[3]),
  ]);

async function setup() {
  const base = await communityWithOpenPrompt(t);
  const ola = await t.userToken('ola@example.org', 'Ola');
  await join(t, ola.token, base.community.slug);
  const post = (token: string, level: 'easy' | 'hard', anonymous = false) =>
    t.call('POST', `/api/prompts/${base.prompt.id}/submissions`, {
      token,
      body: { level, body: 'Something small', visibility: 'community', anonymous },
    });
  expect((await post(base.member.token, 'easy')).status).toBe(201); // 1 + on-time 1
  expect((await post(ola.token, 'hard')).status).toBe(201); // 3 + on-time 1
  return { ...base, ola, post };
}

describe('leaderboard page', () => {
  it('is a table with caption and headers, this week by default', async () => {
    const { community } = await setup();
    const res = await page(`/c/${community.slug}/leaderboard`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('<caption>Ranking: This week</caption>');
    expect(res.html).toContain('<th scope="col" class="num">Rank</th><th scope="col">Name</th>');
    expect(rows(res.html)).toEqual([
      [1, 'Ola', 4],
      [2, 'Mo', 2],
    ]);
    expect(res.html).toMatch(/aria-current="page"[^>]*>This week</);
    // Visitors get no rank line and no switch.
    expect(res.html).not.toContain('Show me on leaderboards');
  });

  it('switches to all time with ?period=all, and a new week starts empty', async () => {
    const { community } = await setup();
    t.clock.advance(8 * 24 * 3600 * 1000);
    const week = await page(`/c/${community.slug}/leaderboard`);
    expect(rows(week.html)).toEqual([]);
    expect(week.html).toContain('No points yet this period.');
    const all = await page(`/c/${community.slug}/leaderboard?period=all`);
    expect(all.html).toContain('<caption>Ranking: All time</caption>');
    expect(rows(all.html)).toEqual([
      [1, 'Ola', 4],
      [2, 'Mo', 2],
    ]);
    expect(all.html).toMatch(/aria-current="page"[^>]*>All time</);
  });

  it("tells a member their rank, and says nothing of anonymous answers' authors", async () => {
    const { community, member, facilitator, post } = await setup();
    expect((await post(facilitator.token, 'hard', true)).status).toBe(201);
    const res = await page(`/c/${community.slug}/leaderboard`, { token: member.token });
    expect(res.html).toContain('You: rank 2 with 2 points');
    expect(rows(res.html).map((r) => r[1])).toEqual(['Ola', 'Mo']);
    const fac = await page(`/c/${community.slug}/leaderboard`, { token: facilitator.token });
    expect(fac.html).toContain('You: rank 3 with 4 points');
    const newcomer = await t.userToken('nia@example.org', 'Nia');
    await join(t, newcomer.token, community.slug);
    expect((await page(`/c/${community.slug}/leaderboard`, { token: newcomer.token })).html).toContain('You have no points in this period yet.');
  });

  it('lets a member leave the boards with a plain form post, and come back', async () => {
    const { community, member } = await setup();
    const before = await page(`/c/${community.slug}/leaderboard`, { token: member.token });
    expect(before.html).toMatch(/<input type="checkbox" id="show-on-boards" name="show" checked/);

    const form = (body: Record<string, string>) =>
      t.app.request(`/c/${community.slug}/leaderboard/visibility`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${member.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      });
    const off = await form({ period: 'all' });
    expect(off.status).toBe(303);
    expect(off.headers.get('Location')).toBe(`/c/${community.slug}/leaderboard?period=all&saved=1`);
    const hidden = await page(`/c/${community.slug}/leaderboard?period=all&saved=1`, { token: member.token });
    expect(rows(hidden.html)).toEqual([[1, 'Ola', 4]]);
    expect(hidden.html).toContain('You: 2 points (rank 2 if you were shown)');
    expect(hidden.html).toContain('Saved');
    expect(hidden.html).not.toMatch(/name="show" checked/);
    expect((await t.call('GET', '/api/me', { token: member.token })).json.showOnLeaderboards).toBe(false);

    expect((await form({ show: 'on' })).headers.get('Location')).toBe(`/c/${community.slug}/leaderboard?saved=1`);
    expect(rows((await page(`/c/${community.slug}/leaderboard`)).html)).toHaveLength(2);

    // Signed out, the form leads to sign-in and changes nothing.
    const anon = await t.app.request(`/c/${community.slug}/leaderboard/visibility`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect([anon.status, anon.headers.get('Location')]).toEqual([303, '/sign-in']);
  });

  it('is 404 for a private community to outsiders, and speaks French', async () => {
    const owner = await t.userToken('olga@example.org', 'Olga');
    await createCommunity(t, owner.token, { slug: 'secret', visibility: 'private' });
    expect((await page('/c/secret/leaderboard')).status).toBe(404);
    expect((await page('/c/secret/leaderboard', { token: (await t.userToken('sam@example.org')).token })).status).toBe(404);
    expect((await page('/c/nowhere/leaderboard')).status).toBe(404);
    const fr = await page('/c/secret/leaderboard', { token: owner.token, lang: 'fr' });
    expect(fr.status).toBe(200);
    expect(fr.html).toContain('Classement de Sketchers');
    expect(fr.html).toContain('Cette semaine');
    expect(fr.html).toContain("M'afficher dans les classements");
  });
});
