/** "Member 1234" is never shown where a name is expected: an unset name reads as a plain, unnumbered label. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';
import { signIn } from '../helpers/sign-in';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('a member who has not chosen a name', () => {
  it('appears as "A member without a name yet" in the gallery and on the leaderboard, never numbered', async () => {
    const { prompt, community } = await communityWithOpenPrompt(t);
    const { cookie, user } = await signIn(t, 'nn@example.org'); // no name given
    expect(user.name).toBe('');
    const posted = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
      headers: { Cookie: cookie },
      body: { level: 'easy', body: 'Nameless but here', visibility: 'public' },
    });
    expect(posted.status, JSON.stringify(posted.json)).toBe(201);

    for (const path of [`/c/${community.slug}/p/${prompt.id}`, `/c/${community.slug}/leaderboard?period=all`]) {
      const html = await (await t.app.request(path, { headers: { Cookie: cookie } })).text();
      expect(html, path).toContain('A member without a name yet');
      expect(html, path).not.toMatch(/Member \d{4}/);
    }
  });
});
