/**
 * The gallery page without JavaScript: the first HTML response carries the answers, ?level= filters,
 * ?cursor= pages, and anonymous answers name no one (in the HTML and in the embedded page data).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { submissions, users } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join, postAnswer } from '../helpers/fixtures';
import { renderPage } from '../helpers/pages';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const page = (path: string, opts: { token?: string; lang?: string } = {}) => renderPage(t, path, opts);

const answer = (token: string, promptId: number, fields: Record<string, unknown>) => postAnswer(t, token, promptId, fields);

describe('gallery page', () => {
  it('carries the first page of answers in the HTML, with names, levels, kudos and permalinks', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { body: 'A wobbly cup, but mine', visibility: 'public', link: 'https://example.org/cup' });
    await t.call('POST', `/api/submissions/${id}/kudos`, { token: facilitator.token, body: { kind: 'learned' } });

    const res = await page(`/c/${community.slug}/p/${prompt.id}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('A wobbly cup, but mine');
    expect(res.html).toContain('>Mo</h2>');
    expect(res.html).toContain('href="https://example.org/cup"');
    expect(res.html).toContain(`href="/a/${id}"`);
    expect(res.html).toContain('Draw a cup in two-point perspective');
    expect(res.html).toContain('<span>I learned something <span class="count">1</span></span>');
    expect(res.html).not.toContain('Applause'); // kinds nobody gave are not listed
    // Signed out: counts, and a way to sign in instead of buttons.
    expect(res.html).toContain('Sign in to encourage');
    expect(res.html).not.toContain('aria-pressed');
    expect(res.data.page).toBe('Gallery');
    expect(res.data.props.page.items.map((i: { id: number }) => i.id)).toEqual([id]);
  });

  it('shows members the answers they may see, with kudos buttons that know what they gave', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const own = await answer(facilitator.token, prompt.id, { body: 'Facilitator warm-up', visibility: 'community' });
    t.clock.advance(1000);
    const priv = await answer(member.token, prompt.id, { body: 'Just for the facilitators', visibility: 'facilitators' });
    const other = await t.userToken('ola@example.org', 'Ola');
    await join(t, other.token, community.slug);
    await t.call('POST', `/api/submissions/${own}/kudos`, { token: other.token, body: { kind: 'applause' } });

    const visitor = await page(`/c/${community.slug}/p/${prompt.id}`);
    expect(visitor.html).not.toContain('Facilitator warm-up');
    expect(visitor.html).toContain('No answers to see yet');

    const seen = await page(`/c/${community.slug}/p/${prompt.id}`, { token: other.token });
    expect(seen.html).toContain('Facilitator warm-up');
    expect(seen.html).not.toContain('Just for the facilitators');
    expect(seen.html).toMatch(/aria-pressed="true"[^>]*>.*?Applause/s);
    expect(seen.html).toContain(`action="/a/${own}/kudos"`);
    // Counts only once someone gave: a button never shows a zero.
    expect(seen.html).toContain('<span>Applause <span class="count">1</span></span>');
    expect(seen.html).toContain('<span>I learned something</span>');
    expect(seen.html).not.toMatch(/class="count">0</);

    const fac = await page(`/c/${community.slug}/p/${prompt.id}`, { token: facilitator.token });
    // The author's own answer shows its counts written the same way as everyone else's buttons.
    expect(fac.html).toContain('<span class="kudo-received"><span>Applause <span class="count">1</span></span></span>');
    expect(fac.html).toContain('Just for the facilitators');
    expect(fac.data.props.page.items.map((i: { id: number }) => i.id)).toEqual([priv, own]);
  });

  it('filters by level with ?level=', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    await answer(member.token, prompt.id, { level: 'easy', body: 'The easy one', visibility: 'public' });
    await answer(member.token, prompt.id, { level: 'hard', body: 'The hard one', visibility: 'public' });
    const hard = await page(`/c/${community.slug}/p/${prompt.id}?level=hard`);
    expect(hard.html).toContain('The hard one');
    expect(hard.html).not.toContain('The easy one');
    expect(hard.html).toMatch(/aria-current="true"[^>]*>Hard</);
    const all = await page(`/c/${community.slug}/p/${prompt.id}?level=nonsense`);
    expect(all.html).toContain('The hard one');
    expect(all.html).toContain('The easy one');
  });

  it('pages with ?cursor= links that work without JavaScript', async () => {
    const { prompt, community } = await communityWithOpenPrompt(t);
    const ids: number[] = [];
    for (let i = 0; i < 15; i++) {
      const u = await t.userToken(`m${i}@example.org`, `Member ${i}`);
      await join(t, u.token, community.slug);
      for (const level of ['easy', 'hard'] as const) {
        t.clock.advance(1000);
        ids.push(await answer(u.token, prompt.id, { level, body: `Answer number ${ids.length}`, visibility: 'public' }));
      }
    }
    const seen: number[] = [];
    let path: string | null = `/c/${community.slug}/p/${prompt.id}`;
    for (let pages = 0; path && pages < 5; pages++) {
      const res = await page(path);
      expect(res.status).toBe(200);
      seen.push(...res.data.props.page.items.map((i: { id: number }) => i.id));
      const next = /href="([^"]*\?cursor=[^"]*)"/.exec(res.html)?.[1];
      path = next ? next.replace(/&amp;/g, '&') : null;
      if (pages > 0) expect(res.html).toContain('Back to the newest answers');
    }
    expect(seen).toEqual([...ids].reverse());
    // A cursor that was never given out shows the first page, not an error.
    const bad = await page(`/c/${community.slug}/p/${prompt.id}?cursor=nonsense`);
    expect(bad.status).toBe(200);
    expect(bad.data.props.page.items).toHaveLength(24);
  });

  it('shows anonymous answers as "A member" and leaks no trace of the author to visitors or members', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    // A filler row pushes ids up so the author's id is a number that cannot appear by accident.
    await t.db.insert(users).values({ id: 987_650, email: 'filler@example.org', name: 'Filler', createdAt: 0 });
    const author = await t.userToken('zebulon.quill@example.org', 'Zebulon Quill');
    expect(author.userId).toBe(987_651);
    await join(t, author.token, community.slug);
    const anon = await answer(author.token, prompt.id, { level: 'hard', body: 'Nervous first try', visibility: 'public', anonymous: true });
    await answer(author.token, prompt.id, { level: 'easy', body: 'Also nervous', visibility: 'community', anonymous: true });
    // Others name an anonymous answer by its public id alone; its sequential id finds nothing for them.
    const { publicId } = (await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, anon)))[0]!;
    expect((await t.call('POST', `/api/submissions/${anon}/kudos`, { token: member.token, body: { kind: 'relate' } })).status).toBe(404);
    expect((await t.call('POST', `/api/submissions/${publicId}/kudos`, { token: member.token, body: { kind: 'relate' } })).status).toBe(200);

    for (const token of [undefined, member.token]) {
      const res = await page(`/c/${community.slug}/p/${prompt.id}`, { token });
      expect(res.html).toContain('Nervous first try');
      expect(res.html).toContain('>A member</h2>');
      for (const secret of ['zebulon', 'quill', '987651']) expect(res.html.toLowerCase()).not.toContain(secret);
      const item = res.data.props.page.items.find((i: { id: string }) => i.id === publicId);
      expect(item.author).toBeNull();
      expect(res.html).not.toContain(`/a/${anon}"`);
      expect(res.html).toContain(`href="/a/${publicId}"`);
      if (token) expect(res.data.props.given).toEqual({ [publicId!]: ['relate'] });
    }
    // Facilitators excepted, as in the API.
    const fac = await page(`/c/${community.slug}/p/${prompt.id}`, { token: facilitator.token });
    expect(fac.html).toContain('Zebulon Quill');
    expect(fac.html).toContain('only facilitators see this name');
  });

  it('is 404 for a private community to outsiders, and under another community\'s address', async () => {
    const owner = await t.userToken('olga@example.org', 'Olga');
    const stranger = await t.userToken('sam@example.org', 'Sam');
    const secret = await createCommunity(t, owner.token, { slug: 'secret', visibility: 'private' });
    const { prompts } = await createSeries(t, owner.token, secret.slug, { startDate: '2026-03-02' });
    await answer(owner.token, prompts[0]!.id, { body: 'Hidden from the world', visibility: 'public' });
    for (const token of [undefined, stranger.token]) {
      const res = await page(`/c/secret/p/${prompts[0]!.id}`, { token });
      expect(res.status).toBe(404);
      expect(res.html).not.toContain('Hidden from the world');
      expect(res.html).toContain('This page does not exist');
    }
    expect((await page(`/c/secret/p/${prompts[0]!.id}`, { token: owner.token })).status).toBe(200);
    await createCommunity(t, owner.token, { slug: 'open' });
    expect((await page(`/c/open/p/${prompts[0]!.id}`, { token: owner.token })).status).toBe(404);
    expect((await page(`/c/secret/p/999999`, { token: owner.token })).status).toBe(404);
  });

  it('keeps a prompt that has not opened yet to the facilitators', async () => {
    const { facilitator, member, series, community } = await communityWithOpenPrompt(t);
    const tomorrow = series.prompts[1]!;
    const path = `/c/${community.slug}/p/${tomorrow.id}`;
    for (const token of [undefined, member.token]) {
      const res = await page(path, { token });
      expect(res.status).toBe(404);
      expect(res.html).not.toContain('Explain why you chose it');
    }
    expect((await page(path, { token: facilitator.token })).html).toContain('Explain why you chose it');
  });

  it('speaks French when the browser asks for it', async () => {
    const { member, prompt, community } = await communityWithOpenPrompt(t);
    await answer(member.token, prompt.id, { body: 'Anonyme', visibility: 'public', anonymous: true });
    const res = await page(`/c/${community.slug}/p/${prompt.id}`, { lang: 'fr-CA,fr;q=0.9,en;q=0.5' });
    expect(res.html).toContain('<html lang="fr">');
    expect(res.html).toContain('>Un membre</h2>');
    expect(res.html).toContain('Connectez-vous pour encourager');
    expect(res.html).toContain('Difficile');
  });

  it('takes kudos from a plain form post and returns to the answer', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { body: 'Encourage me', visibility: 'community' });
    const next = `/c/${community.slug}/p/${prompt.id}`;
    const res = await t.app.request(`/a/${id}/kudos`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${facilitator.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kind: 'applause', next }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`${next}#answer-${id}`);
    const after = await page(next, { token: facilitator.token });
    expect(after.html).toMatch(/aria-pressed="true"[^>]*>.*?Applause.*?<span class="count">1<\/span>/s);
    // Never an open redirect.
    const away = await t.app.request(`/a/${id}/kudos`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${facilitator.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kind: 'relate', next: '//evil.example/' }).toString(),
    });
    expect(away.headers.get('Location')).toBe(`/a/${id}#answer-${id}`);
  });
});
