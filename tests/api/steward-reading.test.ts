/**
 * Issue 14, rule 3: a steward sees the numbers of a private community (network dashboard, analytics) but
 * never its answers' text unless also a member, through every route that shows answers: the gallery (API and
 * page), one answer, the moderation queue, the spotlight queue and the community export. Decided by the one
 * visibility rule (src/domain/answers/visibility.ts); here checked end to end.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join } from '../helpers/fixtures';

const SECRET_TEXT = 'What I tried on the night shift';
const PUBLIC_TEXT = 'A public sketch of a tree';
let t: TestApp;
let steward: { token: string; userId: number };
let fac: { token: string; userId: number };
let promptId: number;
let answerId: number;
let publicPromptId: number;

beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z');
  fac = await t.userToken('fran@example.org', 'Fran');
  const mo = await t.userToken('mo@example.org', 'Mo');
  steward = await t.userToken('stu@example.org', 'Stu');
  await t.db.update(users).set({ isSteward: true }).where(eq(users.id, steward.userId));
  await createCommunity(t, fac.token, { slug: 'night-nurses', name: 'Night nurses', visibility: 'private' });
  const s = await createSeries(t, fac.token, 'night-nurses', { startDate: '2026-03-02' });
  promptId = s.prompts[0]!.id;
  const invite = await t.call('POST', '/api/communities/night-nurses/invites', { token: fac.token });
  await join(t, mo.token, 'night-nurses', invite.json.code);
  const a = await t.call('POST', `/api/prompts/${promptId}/submissions`, { token: mo.token, body: { level: 'easy', body: SECRET_TEXT, visibility: 'community' } });
  expect(a.status, a.text).toBe(201);
  answerId = a.json.id;
  await t.call('POST', `/api/submissions/${answerId}/reports`, { token: fac.token, body: { reason: 'off_topic' } });

  await createCommunity(t, fac.token, { slug: 'open-sketch', name: 'Open sketch' });
  const p = await createSeries(t, fac.token, 'open-sketch', { startDate: '2026-03-02' });
  publicPromptId = p.prompts[0]!.id;
  await join(t, mo.token, 'open-sketch');
  for (const [visibility, body] of [['public', PUBLIC_TEXT], ['facilitators', SECRET_TEXT]] as const) {
    const r = await t.call('POST', `/api/prompts/${publicPromptId}/submissions`, { token: mo.token, body: { level: visibility === 'public' ? 'easy' : 'hard', body, visibility } });
    expect(r.status, r.text).toBe(201);
  }
  t.clock.set('2026-03-04T12:00:00Z');
});
afterAll(() => t.close());

describe('a steward outside a private community', () => {
  it('sees its numbers: the network row and its analytics', async () => {
    const network = await t.call('GET', '/api/network', { token: steward.token });
    expect(network.status).toBe(200);
    const row = network.json.communities.find((r: { slug: string }) => r.slug === 'night-nurses');
    expect(row).toMatchObject({ members: 2, visibility: 'private', lastAnswerDay: '2026-03-02' });
    const analytics = await t.call('GET', '/api/communities/night-nurses/analytics', { token: steward.token });
    expect(analytics.status, analytics.text).toBe(200);
    expect(analytics.text).not.toContain(SECRET_TEXT);
  });

  it('reads none of its answers, anywhere', async () => {
    const gallery = await t.call('GET', `/api/prompts/${promptId}/gallery`, { token: steward.token });
    expect(gallery.status).toBe(200);
    expect(gallery.json.items).toEqual([]);
    const permalink = await t.call('GET', `/a/${answerId}`, { token: steward.token });
    expect(permalink.status).toBe(404);
    expect(permalink.text).not.toContain(SECRET_TEXT);
    expect((await t.call('GET', `/a/${answerId}`, { token: fac.token })).text).toContain(SECRET_TEXT);
    const page = await t.call('GET', `/c/night-nurses/p/${promptId}`, { token: steward.token });
    expect(page.text).not.toContain(SECRET_TEXT);
    const moderation = await t.call('GET', '/api/communities/night-nurses/moderation', { token: steward.token });
    expect(moderation.status, moderation.text).toBe(200);
    expect(moderation.json.queue).toEqual([]);
    expect(moderation.text).not.toContain(SECRET_TEXT);
    const spotlightQueue = await t.call('GET', '/api/communities/night-nurses/spotlight-queue', { token: steward.token });
    expect(spotlightQueue.text).not.toContain(SECRET_TEXT);
    const exported = await t.call('GET', '/api/communities/night-nurses/export', { token: steward.token });
    expect(exported.status).toBe(403);
    // The facilitator, for contrast, reads it (so the checks above can fail).
    const own = await t.call('GET', `/api/prompts/${promptId}/gallery`, { token: fac.token });
    expect(own.json.items.map((i: { body: string }) => i.body)).toEqual([SECRET_TEXT]);
    const facQueue = await t.call('GET', '/api/communities/night-nurses/moderation', { token: fac.token });
    expect(facQueue.text).toContain(SECRET_TEXT);
  });

  it('reads a public community as a visitor does: public answers only', async () => {
    const gallery = await t.call('GET', `/api/prompts/${publicPromptId}/gallery`, { token: steward.token });
    expect(gallery.json.items.map((i: { body: string }) => i.body)).toEqual([PUBLIC_TEXT]);
  });

  it('reads what members read once a member', async () => {
    const invite = await t.call('POST', '/api/communities/night-nurses/invites', { token: fac.token });
    await join(t, steward.token, 'night-nurses', invite.json.code);
    const gallery = await t.call('GET', `/api/prompts/${promptId}/gallery`, { token: steward.token });
    expect(gallery.json.items.map((i: { body: string }) => i.body)).toEqual([SECRET_TEXT]);
  });
});
