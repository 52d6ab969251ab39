/** Every page carries a meta description (search results and link previews show it), in the viewer's language. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const description = (html: string) => /<meta name="description" content="([^"]*)">/.exec(html)?.[1];

describe('meta descriptions', () => {
  it('are on every page: their own on today, gallery and answers, what Kindling is elsewhere', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const answer = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
      token: member.token,
      body: { level: 'easy', body: 'A wobbly cup', visibility: 'public', anonymous: false },
    });
    const pages: [string, RegExp][] = [
      ['/', /^Kindling: one small prompt a day/],
      ['/sign-in', /^Kindling: one small prompt a day/],
      ['/no-such-page', /^Kindling: one small prompt a day/],
      [`/c/${community.slug}`, /^Today&#39;s two-minute prompt in Sketchers|^Today's two-minute prompt in Sketchers/],
      [`/c/${community.slug}/p/${prompt.id}`, /^Answers to &quot;Draw a cup&quot; in Sketchers/],
      [`/a/${answer.json.id}`, /^A wobbly cup$/],
      [`/c/${community.slug}/leaderboard`, /^Kindling: one small prompt a day/],
    ];
    for (const [path, expected] of pages) {
      const res = await t.call('GET', path, { headers: { 'Accept-Language': 'en' } });
      expect(description(res.text), path).toMatch(expected);
    }
    const fr = await t.call('GET', `/c/${community.slug}`, { headers: { 'Accept-Language': 'fr' } });
    expect(description(fr.text)).toMatch(/^La question du jour dans Sketchers/);
  });
});
