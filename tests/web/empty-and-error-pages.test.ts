/**
 * Empty states that teach (no prompt and no series yet, a gallery with no answers, a profile with no answers
 * or communities) and the friendly error pages: the 404 with what to try, and a 500 page for a browser
 * reading a page when something failed on our side (the API and scripts keep the error envelope).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

const HTML = 'text/html,application/xhtml+xml,application/xhtml+xml;q=0.9,*/*;q=0.8';
async function page(path: string, opts: { token?: string; lang?: string; accept?: string } = {}) {
  const headers: Record<string, string> = { 'Accept-Language': opts.lang ?? 'en', Accept: opts.accept ?? HTML };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const res = await t.app.request(path, { headers });
  return { status: res.status, html: await res.text(), type: res.headers.get('Content-Type') ?? '' };
}

describe('empty states that teach', () => {
  it('a community with no series: members learn where prompts come from, facilitators how to start one', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const mo = await t.userToken('mo@example.org', 'Mo');
    await createCommunity(t, fran.token);
    const facilitator = (await page('/c/sketchers', { token: fran.token })).html;
    expect(facilitator).toContain('No prompt to answer right now.');
    expect(facilitator).toContain('Start one from a ready-made template');
    expect(facilitator).toContain('<a class="button" href="/c/sketchers/series/templates">');
    const member = (await page('/c/sketchers', { token: mo.token })).html;
    expect(member).toContain("Prompts come from the community's series");
    expect(member).not.toContain('/series/templates');
    expect((await page('/c/sketchers', { lang: 'fr' })).html).toContain('Les consignes viennent des séries de la communauté');
  });

  it('a gallery with no answers invites the first one', async () => {
    const { prompt, member } = await communityWithOpenPrompt(t);
    const { html } = await page(`/c/sketchers/p/${prompt.id}`, { token: member.token });
    expect(html).toContain('No answers to see yet. Yours could be the first.');
    expect(html).toContain(`<a class="button" href="/c/sketchers?prompt=${prompt.id}#answer">Answer this prompt</a>`);
  });

  it('a profile with no answers says how answering works and where to start', async () => {
    const { member } = await communityWithOpenPrompt(t);
    const { html } = await page('/me', { token: member.token });
    expect(html).toContain('You have not answered yet.');
    expect(html).toContain(`<a class="button" href="/c/sketchers">Answer today's prompt in Sketchers</a>`);
    const loner = await t.userToken('lone@example.org', 'Lone');
    expect((await page('/me', { token: loner.token })).html).toContain('Join a public community from the list');
  });
});

describe('friendly error pages', () => {
  it('the 404 page says what to try, the same for a private page as for a missing one', async () => {
    const missing = await page('/c/no-such-community');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('Check the address for a typing slip.');
    expect(missing.html).toContain('ask them to invite you');
    expect(missing.html).toContain('<a class="button" href="/">');
    expect((await page('/nothing/here', { lang: 'fr' })).html).toContain('Vérifiez l’adresse');
  });

  it('a failure on our side shows a page with the same 500 to a browser, and the envelope to others', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    await t.client.execute('DROP TABLE memberships');
    const res = await page('/?from=test');
    expect(res.status).toBe(500);
    expect(res.type).toMatch(/text\/html/);
    expect(res.html).toContain('<h1>Something went wrong on our side</h1>');
    expect(res.html).toContain('<a class="button" href="/?from=test">Try again</a>');
    // Logged once, by kind, as every failure is.
    expect(logged.filter((l) => l.startsWith('[error] GET /'))).toHaveLength(1);

    const script = await page('/', { accept: 'application/json' });
    expect(script.status).toBe(500);
    expect(JSON.parse(script.html)).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side' } });
  });
});
