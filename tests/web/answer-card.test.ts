/**
 * Answers' Open Graph cards: the permalink's og:image tags, a real 1200×630 PNG drawn by the Node renderer
 * (@resvg/resvg-js) that names a named author and never an anonymous one, the permalink's 404 rule, and the
 * static card where the home has no renderer (Workers).
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submissions } from '../../db/schema';
import { createApp } from '../../src/app';
import { answerCardSvg, wrapLines } from '../../src/domain/share-card/answer-card';
import { noMailer } from '../../src/mail/transports';
import { cardPngRenderer } from '../../src/node/card-png';
import { staticCardPng } from '../../src/routes/web/static-card';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, postAnswer } from '../helpers/fixtures';
import { metaProperty as meta } from '../helpers/pages';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

/** The Node home's renderer, with the SVG of each card it drew kept for the test to read. */
function nodeApp() {
  const drawn: string[] = [];
  const render = cardPngRenderer();
  const app = createApp({
    db: t.db, clock: t.clock.now, mailer: noMailer, config: t.config, images: t.images,
    cardPng: (svg) => (drawn.push(svg), render(svg)),
  });
  return { app, drawn };
}

const get = (app: { request: (p: string, i?: RequestInit) => Response | Promise<Response> }, path: string, token?: string) =>
  app.request(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const answer = (token: string, promptId: number, fields: Record<string, unknown>) => postAnswer(t, token, promptId, { visibility: 'public', ...fields });

describe('Open Graph cards of answers', () => {
  it('links the card from the permalink and draws it as a 1200×630 PNG naming the author', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { body: 'A wobbly cup, but a cup' });
    const html = await (await t.app.request(`/a/${id}`)).text();
    expect(meta(html, 'og:image')).toBe(`http://localhost/a/${id}/card.png`);
    expect(meta(html, 'og:image:width')).toBe('1200');
    expect(meta(html, 'og:image:height')).toBe('630');
    expect(meta(html, 'og:image:alt')).toBe('An answer in Sketchers, on Kindling');
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');

    const { app, drawn } = nodeApp();
    const res = await get(app, `/a/${id}/card.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/png');
    expect(res.headers.get('Cache-Control')).toContain('private');
    expect(pngSize(new Uint8Array(await res.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toContain('by Mo');
    expect(drawn[0]).toContain('A wobbly cup, but a cup');
    expect(drawn[0]).toContain('Draw a cup');
    // The same card again comes from the renderer's memory, byte for byte.
    const again = new Uint8Array(await (await get(app, `/a/${id}/card.png`)).arrayBuffer());
    expect(again.length).toBeGreaterThan(1000);
  });

  it('never names the author of an anonymous answer, not even on a facilitator’s request', async () => {
    const { member, facilitator, prompt } = await communityWithOpenPrompt(t);
    const anon = await answer(member.token, prompt.id, { level: 'hard', body: 'Shy cup', anonymous: true });
    const [row] = await t.db.select({ publicId: submissions.publicId }).from(submissions).where(eq(submissions.id, anon));
    const { app, drawn } = nodeApp();
    for (const token of [undefined, facilitator.token, member.token]) {
      const res = await get(app, `/a/${row!.publicId}/card.png`, token);
      expect(res.status).toBe(200);
    }
    expect(drawn.length).toBeGreaterThan(0);
    for (const svg of drawn) {
      expect(svg).not.toContain('Mo');
      expect(svg).toContain('A member');
      expect(svg).toContain('Shy cup');
    }
    // By its sequential id, an anonymous answer is as unknown to a visitor as on its page.
    expect((await get(app, `/a/${anon}/card.png`)).status).toBe(404);
  });

  it('answers 404 to whoever may not see the answer', async () => {
    const fran = await t.userToken('fran@example.org', 'Fran');
    const mo = await t.userToken('mo@example.org', 'Mo');
    const outsider = await t.userToken('out@example.org', 'Out');
    const community = await createCommunity(t, fran.token, { slug: 'secret', visibility: 'private' });
    const series = await createSeries(t, fran.token, community.slug, { startDate: '2026-03-02' });
    const id = await answer(fran.token, series.prompts[0]!.id, { body: 'Only for us', visibility: 'community' });
    const { app, drawn } = nodeApp();
    expect((await get(app, `/a/${id}/card.png`)).status).toBe(404);
    expect((await get(app, `/a/${id}/card.png`, outsider.token)).status).toBe(404);
    expect((await get(app, `/a/${id}/card.png`, mo.token)).status).toBe(404);
    expect((await get(app, `/a/999999/card.png`)).status).toBe(404);
    expect(drawn).toEqual([]);
    expect((await get(app, `/a/${id}/card.png`, fran.token)).status).toBe(200);
  });

  it('limits the cards drawn for one IP (429 with Retry-After), never the static ones', async () => {
    t.close();
    t = await makeTestApp('2026-03-02T12:00:00Z', { CLIENT_IP_HEADER: 'X-Forwarded-For', RATE_LIMITS: 'cardsPerIp=2/60' });
    const { member, prompt } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { body: 'A cup' });
    const { app, drawn } = nodeApp();
    const from = (ip: string) => app.request(`/a/${id}/card.png`, { headers: { 'X-Forwarded-For': ip } });
    expect((await from('192.0.2.7')).status).toBe(200);
    expect((await from('192.0.2.7')).status).toBe(200);
    const refused = await from('192.0.2.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe('rate_limited');
    expect((await from('198.51.100.1')).status).toBe(200);
    expect(drawn).toHaveLength(3);
    // Without a renderer (Workers) nothing is drawn, so nothing is counted.
    for (let i = 0; i < 3; i++) expect((await t.app.request(`/a/${id}/card.png`, { headers: { 'X-Forwarded-For': '192.0.2.7' } })).status).toBe(200);
  });

  it('gives every other page its title, description and the brand card as a preview', async () => {
    await communityWithOpenPrompt(t);
    const html = await (await t.app.request('/c/sketchers', { headers: { 'Accept-Language': 'en' } })).text();
    expect(meta(html, 'og:type')).toBe('website');
    expect(meta(html, 'og:title')).toBe('Today in Sketchers');
    expect(meta(html, 'og:description')).toBe(/<meta name="description" content="([^"]*)">/.exec(html)![1]);
    expect(meta(html, 'og:image')).toBe('http://localhost/card.png');
    const res = await t.app.request('/card.png');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=86400');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(staticCardPng());
    // An error page has nothing to preview.
    expect(meta(await (await t.app.request('/no-such-page')).text(), 'og:image')).toBeUndefined();
  });

  it('serves the static card where the home has no renderer (Workers)', async () => {
    const { member, prompt } = await communityWithOpenPrompt(t);
    const id = await answer(member.token, prompt.id, { body: 'A cup' });
    const res = await t.app.request(`/a/${id}/card.png`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes).toEqual(staticCardPng());
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });
  });
});

describe('the card SVG', () => {
  it('wraps at spaces, cuts overlong words and ends a cut text with an ellipsis', () => {
    expect(wrapLines('one two three four', 9, 3)).toEqual(['one two', 'three', 'four']);
    expect(wrapLines('abcdefghijkl', 5, 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrapLines('one two three four five six', 9, 2)).toEqual(['one two', 'three…']);
    expect(wrapLines('  ', 9, 2)).toEqual([]);
  });

  it('escapes what members wrote', () => {
    const svg = answerCardSvg({
      community: 'A & B', prompt: '<script>', level: 'easy', levelLabel: 'Easy', body: 'x "y" <z>', byline: 'by Jo', hasPicture: false, pictureLabel: 'pic',
    });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('A &amp; B');
    expect(svg).toContain('x &quot;y&quot; &lt;z&gt;');
  });
});
