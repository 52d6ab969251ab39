/**
 * The directory's figures (GET /api/communities and the home page): members, answers and active members over
 * the last seven days, each equal to a count recomputed from the rows, for exactly the communities one may see.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { communities, memberships, submissions } from '../../db/schema';
import { ACTIVITY_WINDOW_MS, listDirectory } from '../../src/domain/directory/listing';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
});
afterEach(() => t.close());

const ten = Array.from({ length: 10 }, (_, i) => ({ easy: `Easy ${i + 1}`, hard: `Hard ${i + 1}` }));

async function answer(token: string, promptId: number, level: 'easy' | 'hard' = 'easy', anonymous = false) {
  const res = await t.call('POST', `/api/prompts/${promptId}/submissions`, { token, body: { level, body: 'A few words', anonymous } });
  expect(res.status, res.text).toBe(201);
}

/** What the directory should say, counted in plain TypeScript from every row. */
async function recomputed(now: Date) {
  const since = now.getTime() - ACTIVITY_WINDOW_MS;
  const [rows, members, answers] = await Promise.all([
    t.db.select().from(communities),
    t.db.select().from(memberships),
    t.db.select().from(submissions),
  ]);
  return new Map(
    rows.map((c) => {
      const recent = answers.filter((s) => s.communityId === c.id && s.createdAt >= since);
      const inIt = new Set(members.filter((m) => m.communityId === c.id).map((m) => m.userId));
      return [
        c.slug,
        {
          memberCount: members.filter((m) => m.communityId === c.id).length,
          answersLast7Days: recent.length,
          activeMembersLast7Days: new Set(recent.map((s) => s.userId).filter((u) => inIt.has(u))).size,
        },
      ];
    }),
  );
}

/** The home page's community cards as text, one line each: name, description, facts and activity. */
const cards = (html: string) =>
  [...html.matchAll(/<li class="card community-card">(.*?)<\/li>/g)].map((m) =>
    m[1]!.replace(/<\/(h3|p|span)>/g, ' · ').replace(/<[^>]+>/g, '').replace(/( · )+/g, ' · ').replace(/ · $/, ''),
  );

describe('the directory', () => {
  it('shows descriptions, members and the last seven days of answers, equal to a recomputation', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const mo = await t.userToken('mo@example.org', 'Mo');
    const ada = await t.userToken('ada@example.org', 'Ada');
    const sam = await t.userToken('sam@example.org', 'Sam');
    await createCommunity(t, fran.token, { slug: 'sketchers', name: 'Sketchers' });
    await t.call('PATCH', '/api/me', { token: fran.token, body: { name: 'Fran' } });
    const nurses = await t.call('POST', '/api/communities', {
      token: fran.token,
      body: { slug: 'nurses', name: 'Night nurses', description: 'Night shifts, shared.', timeZone: 'Europe/Paris', visibility: 'private' },
    });
    expect(nurses.status).toBe(201);
    await createCommunity(t, sam.token, { slug: 'quiet', name: 'Quiet corner' });
    const invite = await t.call('POST', '/api/communities/nurses/invites', { token: fran.token });
    await join(t, mo.token, 'sketchers');
    await join(t, ada.token, 'sketchers');
    await join(t, mo.token, 'nurses', invite.json.code);

    // Ten daily prompts from 20 February: all open (late) on 2 March.
    const sketch = await createSeries(t, fran.token, 'sketchers', { startDate: '2026-02-20', prompts: ten });
    const night = await createSeries(t, fran.token, 'nurses', { startDate: '2026-02-20', prompts: ten });
    // 2 March: answers that will be out of the window on 10 March.
    await answer(mo.token, sketch.prompts[0]!.id);
    await answer(ada.token, sketch.prompts[0]!.id, 'hard');
    // 5 March: inside it, one of them anonymous (it counts, and names no one).
    t.clock.set('2026-03-05T09:00:00Z');
    await answer(mo.token, sketch.prompts[1]!.id);
    await answer(mo.token, sketch.prompts[1]!.id, 'hard', true);
    await answer(fran.token, sketch.prompts[2]!.id);
    await answer(mo.token, night.prompts[0]!.id);
    t.clock.set('2026-03-10T12:00:00Z');

    const now = t.clock.now();
    const expected = await recomputed(now);
    expect(expected.get('sketchers')).toEqual({ memberCount: 3, answersLast7Days: 3, activeMembersLast7Days: 2 });

    const mine = await t.call('GET', '/api/communities', { token: mo.token });
    expect(mine.status).toBe(200);
    expect(mine.json.communities.map((c: { slug: string }) => c.slug)).toEqual(['nurses', 'quiet', 'sketchers']);
    for (const c of mine.json.communities) {
      expect(c, c.slug).toMatchObject(expected.get(c.slug)!);
    }
    expect(mine.json.communities[0]).toMatchObject({ name: 'Night nurses', description: 'Night shifts, shared.', visibility: 'private' });

    // A visitor sees public communities only, with the same figures.
    const visitor = await t.call('GET', '/api/communities');
    expect(visitor.json.communities.map((c: { slug: string }) => c.slug)).toEqual(['quiet', 'sketchers']);
    expect(visitor.json.communities[1]).toMatchObject(expected.get('sketchers')!);

    // The page says the same in words.
    const page = await t.call('GET', '/', { token: mo.token });
    expect(cards(page.text)).toEqual([
      'Night nurses · Night shifts, shared. · Private · 2 members · 1 answer in the last 7 days, from 1 person',
      'Quiet corner · Public · 1 member · No answers in the last 7 days',
      'Sketchers · Public · 3 members · 3 answers in the last 7 days, from 2 people',
    ]);
  });

  it('lists a page of communities by name when asked for a limit (the home page shows 100)', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    for (const [slug, name] of [['c', 'Cyclists'], ['a', 'Architects'], ['b', 'Bakers']]) await createCommunity(t, fran.token, { slug, name });
    const page = await listDirectory(t.db, null, t.clock.now(), 2);
    expect(page.map((c) => [c.name, c.memberCount])).toEqual([['Architects', 1], ['Bakers', 1]]);
  });

  it('pages through every community one may see, by name then slug, with no repeat or gap as communities are added', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const mo = await t.userToken('mo@example.org', 'Mo');
    // Two communities share a name (slugs tell them apart); one private one Mo belongs to, one he does not.
    const made: [string, string, 'public' | 'private'][] = [
      ['cyclists', 'Cyclists', 'public'],
      ['bakers-lyon', 'Bakers', 'public'],
      ['bakers-paris', 'Bakers', 'public'],
      ['architects', 'Architects', 'public'],
      ['divers', 'Divers', 'private'],
      ['editors', 'Editors', 'private'],
      ['farmers', 'Farmers', 'public'],
    ];
    for (const [slug, name, visibility] of made) await createCommunity(t, fran.token, { slug, name, visibility });
    const invite = await t.call('POST', '/api/communities/divers/invites', { token: fran.token });
    await join(t, mo.token, 'divers', invite.json.code);

    const slugsOf = (res: { json: { communities: { slug: string }[] } }) => res.json.communities.map((c) => c.slug);
    async function walk(token: string | undefined, limit: number, between?: () => Promise<void>) {
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await t.call('GET', `/api/communities?${query}`, token ? { token } : {});
        expect(res.status, res.text).toBe(200);
        pages.push(slugsOf(res));
        cursor = res.json.nextCursor;
        if (between && cursor) await between();
      } while (cursor);
      return pages;
    }

    const whole = ['architects', 'bakers-lyon', 'bakers-paris', 'cyclists', 'divers', 'farmers'];
    const all = await t.call('GET', '/api/communities', { token: mo.token });
    expect(slugsOf(all)).toEqual(whole);
    expect(all.json.nextCursor).toBeNull();
    // Pages of two: the two Bakers split across a page boundary neither repeat nor vanish.
    expect(await walk(mo.token, 2)).toEqual([['architects', 'bakers-lyon'], ['bakers-paris', 'cyclists'], ['divers', 'farmers']]);
    expect((await walk(mo.token, 3)).flat()).toEqual(whole);
    // A visitor's pages hold the public ones only.
    expect((await walk(undefined, 2)).flat()).toEqual(['architects', 'bakers-lyon', 'bakers-paris', 'cyclists', 'farmers']);

    // Communities created while paging: one before the cursor is not shown (nothing shifts), one after it is.
    let added = 0;
    const pages = await walk(mo.token, 2, async () => {
      if (added++ > 0) return;
      await createCommunity(t, fran.token, { slug: 'anglers', name: 'Anglers' });
      await createCommunity(t, fran.token, { slug: 'gardeners', name: 'Gardeners' });
    });
    expect(pages.flat()).toEqual([...whole, 'gardeners']);
  });

  it('refuses a cursor it did not give out and a limit out of range, naming the field', async () => {
    const forged = Buffer.from(JSON.stringify({ name: 'x' })).toString('base64url');
    for (const [query, field] of [
      [`cursor=${forged}`, 'cursor'],
      ['cursor=not-base64-json', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=many', 'limit'],
    ]) {
      const res = await t.call('GET', `/api/communities?${query}`);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.json), query).toContain(field);
    }
  });

  it('counts an answer exactly seven days old, and not one a millisecond older', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fran.token);
    const series = await createSeries(t, fran.token, 'sketchers', { startDate: '2026-03-02', prompts: ten });
    await answer(fran.token, series.prompts[0]!.id);
    t.clock.advance(ACTIVITY_WINDOW_MS);
    expect((await t.call('GET', '/api/communities')).json.communities[0].answersLast7Days).toBe(1);
    t.clock.advance(1);
    expect((await t.call('GET', '/api/communities')).json.communities[0]).toMatchObject({ answersLast7Days: 0, activeMembersLast7Days: 0 });
  });

  it('speaks French on the page, and invites a signed-in member to start a community', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fran.token);
    const fr = await t.call('GET', '/', { token: fran.token, headers: { 'Accept-Language': 'fr' } });
    expect(cards(fr.text)).toEqual(['Sketchers · Publique · 1 membre · Aucune réponse ces 7 derniers jours']);
    expect(fr.text).toContain('<a class="button secondary" href="/communities/new">Lancer une communauté</a>');
    const visitor = await t.call('GET', '/');
    expect(visitor.text).toContain('href="/sign-in?next=%2Fcommunities%2Fnew"');
  });
});
