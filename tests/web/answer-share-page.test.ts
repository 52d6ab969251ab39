/**
 * The permalink page's author tools: the share panel (plain text and Markdown, readable without
 * JavaScript), Open Graph tags that never name an anonymous author, and claim / visibility as plain forms.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submissions } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, join, postAnswer } from '../helpers/fixtures';
import { metaProperty as og, renderPage } from '../helpers/pages';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const page = (path: string, token?: string) => renderPage(t, path, { token });
const form = (path: string, body: Record<string, string>, token?: string) =>
  t.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: new URLSearchParams(body).toString(),
  });

const answer = (token: string, promptId: number, fields: Record<string, unknown>) => postAnswer(t, token, promptId, fields);

describe('share panel on the permalink page', () => {
  it('gives the author the share text as selectable text, and nobody else', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { body: 'Cups <3 & saucers', visibility: 'public' });

    const mine = await page(`/a/${id}`, member.token);
    expect(mine.status).toBe(200);
    expect(mine.html).toContain('Share it in your main space');
    expect(mine.html).toContain('<label for="share-text">Plain text</label>');
    const text = /<textarea id="share-text"[^>]*>([^<]*)<\/textarea>/.exec(mine.html)?.[1];
    expect(text).toBe(`Draw a cup (Sketchers)\n\nCups &lt;3 &amp; saucers\n\nhttp://localhost/a/${id}`);
    expect(mine.html).toMatch(/<textarea id="share-text"[^>]*readonly/);
    expect(mine.html).toContain('Cups \\&lt;3 &amp; saucers');
    expect(mine.data.props.own.share.url).toBe(`http://localhost/a/${id}`);
    // Copy buttons need JavaScript: never rendered as dead buttons in the HTML.
    expect(mine.html).not.toContain('Copy the plain text');

    const other = await t.userToken('ola@example.org', 'Ola');
    await join(t, other.token, community.slug);
    for (const token of [undefined, other.token, facilitator.token]) {
      const res = await page(`/a/${id}`, token);
      expect(res.status).toBe(200);
      expect(res.html).not.toContain('share-text');
      expect(res.html).not.toContain(`/a/${id}/settings`);
      expect(res.data.props.own).toBeNull();
    }
  });

  it('has Open Graph tags that name a named author and never an anonymous one', async () => {
    const { facilitator, member, prompt } = await communityWithOpenPrompt(t);
    const named = await answer(member.token, prompt.id, { body: 'Named cup', visibility: 'public' });
    const anon = await answer(member.token, prompt.id, { level: 'hard', body: 'Shy cup', visibility: 'public', anonymous: true });

    const res = await page(`/a/${named}`);
    expect([og(res.html, 'og:type'), og(res.html, 'og:title'), og(res.html, 'og:description'), og(res.html, 'og:url')]).toEqual([
      'article',
      'Answer by Mo in Sketchers',
      'Named cup',
      `http://localhost/a/${named}`,
    ]);
    // Shown to others (and linked) by its public id: its sequential id would place it among named answers.
    const publicId = (await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, anon)))[0]!.publicId;
    for (const token of [undefined, member.token, facilitator.token]) {
      const html = (await page(`/a/${publicId}`, token)).html;
      expect(og(html, 'og:title')).toBe('An answer in Sketchers');
      expect(og(html, 'og:url')).toBe(`http://localhost/a/${publicId}`);
      const head = html.slice(0, html.indexOf('</head>'));
      expect(head).not.toContain('Mo');
    }
    // The author is told what sharing an anonymous answer means.
    expect((await page(`/a/${anon}`, member.token)).html).toContain('posting it yourself shows that it is yours');
  });
});

describe('claim it and who sees it, without JavaScript', () => {
  it('claims an anonymous answer with one form post, after which the gallery names the author', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { body: 'Shy cup', visibility: 'public', anonymous: true });
    const before = await page(`/a/${id}`, member.token);
    expect(before.html).toContain(`action="/a/${id}/settings"`);
    expect(before.html).toContain('Show my name on it');

    const res = await form(`/a/${id}/settings`, { anonymous: 'false', next: `/a/${id}` }, member.token);
    expect([res.status, res.headers.get('Location')]).toEqual([303, `/a/${id}?changed=claimed&answer=${id}`]);
    const after = await page(`/a/${id}?changed=claimed&answer=${id}`, member.token);
    expect(after.html).toContain('Your name is on this answer now.');
    expect(after.html).not.toContain('Show my name on it');
    expect(og(after.html, 'og:title')).toBe('Answer by Mo in Sketchers');
    const gallery = await page(`/c/${community.slug}/p/${prompt.id}`);
    expect(gallery.html).toContain('>Mo</h2>');

    // The form cannot make it anonymous again: anything but "false" is no change.
    await form(`/a/${id}/settings`, { anonymous: 'true', next: `/a/${id}` }, member.token);
    expect((await page(`/c/${community.slug}/p/${prompt.id}`)).html).toContain('>Mo</h2>');
  });

  it('widens and narrows from the profile page and comes back to the answer there', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { body: 'Practice cup', visibility: 'facilitators' });
    const me = await page('/me', member.token);
    expect(me.html).toContain('Make it public');
    expect(me.html).toContain('Show it to my community');

    const res = await form(`/a/${id}/settings`, { visibility: 'public', next: '/me' }, member.token);
    expect([res.status, res.headers.get('Location')]).toEqual([303, `/me?changed=visibility&answer=${id}#my-answer-${id}`]);
    expect((await page(`/c/${community.slug}/p/${prompt.id}`)).html).toContain('Practice cup');
    expect((await page(`/me?changed=visibility&answer=${id}`, member.token)).html).toContain('Saved. Who can see it: Public.');

    await form(`/a/${id}/settings`, { visibility: 'facilitators', next: '/me' }, member.token);
    expect((await page(`/c/${community.slug}/p/${prompt.id}`)).html).not.toContain('Practice cup');
  });

  it('is 404 for anyone but the author, and sends signed-out visitors to sign in', async () => {
    const { facilitator, member, prompt } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { body: 'Shy cup', anonymous: true });
    expect((await form(`/a/${id}/settings`, { anonymous: 'false' }, facilitator.token)).status).toBe(404);
    const out = await form(`/a/${id}/settings`, { anonymous: 'false' });
    expect([out.status, out.headers.get('Location')]).toEqual([303, '/sign-in']);
    // An outside `next` is never followed.
    const evil = await form(`/a/${id}/settings`, { visibility: 'public', next: '//evil.example' }, member.token);
    expect(evil.headers.get('Location')).toBe(`/a/${id}?changed=visibility&answer=${id}`);
    expect((await t.call('GET', `/api/prompts/${prompt.id}/gallery`, { token: facilitator.token })).json.items[0].anonymous).toBe(true);
  });

  it('speaks French', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { body: 'Une tasse', anonymous: true });
    const app = t.app;
    const res = await app.request(`/a/${id}`, { headers: { Authorization: `Bearer ${member.token}`, 'Accept-Language': 'fr' } });
    const html = await res.text();
    expect(html).toContain('La partager dans votre espace principal');
    expect(html).toContain('Afficher mon nom');
    expect(html).toContain('La rendre publique');
  });
});
