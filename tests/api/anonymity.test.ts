import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { submissions, users } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const ALLOWED_ITEM_KEYS = ['author', 'body', 'createdAt', 'id', 'image', 'kudos', 'level', 'link', 'spotlight'];

describe('anonymous answers', () => {
  it('never reveal their author to members or visitors, in any response they can read', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    // A filler row pushes ids up so the author's id is a number that cannot appear by accident.
    await t.db.insert(users).values({ id: 987_650, email: 'filler@example.org', name: 'Filler', createdAt: 0 });
    const author = await t.userToken('zebulon.quill@example.org', 'Zebulon Quill');
    expect(author.userId).toBe(987_651);
    await join(t, author.token, community.slug);
    const named = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
      token: member.token,
      body: { level: 'easy', body: 'Mine, with my name', visibility: 'public', anonymous: false },
    });
    const anon = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
      token: author.token,
      body: { level: 'hard', body: 'Nervous first try', visibility: 'public', anonymous: true },
    });
    expect(anon.status).toBe(201);
    const stranger = await t.userToken('sam@example.org', 'Sam');

    const { publicId } = (await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, anon.json.id)))[0]!;
    const kudos = await t.call('POST', `/api/submissions/${publicId}/kudos`, { token: member.token, body: { kind: 'applause' } });
    expect(kudos.status).toBe(200);
    const readable = [kudos];
    for (const token of [undefined, stranger.token, member.token]) {
      readable.push(
        await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token }),
        await t.call('GET', `/api/communities/${community.slug}/leaderboard?period=week`, { token }),
        await t.call('GET', `/api/communities/${community.slug}/leaderboard?period=all`, { token }),
        await t.call('GET', `/api/communities/${community.slug}`, { token }),
        await t.call('GET', `/api/communities/${community.slug}/today`, { token }),
      );
    }
    for (const res of readable) {
      expect(res.status).toBe(200);
      for (const secret of ['Zebulon', 'Quill', 'zebulon.quill', '987651', 'zebulon']) {
        expect(res.text.toLowerCase(), `${secret} in ${res.text}`).not.toContain(secret.toLowerCase());
      }
    }

    const memberView = (await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token: member.token })).json;
    const anonItem = memberView.items.find((i: { id: string }) => i.id === publicId);
    expect(Object.keys(anonItem).sort()).toEqual(ALLOWED_ITEM_KEYS);
    expect(anonItem.author).toBeNull();
    expect(memberView.items.find((i: { id: number }) => i.id === named.json.id).author).toEqual({ name: 'Mo' });

    // The author knows it is theirs, and nothing more is said.
    const own = (await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token: author.token })).json.items;
    expect(own.find((i: { id: string }) => i.id === publicId)).toMatchObject({ author: null, mine: true });
    expect(own.find((i: { id: number }) => i.id === named.json.id).mine).toBeUndefined();

    // The community's facilitators may know who wrote it.
    const facView = (await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token: facilitator.token })).json;
    expect(facView.items.find((i: { id: string }) => i.id === publicId)).toMatchObject({
      author: { name: 'Zebulon Quill' },
      anonymous: true,
    });
  });

  it('show others only their hour and a random id, and sit in the gallery by their hour', async () => {
    // The linking attack: an anonymous answer posted seconds before the same member's named one.
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const author = await t.userToken('zeb@example.org', 'Zeb');
    await join(t, author.token, community.slug);
    const post = async (token: string, at: string, level: 'easy' | 'hard', anonymous: boolean) => {
      t.clock.set(at);
      const res = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
        token,
        body: { level, body: `At ${at}`, visibility: 'public', anonymous },
      });
      expect(res.status, res.text).toBe(201);
      return res.json.id as number;
    };
    const c = await post(facilitator.token, '2026-03-02T12:30:00Z', 'easy', false);
    const a = await post(member.token, '2026-03-02T13:05:00Z', 'easy', false);
    const x = await post(author.token, '2026-03-02T13:10:01.234Z', 'hard', true);
    const y = await post(author.token, '2026-03-02T13:10:05Z', 'easy', false);
    const b = await post(member.token, '2026-03-02T13:20:00Z', 'hard', false);
    const { publicId } = (await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, x)))[0]!;
    expect(publicId).toMatch(/^[0-9a-f]{32}$/);

    const stranger = await t.userToken('sam@example.org', 'Sam');
    for (const token of [undefined, stranger.token, member.token]) {
      const page = (await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token })).json;
      // Placed after every named answer of its hour: its place says no more than the hour it shows.
      expect(page.items.map((i: { id: number | string; createdAt: string }) => [i.id, i.createdAt])).toEqual([
        [b, '2026-03-02T13:20:00.000Z'],
        [y, '2026-03-02T13:10:05.000Z'],
        [a, '2026-03-02T13:05:00.000Z'],
        [publicId, '2026-03-02T13:00:00.000Z'],
        [c, '2026-03-02T12:30:00.000Z'],
      ]);
      // A page ending on it hands out a cursor holding its hour and public id, nothing finer.
      const first = (await t.call('GET', `/api/prompts/${prompt.id}/gallery?limit=4`, { token })).json;
      const cursor = Buffer.from(first.nextCursor, 'hex').toString();
      expect(cursor).toBe(`${Date.parse('2026-03-02T13:00:00Z')}.${publicId}`);
      const rest = (await t.call('GET', `/api/prompts/${prompt.id}/gallery?limit=4&cursor=${first.nextCursor}`, { token })).json;
      expect(rest.items.map((i: { id: number }) => i.id)).toEqual([c]);
      // Its sequential id names nothing for them, exactly like an id that never existed.
      if (token) {
        const bySequentialId = await t.call('POST', `/api/submissions/${x}/kudos`, { token, body: { kind: 'relate' } });
        const unknown = await t.call('POST', '/api/submissions/987654/kudos', { token, body: { kind: 'relate' } });
        expect([bySequentialId.status, bySequentialId.json]).toEqual([404, unknown.json]);
      }
    }
    // The community's facilitators see the instant, and who wrote it.
    const fac = (await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token: facilitator.token })).json;
    expect(fac.items.find((i: { id: string }) => i.id === publicId)).toMatchObject({
      createdAt: '2026-03-02T13:10:01.234Z',
      author: { name: 'Zeb' },
      anonymous: true,
    });
  });

  it('count for their author without putting them on a board', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
      token: member.token,
      body: { level: 'easy', body: 'Quietly', visibility: 'community', anonymous: true },
    });
    const board = await t.call('GET', `/api/communities/${community.slug}/leaderboard?period=all`, { token: member.token });
    expect(board.json.entries).toEqual([]);
    expect(board.json.me).toEqual({ rank: 1, points: 2 });
  });
});
