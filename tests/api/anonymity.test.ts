import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
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

    const kudos = await t.call('POST', `/api/submissions/${anon.json.id}/kudos`, { token: member.token, body: { kind: 'applause' } });
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
    const anonItem = memberView.items.find((i: { id: number }) => i.id === anon.json.id);
    expect(Object.keys(anonItem).sort()).toEqual(ALLOWED_ITEM_KEYS);
    expect(anonItem.author).toBeNull();
    expect(memberView.items.find((i: { id: number }) => i.id === named.json.id).author).toEqual({ name: 'Mo' });

    // The author knows it is theirs, and nothing more is said.
    const own = (await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token: author.token })).json.items;
    expect(own.find((i: { id: number }) => i.id === anon.json.id)).toMatchObject({ author: null, mine: true });
    expect(own.find((i: { id: number }) => i.id === named.json.id).mine).toBeUndefined();

    // The community's facilitators may know who wrote it.
    const facView = (await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token: facilitator.token })).json;
    expect(facView.items.find((i: { id: number }) => i.id === anon.json.id)).toMatchObject({
      author: { name: 'Zebulon Quill' },
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
