/**
 * The weekly shout-out roll page /c/:slug/week/:isoWeek, read through the same domain function as the API:
 * it names new contributors and spotlighted and encouraged answers, never an anonymous answer's author nor
 * a member who opted out, and is 404 before the roll exists.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join, postAnswer } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // Monday 2026-03-02 12:00 UTC: ISO week 2026-W10
});
afterEach(() => t.close());

const answer = (token: string, promptId: number, fields: Record<string, unknown>) => postAnswer(t, token, promptId, fields);

async function weekWithRoll() {
  const base = await communityWithOpenPrompt(t);
  const { facilitator, member, prompt, community } = base;
  const shy = await t.userToken('zebulon@example.org', 'Zebulon Quill');
  const quiet = await t.userToken('olive@example.org', 'Olive Hidden');
  await join(t, shy.token, community.slug);
  await join(t, quiet.token, community.slug);
  await t.call('PATCH', '/api/me', { token: quiet.token, body: { showOnLeaderboards: false } });

  const named = await answer(member.token, prompt.id, { body: 'A named cup', visibility: 'public' });
  const anon = await answer(shy.token, prompt.id, { body: 'A shy cup', visibility: 'public', anonymous: true });
  await answer(quiet.token, prompt.id, { body: 'A quiet cup', visibility: 'public' });
  for (const id of [named, anon]) {
    await t.call('POST', `/api/submissions/${id}/kudos`, { token: facilitator.token, body: { kind: 'applause' } });
    await t.call('POST', `/api/submissions/${id}/spotlight`, { token: facilitator.token, body: { note: 'Lovely lines' } });
  }
  t.clock.set('2026-03-09T12:00:00Z');
  await tick(t.db, t.clock.now());
  return { ...base, named, anon };
}

describe('weekly shout-out roll page', () => {
  it('names who may be named, and nobody else', async () => {
    const { community, named, anon } = await weekWithRoll();
    const res = await t.call('GET', `/c/${community.slug}/week/2026-W10`);
    expect(res.status, res.text).toBe(200);
    expect(res.text).toContain('<title>Shout-outs in Sketchers · Kindling</title>');
    expect(res.text).toContain('Week of Monday 2 March');
    expect(res.text).toContain('New contributors');
    expect(res.text).toContain('<li>Mo</li>');
    expect(res.text).toContain('Spotlighted');
    expect(res.text).toContain('Lovely lines');
    expect(res.text).toContain('A named cup');
    expect(res.text).toContain(`href="/a/${named}"`);
    for (const secret of ['Zebulon', 'Quill', 'Olive', 'A shy cup', 'A quiet cup', `/a/${anon}"`]) expect(res.text).not.toContain(secret);
    // The page says what the API says.
    const api = await t.call('GET', `/api/communities/${community.slug}/weeks/2026-W10`);
    expect(api.json.newContributors).toEqual([{ name: 'Mo' }]);
  });

  it('is 404 before the roll exists, for a week that does not exist, and for outsiders of a private community', async () => {
    const { community } = await communityWithOpenPrompt(t);
    expect((await t.call('GET', `/c/${community.slug}/week/2026-W10`)).status).toBe(404);
    expect((await t.call('GET', `/c/${community.slug}/week/2026-W53`)).status).toBe(404);
    expect((await t.call('GET', `/c/${community.slug}/week/last-week`)).status).toBe(404);

    const owner = await t.userToken('olga@example.org', 'Olga');
    await createCommunity(t, owner.token, { slug: 'quiet', name: 'Quiet corner', visibility: 'private' });
    const { prompts } = await createSeries(t, owner.token, 'quiet', { startDate: '2026-03-02' });
    await answer(owner.token, prompts[0]!.id, { body: 'Inside only' });
    t.clock.set('2026-03-09T12:00:00Z');
    await tick(t.db, t.clock.now());
    expect((await t.call('GET', '/c/quiet/week/2026-W10', { token: owner.token })).status).toBe(200);
    const outside = await t.call('GET', '/c/quiet/week/2026-W10');
    expect(outside.status).toBe(404);
    expect(outside.text).not.toContain('Quiet corner');
  });

  it('is linked from the profile once the week has ended, and speaks French', async () => {
    const { member, community } = await weekWithRoll();
    expect((await t.call('GET', '/me', { token: member.token })).text).toContain(`href="/c/${community.slug}/week/2026-W10"`);
    const fr = await t.call('GET', `/c/${community.slug}/week/2026-W10`, { headers: { 'Accept-Language': 'fr' } });
    expect(fr.text).toContain('Mentions dans Sketchers');
    expect(fr.text).toContain('Semaine du lundi 2 mars');
    expect(fr.text).toContain('Nouveaux contributeurs');
  });
});
