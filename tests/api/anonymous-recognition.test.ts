/**
 * Issue 21: badges, rolls and every view derived from answers are computed as if anonymous answers
 * belonged to no one visible. A badge earned only through an anonymous answer must not show on a public
 * profile, and the weekly roll must not leave out exactly the members who answered anonymously that week.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join, postAnswer } from '../helpers/fixtures';

let t: TestApp;
afterEach(() => t?.close());

const answer = (token: string, promptId: number, fields: Record<string, unknown> = {}) => postAnswer(t, token, promptId, { visibility: 'public', ...fields });

async function setup() {
  t = await makeTestApp('2026-03-04T12:00:00Z'); // a Wednesday
  const fac = await t.userToken('fran@example.org', 'Fran');
  const [mo, ada, cy] = await Promise.all(['Mo', 'Ada', 'Cy'].map((n) => t.userToken(`${n}@example.org`, n)));
  const { slug } = await createCommunity(t, fac.token);
  const s = await createSeries(t, fac.token, slug, { startDate: '2026-03-02' });
  for (const u of [mo!, ada!, cy!]) await join(t, u.token, slug);
  return { fac, mo: mo!, ada: ada!, cy: cy!, slug, prompts: s.prompts.map((p) => p.id) };
}

const profileBadges = async (userId: number, token?: string) => {
  const res = await t.call('GET', `/api/users/${userId}/profile`, { token });
  expect(res.status, res.text).toBe(200);
  return (res.json.communities as { badges: { id: string }[] }[]).flatMap((c) => c.badges.map((b) => b.id));
};

describe('badges shown to others', () => {
  it('leave out a badge earned only through an anonymous answer, even weeks later', async () => {
    const { fac, mo, ada, cy, prompts } = await setup();
    for (const u of [mo, ada]) expect((await t.call('PATCH', '/api/me', { token: u.token, body: { publicProfile: true } })).status).toBe(200);
    await answer(mo.token, prompts[0]!, { visibility: 'public' }); // named, easy
    const hidden = await answer(mo.token, prompts[1]!, { level: 'hard', anonymous: true });
    expect((await t.call('POST', `/api/submissions/${hidden}/spotlight`, { token: fac.token, body: {} })).status).toBe(200);

    // Mo sees both badges as his own, once the drain that follows the writes has run.
    await t.settleRecognition();
    const mine = await t.call('GET', '/api/communities/sketchers/badges/me', { token: mo.token });
    expect(mine.json.badges.map((b: { id: string }) => b.id)).toEqual(expect.arrayContaining(['first-hard-answer', 'spotlighted']));

    t.clock.set('2026-03-30T12:00:00Z'); // weeks later
    await tick(t.db, t.clock.now());
    for (const token of [undefined, cy.token, fac.token]) {
      const shown = await profileBadges(mo.userId, token);
      expect(shown).toContain('first-answer');
      expect(shown).not.toContain('first-hard-answer');
      expect(shown).not.toContain('spotlighted');
    }

  });

  it('show a badge earned with a named answer, dated by that answer', async () => {
    const { ada, prompts } = await setup();
    expect((await t.call('PATCH', '/api/me', { token: ada.token, body: { publicProfile: true } })).status).toBe(200);
    await answer(ada.token, prompts[0]!, { level: 'hard', anonymous: true });
    t.clock.set('2026-03-04T15:00:00Z');
    await answer(ada.token, prompts[2]!, { level: 'hard' });
    t.clock.set('2026-03-30T12:00:00Z');
    const profile = await t.call('GET', `/api/users/${ada.userId}/profile`);
    const hard = profile.json.communities[0].badges.find((b: { id: string }) => b.id === 'first-hard-answer');
    expect(hard).toMatchObject({ grantedAt: '2026-03-04T15:00:00.000Z', evidence: [{ promptId: prompts[2] }] });
  });
});

describe('the weekly roll', () => {
  it('names a new contributor who also answered anonymously, like one who did not', async () => {
    const { mo, ada, cy, slug, prompts } = await setup();
    await answer(mo.token, prompts[0]!, { visibility: 'community' });
    await answer(ada.token, prompts[0]!, { visibility: 'community' });
    await answer(ada.token, prompts[1]!, { visibility: 'community', anonymous: true });
    // Only anonymous answers: nobody can see Cy answered, so the roll does not say so either.
    await answer(cy.token, prompts[1]!, { visibility: 'community', anonymous: true });
    t.clock.set('2026-03-09T00:00:00Z');
    await tick(t.db, t.clock.now());
    const roll = await t.call('GET', `/api/communities/${slug}/weeks/2026-W10`, { token: mo.token });
    expect(roll.status, roll.text).toBe(200);
    expect(roll.json.newContributors.map((n: { name: string }) => n.name).sort()).toEqual(['Ada', 'Mo']);
  });

  it('treats a member who answered only anonymously as one who did not answer at all', async () => {
    const { fac, mo, ada, cy, slug, prompts } = await setup();
    // Week 10: Mo and Ada answer with their names; Fran spotlights both answers the next week.
    const moNamed = await answer(mo.token, prompts[0]!, { visibility: 'community' });
    const adaNamed = await answer(ada.token, prompts[0]!, { visibility: 'community' });
    t.clock.set('2026-03-10T12:00:00Z');
    await tick(t.db, t.clock.now());
    for (const id of [moNamed, adaNamed]) {
      expect((await t.call('POST', `/api/submissions/${id}/spotlight`, { token: fac.token, body: {} })).status).toBe(200);
    }
    // Week 11: Mo answers anonymously, Ada not at all; Cy answers with her name so the week has a roll.
    await answer(mo.token, prompts[1]!, { visibility: 'community', anonymous: true });
    await answer(cy.token, prompts[1]!, { visibility: 'community' });
    t.clock.set('2026-03-16T00:00:00Z');
    await tick(t.db, t.clock.now());
    const roll = await t.call('GET', `/api/communities/${slug}/weeks/2026-W11`, { token: cy.token });
    expect(roll.status, roll.text).toBe(200);
    // Mo's old spotlighted answer is celebrated exactly as Ada's is: his anonymous answer changes nothing.
    const spotlit = roll.json.spotlights.map((s: { submissionId: number }) => s.submissionId);
    expect(spotlit.includes(moNamed)).toBe(spotlit.includes(adaNamed));
    expect(roll.json.newContributors.map((n: { name: string }) => n.name)).toEqual(['Cy']);
  });

  it('hides a week of anonymous answers only: no roll, and no link to one from the weeks around it', async () => {
    const { mo, cy, slug } = await setup();
    const s = await createSeries(t, (await t.userToken('fran@example.org')).token, slug, {
      title: 'Three weeks', startDate: '2026-03-02', prompts: Array.from({ length: 21 }, (_, i) => ({ easy: `e${i}`, hard: `h${i}` })),
    });
    const onDay = (i: number) => s.prompts[i]!.id;
    await answer(mo.token, onDay(2)); // week 10, named
    t.clock.set('2026-03-11T12:00:00Z');
    await tick(t.db, t.clock.now());
    await answer(cy.token, onDay(9), { anonymous: true }); // week 11, anonymous only
    t.clock.set('2026-03-18T12:00:00Z');
    await tick(t.db, t.clock.now());
    const encouraged = await answer(mo.token, onDay(16)); // week 12, named and encouraged
    expect((await t.call('POST', `/api/submissions/${encouraged}/kudos`, { token: cy.token, body: { kind: 'applause' } })).status).toBe(200);
    t.clock.set('2026-03-23T12:00:00Z');
    await tick(t.db, t.clock.now());

    expect((await t.call('GET', `/api/communities/${slug}/weeks/2026-W11`, { token: mo.token })).status).toBe(404);
    const page = await t.call('GET', `/c/${slug}/week/2026-W12`, { token: mo.token });
    expect(page.status).toBe(200);
    expect(page.text).toContain('2026-W10');
    expect(page.text).not.toContain('2026-W11');
  });
});
