/** Public communities' feeds: /c/:slug/prompts.atom and /c/:slug/gallery.atom, read with a real feed parser. */
import { parseFeed } from '@rowanmanning/feed-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z', { PUBLIC_URL: 'https://kindling.example.org' });
});
afterEach(() => t.close());

const answer = (token: string, promptId: number, body: Record<string, unknown>) =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, {
    token,
    body: { level: 'easy', body: 'A small thing', visibility: 'public', anonymous: false, ...body },
  });

/** The <entry> elements of a feed as raw XML, to check what a parser might paper over. */
const rawEntries = (xml: string) => xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];

describe('GET /c/:slug/prompts.atom', () => {
  it('lists opened prompts only, newest first, with absolute links and the Atom content type', async () => {
    const { community, series } = await communityWithOpenPrompt(t);
    const res = await t.call('GET', `/c/${community.slug}/prompts.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');

    let feed = parseFeed(res.text);
    expect(feed.title).toBe('Sketchers: prompts');
    expect(feed.self).toBe('https://kindling.example.org/c/sketchers/prompts.atom');
    expect(feed.url).toBe('https://kindling.example.org/c/sketchers');
    // Three prompts, one a day from today: only today's is open; tomorrow's must not leak.
    expect(feed.items.map((i) => i.title)).toEqual(['Warm-ups #1: Draw a cup']);
    expect(feed.items[0]!.url).toBe(`https://kindling.example.org/c/sketchers/p/${series.prompts[0]!.id}`);
    expect(feed.items[0]!.content).toContain('Hard: Draw a cup in two-point perspective');
    expect(res.text).not.toContain('Name one tool');

    t.clock.set('2026-03-03T00:00:01Z');
    await tick(t.db, t.clock.now());
    feed = parseFeed((await t.call('GET', `/c/${community.slug}/prompts.atom`)).text);
    expect(feed.items.map((i) => i.title)).toEqual(['Warm-ups #2: Name one tool you use', 'Warm-ups #1: Draw a cup']);
    expect(feed.updated?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('answers a conditional request with 304 while nothing changed, and 200 once something did', async () => {
    const { community } = await communityWithOpenPrompt(t);
    const first = await t.call('GET', `/c/${community.slug}/prompts.atom`);
    const etag = first.headers.get('ETag');
    expect(etag).toBeTruthy();
    const again = await t.call('GET', `/c/${community.slug}/prompts.atom`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');

    t.clock.set('2026-03-03T00:00:01Z');
    await tick(t.db, t.clock.now());
    const changed = await t.call('GET', `/c/${community.slug}/prompts.atom`, { headers: { 'If-None-Match': etag! } });
    expect(changed.status).toBe(200);
  });

  it('is a plain 404 for an unknown community and for a private one, even for its members', async () => {
    const fac = await t.userToken('pat@example.org', 'Pat');
    await createCommunity(t, fac.token, { slug: 'circle', visibility: 'private' });
    await createSeries(t, fac.token, 'circle', { startDate: '2026-03-02' });
    for (const path of ['/c/nope/prompts.atom', '/c/circle/prompts.atom', '/c/circle/gallery.atom', '/c/circle/calendar.ics']) {
      const res = await t.call('GET', path, { token: fac.token });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Content-Type'), path).toMatch(/^text\/plain/);
      expect(res.text, path).not.toContain('circle');
    }
  });
});

describe('GET /c/:slug/gallery.atom', () => {
  it('lists public answers only, and an anonymous one with no author, no answer id and only its hour', async () => {
    const { community, prompt, member } = await communityWithOpenPrompt(t);
    const ann = await t.userToken('ann@example.org', 'Ann Onymous');
    await join(t, ann.token, community.slug);
    t.clock.set('2026-03-02T12:34:56.789Z');
    const named = await answer(member.token, prompt.id, { body: 'Mine, <b>bold</b> & proud' });
    const secret = await answer(ann.token, prompt.id, { body: 'Hidden author', anonymous: true });
    await answer(ann.token, prompt.id, { level: 'hard', body: 'Members only', visibility: 'community' });
    const staff = await t.userToken('sid@example.org', 'Sid');
    await join(t, staff.token, community.slug);
    await answer(staff.token, prompt.id, { body: 'For facilitators', visibility: 'facilitators' });
    expect([named.status, secret.status]).toEqual([201, 201]);

    const res = await t.call('GET', `/c/${community.slug}/gallery.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
    const feed = parseFeed(res.text);
    expect(feed.items.map((i) => i.content).sort()).toEqual(['Hidden author', 'Mine, <b>bold</b> & proud']);
    expect(res.text).toContain('Mine, &lt;b&gt;bold&lt;/b&gt; &amp; proud');
    expect(res.text).not.toContain('Members only');
    expect(res.text).not.toContain('For facilitators');

    const mine = feed.items.find((i) => i.content === 'Mine, <b>bold</b> & proud')!;
    expect(mine.authors.map((a) => a.name)).toEqual(['Mo']);
    expect(mine.updated?.toISOString()).toBe('2026-03-02T12:34:56.000Z');
    expect(mine.id).toBe(`tag:kindling.example.org,2026-03-02:sketchers:submission:${named.json.id}`);

    const hidden = feed.items.find((i) => i.content === 'Hidden author')!;
    expect(hidden.updated?.toISOString()).toBe('2026-03-02T12:00:00.000Z');
    expect(hidden.id).toMatch(/^tag:kindling\.example\.org,2026-03-02:sketchers:anonymous:[0-9a-f]{32}$/);
    expect(hidden.id).not.toMatch(new RegExp(`:${secret.json.id}$`));
    expect(res.text).not.toContain(`submission:${secret.json.id}<`);
    const hiddenXml = rawEntries(res.text).find((e) => e.includes('Hidden author'))!;
    expect(hiddenXml).not.toContain('<author>');
    expect(res.text).not.toContain('Ann Onymous');
    expect(res.text).not.toContain(`/u/${ann.userId}`);

    // The anonymous id is stable: a reader must not see the same answer twice.
    const later = parseFeed((await t.call('GET', `/c/${community.slug}/gallery.atom`)).text);
    expect(later.items.find((i) => i.content === 'Hidden author')!.id).toBe(hidden.id);
  });

  it('places an anonymous answer among others by its hour alone', async () => {
    const { community, prompt, member, facilitator } = await communityWithOpenPrompt(t);
    t.clock.set('2026-03-02T12:10:00Z');
    await answer(member.token, prompt.id, { body: 'anonymous early', anonymous: true });
    t.clock.set('2026-03-02T12:20:00Z');
    await answer(facilitator.token, prompt.id, { body: 'named later' });
    const feed = parseFeed((await t.call('GET', `/c/${community.slug}/gallery.atom`)).text);
    // Newest first by the time shown: 12:20 before 12:00, whatever the true order was.
    expect(feed.items.map((i) => i.content)).toEqual(['named later', 'anonymous early']);
  });
});
