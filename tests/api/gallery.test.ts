import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submissions, users } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const answer = (token: string, promptId: number, body: Record<string, unknown> = {}) =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, {
    token,
    body: { level: 'easy', body: 'A small thing', visibility: 'community', anonymous: false, ...body },
  });
const gallery = (promptId: number, token?: string, query = '') =>
  t.call('GET', `/api/prompts/${promptId}/gallery${query}`, { token });

describe('gallery visibility', () => {
  it('shows each viewer exactly what the rules allow', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const authors = await Promise.all(['ann', 'bea', 'cy'].map((n) => t.userToken(`${n}@example.org`, n)));
    for (const a of authors) await join(t, a.token, community.slug);
    const visibilities = ['facilitators', 'community', 'public'] as const;
    const ids: Record<string, number> = {};
    for (const [i, v] of visibilities.entries()) {
      const res = await answer(authors[i]!.token, prompt.id, { visibility: v });
      ids[v] = res.json.id;
    }
    const stranger = await t.userToken('sam@example.org', 'Sam');
    const steward = await t.userToken('stu@example.org', 'Stu');
    await t.db.update(users).set({ isSteward: true }).where(eq(users.id, steward.userId));

    const seen = async (token?: string) => {
      const res = await gallery(prompt.id, token);
      expect(res.status).toBe(200);
      return res.json.items.map((i: { id: number }) => i.id).sort();
    };
    const sorted = (...vs: (typeof visibilities)[number][]) => vs.map((v) => ids[v]).sort();
    expect(await seen()).toEqual(sorted('public'));
    expect(await seen(stranger.token)).toEqual(sorted('public'));
    expect(await seen(member.token)).toEqual(sorted('community', 'public'));
    expect(await seen(facilitator.token)).toEqual(sorted('facilitators', 'community', 'public'));
    // A steward outside the community reads a public community as a visitor does (issue 14).
    expect(await seen(steward.token)).toEqual(sorted('public'));
    // An author always sees their own answer, marked as theirs and only theirs.
    expect(await seen(authors[0]!.token)).toEqual(sorted('facilitators', 'community', 'public'));
    const own = (await gallery(prompt.id, authors[0]!.token)).json.items;
    expect(own.filter((i: { mine?: boolean }) => i.mine).map((i: { id: number }) => i.id)).toEqual([ids.facilitators]);
  });

  it('keeps a private community closed to members of another community', async () => {
    const a = await communityWithOpenPrompt(t);
    const bFac = await t.userToken('bo@example.org', 'Bo');
    await createCommunity(t, bFac.token, { slug: 'recovery', visibility: 'private' });
    const b = await createSeries(t, bFac.token, 'recovery', { startDate: '2026-03-02' });
    const bPrompt = b.prompts[0]!.id;
    expect((await answer(bFac.token, bPrompt, { visibility: 'public' })).status).toBe(201);

    for (const token of [a.member.token, a.facilitator.token, undefined]) {
      const g = await gallery(bPrompt, token);
      expect([g.status, g.json.error.code]).toEqual([404, 'not_found']);
      const lb = await t.call('GET', '/api/communities/recovery/leaderboard', { token });
      expect([lb.status, lb.json.error.code]).toEqual([404, 'not_found']);
    }
    const write = await answer(a.member.token, bPrompt);
    expect([write.status, write.json.error.code]).toEqual([404, 'not_found']);
    const [bAnswer] = await t.db.select().from(submissions);
    const kudos = await t.call('POST', `/api/submissions/${bAnswer!.id}/kudos`, { token: a.member.token, body: { kind: 'applause' } });
    expect(kudos.status).toBe(404);
    expect((await t.db.select().from(submissions)).length).toBe(1);
  });
});

describe('gallery pages', () => {
  it('returns every visible answer exactly once, newest first (anonymous ones by their hour), across pages', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const visibilities = ['facilitators', 'community', 'public'] as const;
    for (let i = 0; i < 14; i++) {
      const u = await t.userToken(`m${i}@example.org`, `M${i}`);
      await join(t, u.token, community.slug);
      await answer(u.token, prompt.id, { visibility: visibilities[i % 3], level: 'easy', anonymous: i % 5 === 1 });
      await answer(u.token, prompt.id, { visibility: visibilities[(i + 1) % 3], level: 'hard', anonymous: i % 3 === 2 });
      // Several answers share a timestamp (and anonymous ones an hour), so the public id must break ties.
      if (i % 4 === 0) t.clock.advance(20 * 60_000);
    }
    for (const [viewer, query] of [[member.token, ''], [facilitator.token, '&level=hard'], [undefined, '']] as const) {
      const got: { id: number | string; createdAt: string }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = `?limit=5${query}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await gallery(prompt.id, viewer, q);
        expect(res.status).toBe(200);
        expect(res.json.items.length).toBeLessThanOrEqual(5);
        got.push(...res.json.items);
        cursor = res.json.nextCursor;
        pages++;
      } while (cursor && pages < 50);

      const all = await t.db.select().from(submissions).where(eq(submissions.promptId, prompt.id));
      const expected = all
        .filter((s) => viewer === facilitator.token || s.visibility === 'public' || (viewer === member.token && s.visibility === 'community'))
        .filter((s) => !query.includes('hard') || s.level === 'hard')
        // Newest first; an anonymous answer by its hour alone (shown by its public id); ties by public id.
        .map((s) => ({ ...s, key: s.anonymous ? s.createdAt - (s.createdAt % 3_600_000) : s.createdAt }))
        .sort((x, y) => y.key - x.key || (y.publicId! > x.publicId! ? 1 : -1))
        .map((s) => (s.anonymous ? s.publicId : s.id));
      expect(got.map((i) => i.id)).toEqual(expected);
      expect(new Set(got.map((i) => i.id)).size).toBe(got.length);
    }
  });

  it('carries kudos counts and the item shape of the contract', async () => {
    const { facilitator, member, prompt } = await communityWithOpenPrompt(t);
    const res = await answer(member.token, prompt.id, { link: 'https://example.org/a', visibility: 'public' });
    await t.call('POST', `/api/submissions/${res.json.id}/kudos`, { token: facilitator.token, body: { kind: 'relate' } });
    const page = await gallery(prompt.id);
    expect(page.json).toEqual({
      items: [
        {
          id: res.json.id,
          level: 'easy',
          body: 'A small thing',
          link: 'https://example.org/a',
          image: null,
          author: { name: 'Mo' },
          createdAt: '2026-03-02T12:00:00.000Z',
          kudos: { applause: 0, learned: 0, relate: 1 },
          spotlight: null,
        },
      ],
      nextCursor: null,
    });
  });
});
