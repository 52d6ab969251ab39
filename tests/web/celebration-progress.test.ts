/**
 * The celebration after answering without JavaScript says what happened: the points, this week's rhythm and
 * the next step on the confidence ladder, read as the API reads them. Hand-made query strings give a
 * visitor or a signed-out reader no one's progress.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // Monday 2026-03-02 12:00 UTC
});
afterEach(() => t.close());

function post(path: string, body: Record<string, string>, token: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) form.append(k, v);
  return t.app.request(path, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
}
const page = async (path: string, token?: string, lang = 'en') =>
  (await t.app.request(path, { headers: { 'Accept-Language': lang, ...(token ? { Authorization: `Bearer ${token}` } : {}) } })).text();
const progressOf = (html: string) => /<ul class="celebration-progress">(.*?)<\/ul>/.exec(html)?.[1] ?? null;

describe('the celebration', () => {
  it('shows the points, the week so far and the next step on the ladder', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const res = await post('/c/sketchers/answer', { promptId: String(prompt.id), level: 'easy', body: 'A cup', visibility: 'community', anonymous: 'false' }, member.token);
    expect(res.status).toBe(303);
    const html = await page(res.headers.get('Location')!.replace(/#.*/, ''), member.token);
    expect(html).toContain('Posted on the day! You earned 2 points');
    const progress = progressOf(html);
    expect(progress).toContain('This week: 1 of 3 answer-days');
    // A first answer the community sees: the member shares with the community; sharing publicly is next.
    expect(progress).toContain('Next step on your ladder: share an answer publicly, when one feels right.');
    expect(progress).toContain('<a href="/me#ladder-sketchers">See your ladder</a>');
    // The same as the API says.
    const ladder = await t.call('GET', '/api/communities/sketchers/ladder/me', { token: member.token });
    expect(ladder.json.stage).toBe('sharing_community');

    const fr = progressOf(await page(res.headers.get('Location')!.replace(/#.*/, ''), member.token, 'fr'));
    expect(fr).toContain('Prochaine marche : partager une réponse publiquement');
  });

  it('moves on once the member reaches the next step', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const res = await post('/c/sketchers/answer', { promptId: String(prompt.id), level: 'hard', body: 'A cup', visibility: 'public', anonymous: 'false' }, member.token);
    const progress = progressOf(await page(res.headers.get('Location')!.replace(/#.*/, ''), member.token));
    expect(progress).toContain("Next step on your ladder: post in your community's main space, then mark it.");
  });

  it('gives nobody progress from a hand-made query', async () => {
    const { prompt } = await communityWithOpenPrompt(t);
    const stranger = await t.userToken('stranger@example.org', 'Stranger');
    const path = `/c/sketchers?prompt=${prompt.id}&posted=easy&points=2&onTime=1`;
    expect(progressOf(await page(path))).toBeNull();
    expect(progressOf(await page(path, stranger.token))).toBeNull();
  });
});
