/** My profile page without JavaScript: sign-in required, my points and answers, name form, sign-out form. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity } from '../helpers/fixtures';
import { signIn } from '../helpers/sign-in';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const form = (path: string, body: Record<string, string>, headers: Record<string, string>) =>
  t.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body).toString(),
  });

describe('profile page', () => {
  it('sends signed-out visitors to sign in', async () => {
    const res = await t.call('GET', '/me');
    expect([res.status, res.headers.get('Location')]).toEqual([303, '/sign-in']);
    const post = await form('/me', { name: 'X' }, {});
    expect([post.status, post.headers.get('Location')]).toEqual([303, '/sign-in']);
  });

  it('lists my points per community and my answers with who can see them', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const post = (body: Record<string, unknown>) =>
      t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { body: 'x', ...body } });
    const named = await post({ level: 'easy', body: 'A named cup', visibility: 'public' });
    const anon = await post({ level: 'hard', body: 'A shy cup', visibility: 'facilitators', anonymous: true });
    const owner = await t.userToken('olga@example.org', 'Olga');
    await createCommunity(t, owner.token, { slug: 'quiet', name: 'Quiet corner', visibility: 'private' });

    const res = await t.call('GET', '/me', { token: member.token });
    expect(res.status).toBe(200);
    expect(res.text).toContain('value="Mo"');
    expect(res.text).toContain('Signed in as mo@example.org');
    expect(res.text).toContain(`<a href="/c/${community.slug}/leaderboard">Sketchers</a> · <span class="points">6 points</span>`);
    // Only my communities: not one I never joined.
    expect(res.text).not.toContain('Quiet corner');
    expect(res.text).toContain('A named cup');
    expect(res.text).toContain('A shy cup');
    expect(res.text).toContain('Who can see it: Public');
    expect(res.text).toContain('Who can see it: Facilitators only · posted anonymously');
    expect(res.text).toContain(`href="/a/${named.json.id}"`);
    expect(res.text).toContain(`href="/a/${anon.json.id}"`);
    expect(res.text).toContain('Draw a cup in two-point perspective');
    expect(res.text).toContain('action="/sign-out"');
  });

  it('renames me with a plain form post, and refuses an empty name', async () => {
    const { member } = await communityWithOpenPrompt(t);
    const auth = { Authorization: `Bearer ${member.token}` };
    const ok = await form('/me', { name: '  Maureen  ' }, auth);
    expect([ok.status, ok.headers.get('Location')]).toEqual([303, '/me?saved=1']);
    expect((await t.call('GET', '/api/me', { token: member.token })).json.name).toBe('Maureen');
    expect((await t.call('GET', '/me?saved=1', { token: member.token })).text).toContain('Saved');

    const bad = await form('/me', { name: '   ' }, auth);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('A display name has 1 to 60 characters.');
    expect((await t.call('GET', '/api/me', { token: member.token })).json.name).toBe('Maureen');
  });

  it('signs out with a plain form post, ending the session', async () => {
    const { cookie } = await signIn(t, 'nia@example.org', { name: 'Nia' });
    expect((await t.call('GET', '/me', { headers: { Cookie: cookie } })).status).toBe(200);
    const out = await form('/sign-out', {}, { Cookie: cookie });
    expect([out.status, out.headers.get('Location')]).toEqual([303, '/']);
    expect(out.headers.getSetCookie().some((c) => /^kindling_session=;/.test(c))).toBe(true);
    // The old cookie no longer opens anything.
    const after = await t.call('GET', '/me', { headers: { Cookie: cookie } });
    expect([after.status, after.headers.get('Location')]).toEqual([303, '/sign-in']);
  });

  it('speaks French', async () => {
    const { member } = await communityWithOpenPrompt(t);
    const res = await t.call('GET', '/me', { token: member.token, headers: { 'Accept-Language': 'fr' } });
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Nom affiché');
    expect(res.text).toContain("Vous n'avez pas encore répondu.");
    expect(res.text).toContain('Se déconnecter');
  });
});
