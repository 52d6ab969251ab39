/**
 * The home page's featured prompt: today's prompt of the liveliest public community, answerable in place
 * (the today page's own form, posting to the same route), or with one way to sign in and come back to it.
 * Never a private community's prompt, and nothing when no public community has a prompt today.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // Monday 2026-03-02 12:00 UTC
});
afterEach(() => t.close());

const home = async (token?: string) =>
  (await t.app.request('/', { headers: { 'Accept-Language': 'en', ...(token ? { Authorization: `Bearer ${token}` } : {}) } })).text();
const featured = (html: string) => /<section class="featured card"[^>]*>(.*?)<\/section>/s.exec(html)?.[1] ?? null;

describe('the featured prompt on the home page', () => {
  it('shows today’s prompt to a visitor, with a sign-in that comes back to answer it', async () => {
    const { prompt } = await communityWithOpenPrompt(t);
    const html = await home();
    const part = featured(html);
    expect(part).toContain("<h2 id=\"featured-title\">Today's prompt in Sketchers</h2>");
    expect(part).toContain('<dd>Draw a cup</dd>');
    expect(part).toContain('<dd>Draw a cup in two-point perspective</dd>');
    expect(part).toContain(`href="/sign-in?next=${encodeURIComponent(`/c/sketchers?prompt=${prompt.id}#answer`)}"`);
    expect(part).not.toContain('<form');
    // The hero's call to action leads to it.
    expect(html).toContain('<a class="button" href="#featured-title">');
  });

  it('is answerable in place when signed in, even before joining, through the today page’s route', async () => {
    const { prompt } = await communityWithOpenPrompt(t);
    const newcomer = await t.userToken('new@example.org', 'Newcomer');
    const html = await home(newcomer.token);
    expect(html).toContain('<form method="post" action="/c/sketchers/answer"');
    expect(html).toContain(`<input type="hidden" name="promptId" value="${prompt.id}"/>`);
    const form = new FormData();
    for (const [k, v] of Object.entries({ promptId: String(prompt.id), level: 'easy', body: 'From the home page', visibility: 'community', anonymous: 'false' })) form.append(k, v);
    const res = await t.app.request('/c/sketchers/answer', { method: 'POST', body: form, headers: { Authorization: `Bearer ${newcomer.token}` } });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toContain('posted=easy');
    // Answered: the featured prompt now knows it.
    const after = (await t.call('GET', '/', { token: newcomer.token })).text;
    expect(after).toContain('<input type="radio" id="level-easy" name="level" value="easy" disabled');
    expect(after).toContain('<input type="radio" id="level-hard" name="level" value="hard" checked/>');
  });

  it('never features a private community, and is absent without a prompt today', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, fran.token, { slug: 'secret', name: 'Secret', visibility: 'private' });
    await createSeries(t, fran.token, 'secret', { startDate: '2026-03-02' });
    expect(featured(await home(fran.token))).toBeNull();
    await createCommunity(t, fran.token, { slug: 'quiet', name: 'Quiet' });
    expect(featured(await home(fran.token))).toBeNull();
  });
});
