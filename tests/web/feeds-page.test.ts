/** Finding the feeds from the web: <link rel="alternate"> on public pages, and the /c/:slug/feeds page. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z', { PUBLIC_URL: 'https://kindling.example.org' });
});
afterEach(() => t.close());

async function page(path: string, opts: { token?: string; lang?: string; method?: string } = {}) {
  const headers: Record<string, string> = { 'Accept-Language': opts.lang ?? 'en' };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const res = await t.app.request(path, { method: opts.method ?? 'GET', headers });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

const alternates = (html: string) => html.match(/<link rel="alternate"[^>]*>/g) ?? [];
/** The values of the read-only link fields on the feeds page. */
const shownLinks = (html: string) => [...html.matchAll(/<input type="text" readonly value="([^"]+)"/g)].map((m) => m[1]!);

describe('feed links on the pages', () => {
  it("announces a public community's feeds on its today and gallery pages", async () => {
    const { community, prompt } = await communityWithOpenPrompt(t);
    for (const path of [`/c/${community.slug}`, `/c/${community.slug}/p/${prompt.id}`]) {
      const links = alternates((await page(path)).html);
      expect(links, path).toEqual([
        '<link rel="alternate" type="application/atom+xml" title="Sketchers: prompts" href="/c/sketchers/prompts.atom">',
        '<link rel="alternate" type="application/atom+xml" title="Sketchers: answers" href="/c/sketchers/gallery.atom">',
        '<link rel="alternate" type="text/calendar" title="Sketchers: calendar" href="/c/sketchers/calendar.ics">',
      ]);
    }
  });

  it("announces no feed on a private community's pages", async () => {
    const fac = await t.userToken('pat@example.org', 'Pat');
    await createCommunity(t, fac.token, { slug: 'circle', visibility: 'private' });
    await createSeries(t, fac.token, 'circle', { startDate: '2026-03-02' });
    const today = await page('/c/circle', { token: fac.token });
    expect(today.status).toBe(200);
    expect(alternates(today.html)).toEqual([]);
  });
});

describe('/c/:slug/feeds', () => {
  it('shows the public links to anyone, and makes a member private links that work, in French too', async () => {
    const { community, member } = await communityWithOpenPrompt(t);
    const visitor = await page(`/c/${community.slug}/feeds`);
    expect(visitor.status).toBe(200);
    expect(shownLinks(visitor.html)).toEqual([
      'https://kindling.example.org/c/sketchers/prompts.atom',
      'https://kindling.example.org/c/sketchers/gallery.atom',
      'https://kindling.example.org/c/sketchers/calendar.ics',
    ]);
    expect(visitor.html).not.toContain('action="/c/sketchers/feeds"');

    const made = await page(`/c/${community.slug}/feeds`, { token: member.token, method: 'POST', lang: 'fr' });
    expect(made.status).toBe(200);
    expect(made.headers.get('Cache-Control')).toBe('no-store');
    expect(made.html).toContain('Vos liens privés');
    const secret = shownLinks(made.html).slice(3);
    expect(secret).toHaveLength(3);
    expect(secret[2]).toMatch(/^https:\/\/kindling\.example\.org\/feeds\/[A-Za-z0-9_-]{43}\/calendar\.ics$/);
    for (const url of secret) expect((await t.call('GET', new URL(url).pathname)).status, url).toBe(200);

    // Getting new links turns the old ones off.
    await page(`/c/${community.slug}/feeds`, { token: member.token, method: 'POST' });
    expect((await t.call('GET', new URL(secret[0]!).pathname)).status).toBe(404);
  });

  it("is the 404 page for a private community's outsiders, and sends a signed-out POST to sign in", async () => {
    const fac = await t.userToken('pat@example.org', 'Pat');
    await createCommunity(t, fac.token, { slug: 'circle', visibility: 'private' });
    const stranger = await t.userToken('sam@example.org', 'Sam');
    const hidden = await page('/c/circle/feeds', { token: stranger.token });
    expect(hidden.status).toBe(404);
    expect(hidden.html).toContain('<!doctype html>');
    expect((await page('/c/circle/feeds', { token: stranger.token, method: 'POST' })).status).toBe(404);
    const signedOut = await page('/c/circle/feeds', { method: 'POST' });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('Location')).toBe('/sign-in?next=%2Fc%2Fcircle%2Ffeeds');

    const member = await t.userToken('mo@example.org', 'Mo');
    const invite = await t.call('POST', '/api/communities/circle/invites', { token: fac.token });
    await join(t, member.token, 'circle', invite.json.code);
    const own = await page('/c/circle/feeds', { token: member.token });
    expect(own.status).toBe(200);
    expect(shownLinks(own.html)).toEqual([]);
    expect(own.html).toContain('action="/c/circle/feeds"');
  });
});
