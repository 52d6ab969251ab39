/**
 * Pictures in answer cards: width and height always set (no layout shift), the first card's picture loaded
 * at once and first (likely the largest thing on the first screen), every other one lazily.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';
import { png } from '../helpers/images';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

function answerWithPhoto(token: string, promptId: number, w: number, h: number) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ promptId: String(promptId), level: 'easy', body: 'Look', visibility: 'public', anonymous: 'false' })) form.append(k, v);
  form.append('photo', new File([png(w, h)], 'cup.png', { type: 'image/png' }));
  return t.app.request('/c/sketchers/answer', { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
}
const imgs = (html: string) => html.match(/<img class="answer-image"[^>]*>/g) ?? [];

describe('pictures in answer cards', () => {
  it('keep their size and load the first one eagerly, the rest lazily', async () => {
    const { member, facilitator, prompt } = await communityWithOpenPrompt(t);
    expect((await answerWithPhoto(member.token, prompt.id, 40, 30)).status).toBe(303);
    t.clock.advance(60_000);
    expect((await answerWithPhoto(facilitator.token, prompt.id, 24, 48)).status).toBe(303);

    const gallery = imgs(await (await t.app.request(`/c/sketchers/p/${prompt.id}`)).text());
    expect(gallery).toHaveLength(2);
    // Newest first: the facilitator's portrait sketch.
    expect(gallery[0]).toMatch(/width="24" height="48"/);
    expect(gallery[0]).toContain('loading="eager"');
    expect(gallery[0]).toContain('fetchpriority="high"');
    expect(gallery[1]).toMatch(/width="40" height="30"/);
    expect(gallery[1]).toContain('loading="lazy"');
    expect(gallery[1]).not.toContain('fetchpriority');

    const id = /href="\/a\/(\d+)"/.exec(await (await t.app.request(`/c/sketchers/p/${prompt.id}`)).text())![1];
    const permalink = imgs(await (await t.app.request(`/a/${id}`)).text());
    expect(permalink).toHaveLength(1);
    expect(permalink[0]).toContain('loading="eager"');
  });
});
