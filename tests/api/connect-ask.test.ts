/** "Ask me about" (issue 15): settings, practice areas from named answers only, the searchable helpers list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, join } from '../helpers/fixtures';

let t: TestApp;
let w: Awaited<ReturnType<typeof communityWithOpenPrompt>>;
let ana: { token: string; userId: number };

beforeAll(async () => {
  t = await makeTestApp();
  w = await communityWithOpenPrompt(t);
  ana = await t.userToken('ana@example.org', 'Ana');
  await join(t, ana.token, w.community.slug);
  // Mo answers under his name; Ana only anonymously.
  expect((await t.call('POST', `/api/prompts/${w.prompt.id}/submissions`, { token: w.member.token, body: { level: 'easy', body: 'A cup' } })).status).toBe(201);
  const anon = await t.call('POST', `/api/prompts/${w.prompt.id}/submissions`, { token: ana.token, body: { level: 'easy', body: 'Secret cup', anonymous: true } });
  expect(anon.status, anon.text).toBe(201);
});
afterAll(() => t.close());

const me = (token: string) => `/api/communities/${w.community.slug}/connect/me`;
const helpers = (q = '') => `/api/communities/${w.community.slug}/helpers${q ? `?q=${encodeURIComponent(q)}` : ''}`;

describe('ask me about', () => {
  it('shows a member their practice areas from named answers, and nothing to others before they opt in', async () => {
    const mine = await t.call('GET', me(w.member.token), { token: w.member.token });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.json).toMatchObject({ askOptIn: false, topics: [], notesOff: false, shown: null, practiceAreas: [{ label: 'Warm-ups', namedAnswers: 1 }] });
    const list = await t.call('GET', helpers(), { token: ana.token });
    expect(list.status).toBe(200);
    expect(list.json.helpers).toEqual([]);
  });

  it('lists a member once they opt in, with cleaned topics, and searches topics and areas', async () => {
    const set = await t.call('PATCH', me(w.member.token), { token: w.member.token, body: { askOptIn: true, topics: ['  Perspective  drawing ', 'perspective drawing', 'Ink'] } });
    expect(set.status, set.text).toBe(200);
    expect(set.json.topics).toEqual(['Perspective drawing', 'Ink']);
    const all = await t.call('GET', helpers(), { token: ana.token });
    expect(all.json.helpers).toEqual([{ userId: w.member.userId, name: 'Mo', topics: ['Perspective drawing', 'Ink'], practiceAreas: [{ label: 'Warm-ups', namedAnswers: 1 }] }]);
    expect((await t.call('GET', helpers('INK'), { token: ana.token })).json.helpers).toHaveLength(1);
    expect((await t.call('GET', helpers('warm'), { token: ana.token })).json.helpers).toHaveLength(1);
    expect((await t.call('GET', helpers('pottery'), { token: ana.token })).json.helpers).toHaveLength(0);
  });

  it('never derives a practice area from an anonymous answer', async () => {
    const set = await t.call('PATCH', me(ana.token), { token: ana.token, body: { askOptIn: true } });
    expect(set.json).toMatchObject({ practiceAreas: [], shown: { topics: [], practiceAreas: [] } });
    // Opted in with nothing to show: not listed, so the list cannot hint at an anonymous answer either.
    const all = await t.call('GET', helpers(), { token: w.member.token });
    expect(all.json.helpers.map((h: { name: string }) => h.name)).toEqual(['Mo']);
    expect(all.text).not.toContain('Ana');
  });

  it('drops a member from the list when they opt out', async () => {
    await t.call('PATCH', me(w.member.token), { token: w.member.token, body: { askOptIn: false } });
    expect((await t.call('GET', helpers(), { token: ana.token })).json.helpers).toEqual([]);
    await t.call('PATCH', me(w.member.token), { token: w.member.token, body: { askOptIn: true } });
  });

  it('refuses bad input, visitors and outsiders', async () => {
    const empty = await t.call('PATCH', me(w.member.token), { token: w.member.token, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.json.error.code).toBe('invalid_input');
    const unknown = await t.call('PATCH', me(w.member.token), { token: w.member.token, body: { askOptIn: 'yes' } });
    expect(unknown.status).toBe(400);
    const extra = await t.call('PATCH', me(w.member.token), { token: w.member.token, body: { email: 'x' } });
    expect(extra.status).toBe(400);
    const long = await t.call('GET', helpers('x'.repeat(61)), { token: ana.token });
    expect(long.status).toBe(400);
    expect((await t.call('GET', helpers())).status).toBe(401);
    const stranger = await t.userToken('st@example.org', 'St');
    const visitor = await t.call('GET', helpers(), { token: stranger.token });
    expect(visitor.status).toBe(403);
    expect(visitor.json.error.code).toBe('forbidden');
    await createCommunity(t, w.facilitator.token, { slug: 'inner', visibility: 'private' });
    const hidden = await t.call('GET', '/api/communities/inner/helpers', { token: stranger.token });
    const missing = await t.call('GET', '/api/communities/nowhere/helpers', { token: stranger.token });
    expect(hidden.status).toBe(404);
    expect(hidden.text).toBe(missing.text.replace('nowhere', 'inner'));
  });
});
