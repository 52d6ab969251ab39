/**
 * The public profile page /u/:id: it exists only for a member who allowed it (the plain 404 page
 * otherwise, the same as for an unknown id), and never lists an anonymous, community or facilitators-only
 * answer, nor anything from a private community.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join, postAnswer } from '../helpers/fixtures';

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

const answer = (token: string, promptId: number, fields: Record<string, unknown>) => postAnswer(t, token, promptId, fields);

async function memberWithAnswers() {
  const base = await communityWithOpenPrompt(t);
  const { member, prompt } = base;
  const owner = await t.userToken('olga@example.org', 'Olga');
  await createCommunity(t, owner.token, { slug: 'quiet', name: 'Quiet corner', visibility: 'private' });
  const invite = await t.call('POST', '/api/communities/quiet/invites', { token: owner.token });
  await join(t, member.token, 'quiet', invite.json.code);
  const quiet = await createSeries(t, owner.token, 'quiet', { startDate: '2026-03-02' });
  // A second series that began two days ago: its first prompts are open too.
  const earlier = await createSeries(t, base.facilitator.token, base.community.slug, { startDate: '2026-02-28' });
  const second = earlier.prompts[0]!.id;
  const ids = {
    publicNamed: await answer(member.token, prompt.id, { body: 'A public named cup', visibility: 'public' }),
    publicAnonymous: await answer(member.token, prompt.id, { level: 'hard', body: 'A public shy cup', visibility: 'public', anonymous: true }),
    community: await answer(member.token, second, { body: 'A community-only tool', visibility: 'community' }),
    facilitators: await answer(member.token, second, { level: 'hard', body: 'A practice tool', visibility: 'facilitators' }),
    privateCommunity: await answer(member.token, quiet.prompts[0]!.id, { body: 'A quiet corner cup', visibility: 'public' }),
  };
  return { ...base, ids };
}

describe('public profile page', () => {
  it('is the ordinary 404 page until the member allows it', async () => {
    const { member } = await memberWithAnswers();
    const unknown = await t.call('GET', '/u/999999');
    expect(unknown.status).toBe(404);
    for (const token of [undefined, member.token]) {
      const res = await t.call('GET', `/u/${member.userId}`, { token });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('Mo');
      expect(res.text).not.toContain('A public named cup');
    }
    // Byte for byte the page of an id never used (but for the path in the language switch).
    const hidden = (await t.call('GET', `/u/${member.userId}`)).text;
    expect(hidden.replace(`%2Fu%2F${member.userId}`, '%2Fu%2F999999')).toBe(unknown.text);
  });

  it('shows name, badges, rhythm and public named answers of public communities only, once allowed', async () => {
    const { member, community, ids } = await memberWithAnswers();
    // Allowed through the profile page's own no-JavaScript form.
    const saved = await form('/me/settings', { publicProfile: 'on', nudges: 'on' }, member.token);
    expect([saved.status, saved.headers.get('Location')]).toEqual([303, '/me?saved=settings#settings-heading']);
    expect((await t.call('GET', '/me?saved=settings', { token: member.token })).text).toContain(`href="/u/${member.userId}"`);

    for (const token of [undefined, member.token]) {
      const res = await t.call('GET', `/u/${member.userId}`, { token });
      expect(res.status).toBe(200);
      expect(res.text).toContain('<title>Profile of Mo · Kindling</title>');
      expect(res.text).toContain('<h1>Mo</h1>');
      expect(res.text).toContain(`<a href="/c/${community.slug}">Sketchers</a>`);
      expect(res.text).toContain('First answer');
      expect(res.text).toContain('Longest run: 0 weeks');
      expect(res.text).toContain('A public named cup');
      expect(res.text).toContain(`href="/a/${ids.publicNamed}"`);
      for (const hidden of ['A public shy cup', 'A community-only tool', 'A practice tool', 'A quiet corner cup', 'Quiet corner']) {
        expect(res.text).not.toContain(hidden);
      }
      for (const id of [ids.publicAnonymous, ids.community, ids.facilitators, ids.privateCommunity]) {
        expect(res.text).not.toContain(`/a/${id}"`);
      }
      // Only the member themself can download their credentials.
      expect(res.text).not.toContain('/credential');
    }

    // Turned off again, the page is gone.
    await form('/me/settings', { nudges: 'on' }, member.token);
    expect((await t.call('GET', `/u/${member.userId}`)).status).toBe(404);
  });

  it('speaks French', async () => {
    const { member } = await memberWithAnswers();
    await t.call('PATCH', '/api/me', { token: member.token, body: { publicProfile: true } });
    const res = await t.call('GET', `/u/${member.userId}`, { headers: { 'Accept-Language': 'fr' } });
    expect(res.text).toContain('Profil de Mo');
    expect(res.text).toContain('Réponses publiques');
    expect(res.text).toContain('Première réponse');
  });
});
