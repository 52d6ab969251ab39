/**
 * Recognition is refreshed after writes, by the app itself (src/middleware/recognition.ts): no route starts
 * a drain, so every write that answers gets one, and nothing else does. Here the app has a `defer` (as on
 * Node and Workers) that records the after-response work, so a test can wait for it like a member's next page.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badgeGrants, recognitionQueue } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
let deferred: Promise<unknown>[];
beforeEach(async () => {
  deferred = [];
  t = await makeTestApp('2026-03-02T12:00:00Z', {}, { defer: (work) => void deferred.push(work) });
});
afterEach(async () => {
  await Promise.allSettled(deferred);
  t.close();
});

/** Waits for the after-response work, including rounds it asked for while it ran. */
async function afterResponses() {
  for (let seen = 0; seen < deferred.length; ) {
    const batch = deferred.slice(seen);
    seen = deferred.length;
    await Promise.all(batch);
  }
}

const queue = () => t.db.select().from(recognitionQueue);
const grantsOf = async (userId: number) =>
  (await t.db.select().from(badgeGrants).where(eq(badgeGrants.userId, userId))).map((g) => g.badgeId).sort();

describe('recognition after a write', () => {
  it('is refreshed after an answer through the API, with no read in between', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    await afterResponses();
    const before = deferred.length;
    const res = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
      token: member.token,
      body: { level: 'hard', body: 'A small thing', visibility: 'public' },
    });
    expect(res.status).toBe(201);
    expect(deferred).toHaveLength(before + 1);
    await afterResponses();
    expect(await queue()).toEqual([]);
    expect(await grantsOf(member.userId)).toEqual(['first-answer', 'first-hard-answer', 'first-public-answer']);
  });

  it('is refreshed after an answer through the page form (a 303), and after kudos on the answer page', async () => {
    const { member, prompt, facilitator } = await communityWithOpenPrompt(t);
    await afterResponses();
    const form = new FormData();
    for (const [k, v] of Object.entries({ promptId: String(prompt.id), level: 'easy', body: 'By the form' })) form.append(k, v);
    const posted = await t.app.request('/c/sketchers/answer', { method: 'POST', body: form, headers: { Authorization: `Bearer ${member.token}` } });
    expect(posted.status).toBe(303);
    await afterResponses();
    expect(await queue()).toEqual([]);
    expect(await grantsOf(member.userId)).toEqual(['first-answer']);

    const kudos = new FormData();
    kudos.append('kind', 'applause');
    const answerId = (await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token: facilitator.token })).json.items[0].id;
    const given = await t.app.request(`/a/${answerId}/kudos`, { method: 'POST', body: kudos, headers: { Authorization: `Bearer ${facilitator.token}` } });
    expect(given.status).toBe(303);
    await afterResponses();
    expect(await queue()).toEqual([]);
    expect(await grantsOf(member.userId)).toEqual(['first-answer', 'welcomed']);
  });

  it('is not started by reads, nor by a refused write (which wrote nothing)', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    await afterResponses();
    const before = deferred.length;
    for (const path of [`/api/communities/${community.slug}/badges/me`, '/api/me/notifications', '/me', `/c/${community.slug}`]) {
      expect((await t.call('GET', path, { token: member.token })).status, path).toBe(200);
    }
    const refused = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level: 'hard', body: ' ' } });
    expect(refused.status).toBe(400);
    expect(deferred).toHaveLength(before);
  });
});
