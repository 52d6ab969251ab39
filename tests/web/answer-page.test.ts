/** The answer permalink page: the gallery's visibility rule (404 otherwise), kudos, and Open Graph tags. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { submissions, users } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join, postAnswer } from '../helpers/fixtures';
import { metaProperty as og, renderPage } from '../helpers/pages';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const page = (path: string, opts: { token?: string; lang?: string } = {}) => renderPage(t, path, opts);

const answer = (token: string, promptId: number, fields: Record<string, unknown>) => postAnswer(t, token, promptId, fields);

describe('answer permalink page', () => {
  it('shows the prompt, the answer and its kudos, with Open Graph tags', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { level: 'hard', body: 'Two points, one horizon', visibility: 'public' });
    await t.call('POST', `/api/submissions/${id}/kudos`, { token: facilitator.token, body: { kind: 'applause' } });

    const res = await page(`/a/${id}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('Draw a cup in two-point perspective');
    expect(res.html).toContain('Two points, one horizon');
    expect(res.html).toContain('<span>Applause <span class="count">1</span></span>');
    expect(res.html).toContain(`href="/c/${community.slug}/p/${prompt.id}"`);
    expect(og(res.html, 'og:title')).toBe('Answer by Mo in Sketchers');
    expect(og(res.html, 'og:description')).toBe('Two points, one horizon');
    expect(og(res.html, 'og:url')).toBe(`http://localhost/a/${id}`);
    expect(res.data.props.answer.id).toBe(id);
  });

  it('names no anonymous author in the page, its data or its tags', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    await t.db.insert(users).values({ id: 987_650, email: 'filler@example.org', name: 'Filler', createdAt: 0 });
    const author = await t.userToken('zebulon.quill@example.org', 'Zebulon Quill');
    await join(t, author.token, community.slug);
    t.clock.advance(17 * 60_000 + 4_321);
    const id = await answer(author.token, prompt.id, { body: 'Shy but here', visibility: 'public', anonymous: true });
    const { publicId } = (await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, id)))[0]!;

    for (const token of [undefined, member.token]) {
      // Its sequential id names nothing for them: they know it by its public id, and its hour only.
      expect((await page(`/a/${id}`, { token })).status).toBe(404);
      const res = await page(`/a/${publicId}`, { token });
      expect(res.status).toBe(200);
      expect(res.data.props.answer).toMatchObject({ id: publicId, createdAt: '2026-03-02T12:00:00.000Z' });
      expect(og(res.html, 'og:url')).toMatch(new RegExp(`/a/${publicId}$`));
      expect(res.html).toContain('>A member</h2>');
      for (const secret of ['zebulon', 'quill', '987651']) expect(res.html.toLowerCase()).not.toContain(secret);
      expect(og(res.html, 'og:title')).toBe('An answer in Sketchers');
      expect(res.data.props.answer.author).toBeNull();
    }
    // The community's facilitators may know, but the tags still name no one.
    const fac = await page(`/a/${id}`, { token: facilitator.token });
    expect(fac.html).toContain('Zebulon Quill');
    expect(fac.data.props.answer.createdAt).toBe('2026-03-02T12:17:04.321Z');
    expect(og(fac.html, 'og:title')).toBe('An answer in Sketchers');
    // The author sees it is theirs.
    expect((await page(`/a/${id}`, { token: author.token })).html).toContain('Your answer');
    expect((await page(`/a/${publicId}`, { token: author.token })).html).toContain('Your answer');
  });

  it('is 404 to whoever may not see the answer, by the gallery rule', async () => {
    const { facilitator, member, prompt, community } = await communityWithOpenPrompt(t);
    const other = await t.userToken('ola@example.org', 'Ola');
    await join(t, other.token, community.slug);
    const stranger = await t.userToken('sam@example.org', 'Sam');
    const practice = await answer(member.token, prompt.id, { body: 'Private practice', visibility: 'facilitators' });
    const shared = await answer(member.token, prompt.id, { level: 'hard', body: 'For the community', visibility: 'community' });

    const status = async (id: number, token?: string) => (await page(`/a/${id}`, { token })).status;
    expect(await status(practice, other.token)).toBe(404);
    expect(await status(practice)).toBe(404);
    expect(await status(practice, member.token)).toBe(200);
    expect(await status(practice, facilitator.token)).toBe(200);
    expect(await status(shared, other.token)).toBe(200);
    expect(await status(shared, stranger.token)).toBe(404);
    expect(await status(shared)).toBe(404);
    expect(await status(999_999)).toBe(404);

    const hidden = await page(`/a/${practice}`, { token: other.token });
    expect(hidden.html).not.toContain('Private practice');
    expect(hidden.html).not.toContain('og:title');
  });

  it('is 404 for a private community\'s answers to outsiders, even public ones', async () => {
    const owner = await t.userToken('olga@example.org', 'Olga');
    const stranger = await t.userToken('sam@example.org', 'Sam');
    await createCommunity(t, owner.token, { slug: 'secret', visibility: 'private' });
    const { prompts } = await createSeries(t, owner.token, 'secret', { startDate: '2026-03-02' });
    const id = await answer(owner.token, prompts[0]!.id, { body: 'Inside only', visibility: 'public' });
    expect((await page(`/a/${id}`, { token: stranger.token })).status).toBe(404);
    expect((await page(`/a/${id}`)).status).toBe(404);
    expect((await page(`/a/${id}`, { token: owner.token })).status).toBe(200);
  });

  it('speaks French, tags included', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { body: 'Une tasse', visibility: 'public' });
    const res = await page(`/a/${id}`, { lang: 'fr' });
    expect(res.html).toContain('<html lang="fr">');
    expect(res.html).toContain('Une réponse dans Sketchers');
    expect(og(res.html, 'og:title')).toBe('Réponse de Mo dans Sketchers');
    expect(res.html).toContain('Retour aux réponses');
  });
});
