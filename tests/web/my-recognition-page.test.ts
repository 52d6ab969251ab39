/**
 * Recognition on my profile page (/me) without JavaScript: badges, rhythm, ladder with the main-space
 * step, gentle nudges and their dismissal, news of a spotlight; and the spotlight label in the gallery.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submissions } from '../../db/schema';
import { BADGES } from '../../src/domain/badges/catalog';
import { en } from '../../web/src/i18n/en';
import { fr } from '../../web/src/i18n/fr';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, join } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const form = (path: string, body: Record<string, string>, token: string) =>
  t.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${token}` },
    body: new URLSearchParams(body).toString(),
  });
/** The profile page as the member sees it a moment after their changes (once the after-response drain ran). */
const me = async (token: string, lang = 'en') => {
  await t.settleRecognition();
  return (await t.call('GET', '/me', { token, headers: { 'Accept-Language': lang } })).text;
};

async function answered() {
  const base = await communityWithOpenPrompt(t);
  const res = await t.call('POST', `/api/prompts/${base.prompt.id}/submissions`, {
    token: base.member.token,
    body: { level: 'hard', body: 'Two points, one horizon', visibility: 'community', anonymous: true },
  });
  expect(res.status, res.text).toBe(201);
  const id = res.json.id as number;
  // How others name this anonymous answer (the gallery, its permalink, their kudos).
  const publicId = (await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, id)))[0]!.publicId!;
  return { ...base, id, publicId };
}

describe('recognition on my profile', () => {
  it('shows my badges, rhythm and ladder per community, and marks the main-space step with a plain form', async () => {
    const { member, community } = await answered();
    const html = await me(member.token);
    expect(html).toContain('My recognition');
    expect(html).toContain('First answer');
    expect(html).toContain('Took the hard one');
    expect(html).toContain(`href="/api/communities/${community.slug}/badges/me/first-answer/credential"`);
    expect(html).toContain('This week: 1 of 3 answer-days');
    expect(html).toContain('Current run: 0 weeks');
    // French counts 0 and 1 as singular: one answer-day, a run of 0 weeks (Intl.PluralRules).
    const french = await me(member.token, 'fr');
    expect(french).toContain('Cette semaine : 1 jour de réponse sur 3');
    expect(french).toContain('Série en cours : 0 semaine<');
    expect(html).toMatch(/aria-current="step"><span class="ladder-stage">Sharing with the community<\/span> <span class="ladder-when">since Monday 2 March/);
    expect(html).toContain('Contributing in the main space</span> <span class="ladder-when">not yet');

    const res = await form('/me/main-space', { slug: community.slug }, member.token);
    expect([res.status, res.headers.get('Location')]).toEqual([303, `/me#ladder-${community.slug}`]);
    const after = await me(member.token);
    expect(after).toMatch(/aria-current="step"><span class="ladder-stage">Contributing in the main space/);
    expect(after).not.toContain('I posted in the main space');
    // A community the caller is not in changes nothing and is no error page.
    expect((await form('/me/main-space', { slug: 'nowhere' }, member.token)).status).toBe(303);
  });

  it('offers a gentle nudge after encouragement, widens in one click, and dismisses for good', async () => {
    const { member, community, id, publicId } = await answered();
    const peer = await t.userToken('ola@example.org', 'Ola');
    await join(t, peer.token, community.slug);
    await t.call('POST', `/api/submissions/${publicId}/kudos`, { token: peer.token, body: { kind: 'relate' } });

    const html = await me(member.token);
    expect(html).toContain('Next steps');
    expect(html).toContain('1 person encouraged this. Share it with everyone?');
    expect(html).toContain(`action="/a/${id}/settings"`);
    const nudges = (await t.call('GET', '/api/me/nudges', { token: member.token })).json.nudges;
    expect(nudges).toHaveLength(1);
    expect(html).toContain(`action="/me/nudges/${nudges[0].id}/dismiss"`);

    const dismissed = await form(`/me/nudges/${nudges[0].id}/dismiss`, {}, member.token);
    expect([dismissed.status, dismissed.headers.get('Location')]).toEqual([303, '/me']);
    expect(await me(member.token)).not.toContain('Share it with everyone?');
    expect((await me(member.token, 'fr'))).not.toContain('Prochaines étapes');
  });

  it('tells me my answer was spotlighted, with the note, and the gallery leads with it', async () => {
    const { facilitator, member, community, prompt, id } = await answered();
    await t.call('POST', `/api/submissions/${id}/spotlight`, { token: facilitator.token, body: { note: 'Such a clear idea' } });
    const html = await me(member.token);
    expect(html).toContain('A facilitator of Sketchers spotlighted your answer.');
    expect(html).toContain('Their note: &quot;Such a clear idea&quot;');
    expect(html).toContain('In the spotlight');

    const gallery = (await t.call('GET', `/c/${community.slug}/p/${prompt.id}`, { token: member.token })).text;
    expect(gallery).toContain('<strong>Spotlighted</strong><span class="spotlight-note"> Such a clear idea</span>');
    const fr = (await t.call('GET', `/c/${community.slug}/p/${prompt.id}`, { token: member.token, headers: { 'Accept-Language': 'fr' } })).text;
    expect(fr).toContain('<strong>À la une</strong>');
  });

  it('turns nudges off with the settings form', async () => {
    const { member } = await answered();
    await form('/me/settings', { publicProfile: 'on' }, member.token);
    expect((await t.call('GET', '/api/me/nudges', { token: member.token })).json.enabled).toBe(false);
    expect(await me(member.token)).toMatch(/id="setting-nudges" name="nudges"(?![^>]*checked)/);
  });

  it('has words for every badge in both languages', () => {
    for (const b of BADGES) {
      for (const catalog of [en, fr] as Record<string, string>[]) {
        expect(catalog[`badge.${b.id}`], b.id).toBeTruthy();
        expect(catalog[`badge.${b.id}.about`], b.id).toBeTruthy();
      }
    }
  });
});
