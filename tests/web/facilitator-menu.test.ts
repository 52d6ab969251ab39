/**
 * Facilitators get their own links on the community's pages (new series, spotlight queue, the newest roll),
 * and the spotlight queue page works with plain form posts; members and visitors see neither.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spotlights } from '../../db/schema';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // Monday 2026-03-02 12:00 UTC
});
afterEach(() => t.close());

async function page(path: string, token?: string) {
  const res = await t.app.request(path, { headers: token ? { Authorization: `Bearer ${token}`, 'Accept-Language': 'en' } : { 'Accept-Language': 'en' } });
  return { status: res.status, html: await res.text() };
}

async function answered() {
  const base = await communityWithOpenPrompt(t);
  const res = await t.call('POST', `/api/prompts/${base.prompt.id}/submissions`, {
    token: base.member.token,
    body: { level: 'easy', body: 'My first cup', visibility: 'community', anonymous: false },
  });
  expect(res.status, res.text).toBe(201);
  return { ...base, answerId: res.json.id as number };
}

describe('the facilitator menu', () => {
  it('is on today, gallery and leaderboard for facilitators only, with the newest roll once there is one', async () => {
    const { facilitator, member, community, prompt } = await answered();
    const paths = [`/c/${community.slug}`, `/c/${community.slug}/p/${prompt.id}`, `/c/${community.slug}/leaderboard`];
    for (const path of paths) {
      const { html } = await page(path, facilitator.token);
      expect(html, path).toContain('<nav class="facilitator-menu" aria-label="Facilitator tools">');
      expect(html, path).toContain(`href="/c/${community.slug}/series/new">New series</a>`);
      expect(html, path).toContain(`href="/c/${community.slug}/spotlights">Spotlight queue</a>`);
      expect(html, path).not.toContain('This week&#39;s roll');
      for (const viewer of [member.token, undefined]) expect((await page(path, viewer)).html, path).not.toContain('Facilitator tools');
    }
    // Once the week has ended, the scheduler writes its roll, and the menu links it.
    t.clock.set('2026-03-09T12:00:00Z');
    await tick(t.db, t.clock.now());
    const { html } = await page(`/c/${community.slug}`, facilitator.token);
    expect(html).toMatch(new RegExp(`href="/c/${community.slug}/week/2026-W10">This week(&#39;|')s roll</a>`));
    expect((await page(`/c/${community.slug}/week/2026-W10`)).status).toBe(200);
  });
});

describe('the spotlight queue page', () => {
  it('lists recent answers with a form each; a post spotlights one, tells the member, and leaves the queue', async () => {
    const { facilitator, member, community, answerId } = await answered();
    const queue = await page(`/c/${community.slug}/spotlights`, facilitator.token);
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('<h1>Spotlight queue of Sketchers</h1>');
    expect(queue.html).toContain('My first cup');
    expect(queue.html).toContain('First answer here');
    expect(queue.html).toContain(`<input type="hidden" name="submissionId" value="${answerId}"/>`);
    expect(queue.html).toMatch(/<label for="note-\d+">Note for Mo \(optional\)<\/label>/);

    const form = new URLSearchParams({ submissionId: String(answerId), note: 'Lovely lines' });
    const res = await t.app.request(`/c/${community.slug}/spotlights`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${facilitator.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect([res.status, res.headers.get('Location')]).toEqual([303, `/c/${community.slug}/spotlights?done=${answerId}`]);
    expect(await t.db.select().from(spotlights).where(eq(spotlights.submissionId, answerId))).toMatchObject([{ note: 'Lovely lines' }]);
    const after = await page(`/c/${community.slug}/spotlights?done=${answerId}`, facilitator.token);
    expect(after.html).toContain('Spotlighted. The member has been told.');
    expect(after.html).not.toContain('My first cup');
    const news = await t.call('GET', '/api/me/notifications', { token: member.token });
    expect(news.json.items.map((n: { kind: string }) => n.kind)).toContain('spotlight');
  });

  it('is the 404 page for members, visitors and unknown communities; a bad post is a 400 in the error envelope', async () => {
    const { facilitator, member, community } = await answered();
    for (const viewer of [member.token, undefined]) expect((await page(`/c/${community.slug}/spotlights`, viewer)).status).toBe(404);
    expect((await page('/c/nowhere/spotlights', facilitator.token)).status).toBe(404);
    const bad = await t.app.request(`/c/${community.slug}/spotlights`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${facilitator.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ submissionId: 'x' }).toString(),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_input');
  });
});
