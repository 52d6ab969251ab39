/** Images on answers: attaching, the gallery, fetching under the answer's visibility, deleting, sweeping. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { images, submissions } from '../../db/schema';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries, join as joinCommunity } from '../helpers/fixtures';
import { fetchImage, jpeg, png, uploadRaw, webp } from '../helpers/images';

let t: TestApp;
let ctx: Awaited<ReturnType<typeof communityWithOpenPrompt>>;
beforeEach(async () => {
  t = await makeTestApp();
  ctx = await communityWithOpenPrompt(t);
});
afterEach(() => t.close());

const HOUR = 3_600_000;
const upload = async (token: string, bytes = png(64, 48)) => {
  const res = await uploadRaw(t, bytes, { token });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { id: string; url: string };
};
const answer = (token: string, body: Record<string, unknown>, promptId = ctx.prompt.id) =>
  t.call('POST', `/api/prompts/${promptId}/submissions`, {
    token,
    body: { level: 'easy', body: 'My sketch', visibility: 'community', anonymous: false, ...body },
  });
const imageRow = async (id: string) => (await t.db.select().from(images).where(eq(images.id, id)))[0];
const fileExists = (id: string) => existsSync(join(t.imagesDir, id));

describe('attaching an image to an answer', () => {
  it('attaches in the answer’s batch and shows in the gallery with its size', async () => {
    const img = await upload(ctx.member.token);
    const res = await answer(ctx.member.token, { imageId: img.id, visibility: 'public' });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const [row] = await t.db.select().from(submissions).where(eq(submissions.id, res.json.id));
    expect(row!.imageId).toBe(img.id);
    expect(await imageRow(img.id)).toMatchObject({ communityId: ctx.community.id });

    const gallery = await t.call('GET', `/api/prompts/${ctx.prompt.id}/gallery`);
    expect(gallery.json.items).toEqual([expect.objectContaining({ id: res.json.id, image: { url: img.url, width: 64, height: 48 } })]);
  });

  it('refuses someone else’s, an unknown, an attached or a malformed image id (422/400 naming imageId)', async () => {
    const other = await t.userToken('oz@example.org', 'Oz');
    await joinCommunity(t, other.token, ctx.community.slug);
    const theirs = await upload(other.token);
    const refused = async (body: Record<string, unknown>, status: number, code: string) => {
      const res = await answer(ctx.member.token, body);
      expect([res.status, res.json.error.code], JSON.stringify(res.json)).toEqual([status, code]);
      expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['imageId']);
    };
    await refused({ imageId: theirs.id }, 422, 'image_unavailable');
    await refused({ imageId: 'A'.repeat(22) }, 422, 'image_unavailable');
    await refused({ imageId: '../../etc/passwd' }, 400, 'invalid_input');

    const mine = await upload(ctx.member.token);
    expect((await answer(ctx.member.token, { imageId: mine.id })).status).toBe(201);
    await refused({ imageId: mine.id, level: 'hard' }, 422, 'image_unavailable');
    // Nothing was written by the refusals: one answer, and their image still unattached.
    expect(await t.db.select().from(submissions)).toHaveLength(1);
    expect(await imageRow(theirs.id)).toMatchObject({ communityId: null });
  });

  it('lets one of two concurrent answers take the same image', async () => {
    const img = await upload(ctx.member.token);
    const [easy, hard] = await Promise.all([answer(ctx.member.token, { imageId: img.id }), answer(ctx.member.token, { imageId: img.id, level: 'hard' })]);
    expect([easy.status, hard.status].sort()).toEqual([201, 422]);
    const rows = await t.db.select({ imageId: submissions.imageId }).from(submissions);
    expect(rows.filter((r) => r.imageId === img.id)).toHaveLength(1);
    expect(rows).toHaveLength(1);
  });
});

describe('fetching an answer image', () => {
  async function answerWithImage(token: string, body: Record<string, unknown>, bytes = jpeg(30, 20)) {
    const img = await upload(token, bytes);
    const res = await answer(token, { imageId: img.id, ...body });
    expect(res.status).toBe(201);
    return { ...img, answerId: res.json.id as number, bytes };
  }

  it('serves a public answer’s image to visitors, cacheable by anyone, with a strong ETag', async () => {
    const img = await answerWithImage(ctx.member.token, { visibility: 'public' });
    const res = await fetchImage(t, img.url);
    expect(res.status).toBe(200);
    expect(res.bytes).toEqual(img.bytes);
    expect(res.headers.get('Content-Type')).toBe('image/jpeg');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const etag = res.headers.get('ETag')!;
    expect(etag).toMatch(/^"[^"]+"$/); // strong: no W/ prefix

    const again = await fetchImage(t, img.url, { headers: { 'If-None-Match': etag } });
    expect([again.status, again.bytes.length, again.headers.get('ETag')]).toEqual([304, 0, etag]);
  });

  it('keeps community answers’ images to members, privately cached; 404 to visitors', async () => {
    const img = await answerWithImage(ctx.member.token, { visibility: 'community' }, webp(8, 8, 'VP8L'));
    expect((await fetchImage(t, img.url)).status).toBe(404);
    const stranger = await t.userToken('sam@example.org');
    expect((await fetchImage(t, img.url, { token: stranger.token })).status).toBe(404);
    const peer = await t.userToken('pat@example.org');
    await joinCommunity(t, peer.token, ctx.community.slug);
    const res = await fetchImage(t, img.url, { token: peer.token });
    expect([res.status, res.headers.get('Content-Type')]).toEqual([200, 'image/webp']);
    expect(res.headers.get('Cache-Control')).toMatch(/^private, max-age=\d+$/);
  });

  it('keeps a facilitators-only answer’s image from members (404), not from its author or facilitators', async () => {
    const img = await answerWithImage(ctx.member.token, { visibility: 'facilitators' });
    const peer = await t.userToken('pat@example.org');
    await joinCommunity(t, peer.token, ctx.community.slug);
    expect((await fetchImage(t, img.url, { token: peer.token })).status).toBe(404);
    // A cached copy's ETag does not get a 304 past the visibility check either.
    expect((await fetchImage(t, img.url, { token: peer.token, headers: { 'If-None-Match': '*' } })).status).toBe(404);
    expect((await fetchImage(t, img.url)).status).toBe(404);
    for (const token of [ctx.member.token, ctx.facilitator.token]) {
      const res = await fetchImage(t, img.url, { token });
      expect([res.status, res.headers.get('Cache-Control')?.startsWith('private')]).toEqual([200, true]);
    }
  });

  it('hides a public answer’s image in a private community from visitors', async () => {
    const fac = await t.userToken('bo@example.org', 'Bo');
    await createCommunity(t, fac.token, { slug: 'recovery', visibility: 'private' });
    const series = await createSeries(t, fac.token, 'recovery', { startDate: '2026-03-02' });
    const img = await upload(fac.token);
    expect((await answer(fac.token, { imageId: img.id, visibility: 'public' }, series.prompts[0]!.id)).status).toBe(201);
    expect((await fetchImage(t, img.url)).status).toBe(404);
    expect((await fetchImage(t, img.url, { token: ctx.member.token })).status).toBe(404);
    expect((await fetchImage(t, img.url, { token: fac.token })).headers.get('Cache-Control')).toMatch(/^private/);
  });

  it('says nothing about who posted an anonymous answer', async () => {
    const author = await t.userToken('zebulon.quill@example.org', 'Zebulon Quill');
    await joinCommunity(t, author.token, ctx.community.slug);
    const img = await answerWithImage(author.token, { visibility: 'public', anonymous: true });
    for (const token of [undefined, ctx.member.token]) {
      const res = await fetchImage(t, img.url, { token });
      expect(res.status).toBe(200);
      // Only these headers (the route's and the constant security headers), and none of their values names the author.
      expect([...res.headers.keys()].sort()).toEqual([
        'cache-control', 'content-security-policy', 'content-type', 'cross-origin-opener-policy', 'cross-origin-resource-policy',
        'etag', 'referrer-policy', 'x-content-type-options',
      ]);
      const values = [...res.headers.values()].join('\n').toLowerCase();
      for (const secret of ['zebulon', 'quill']) expect(values).not.toContain(secret);
      expect(res.headers.get('ETag')).toBe(`"s.${img.id}"`); // the image's own random id, nothing of the author's
    }
    const gallery = await t.call('GET', `/api/prompts/${ctx.prompt.id}/gallery`, { token: ctx.member.token });
    expect(gallery.json.items[0]).toMatchObject({ author: null, image: { url: img.url } });
  });
});

describe('deleting and sweeping', () => {
  it('deleting an answer deletes its image row and file', async () => {
    const img = await upload(ctx.member.token);
    const res = await answer(ctx.member.token, { imageId: img.id, visibility: 'public' });
    expect(fileExists(img.id)).toBe(true);
    expect((await t.call('DELETE', `/api/submissions/${res.json.id}`, { token: ctx.member.token })).status).toBe(200);
    expect(await imageRow(img.id)).toBeUndefined();
    expect(fileExists(img.id)).toBe(false);
    expect(existsSync(join(t.imagesDir, `${img.id}.type`))).toBe(false);
    expect((await fetchImage(t, img.url)).status).toBe(404);
  });

  it('sweeps unattached uploads once they are a day old, with their files, and keeps attached ones', async () => {
    const attached = await upload(ctx.member.token);
    expect((await answer(ctx.member.token, { imageId: attached.id })).status).toBe(201);
    const abandoned = await upload(ctx.member.token);
    t.clock.advance(2 * HOUR);
    const recent = await upload(ctx.member.token);

    t.clock.advance(22 * HOUR); // abandoned is exactly 24 h old: not yet
    expect(await tick(t.db, t.clock.now(), t.images)).toMatchObject({ swept: 0 });
    t.clock.advance(1);
    expect(await tick(t.db, t.clock.now(), t.images)).toMatchObject({ swept: 1 });
    expect(await imageRow(abandoned.id)).toBeUndefined();
    expect(fileExists(abandoned.id)).toBe(false);
    expect((await answer(ctx.member.token, { imageId: abandoned.id, level: 'hard' })).json.error.code).toBe('image_unavailable');

    t.clock.advance(30 * 24 * HOUR);
    expect(await tick(t.db, t.clock.now(), t.images)).toMatchObject({ swept: 1 }); // recent, in its turn
    expect(fileExists(recent.id)).toBe(false);
    expect(await imageRow(attached.id)).toBeDefined();
    expect(fileExists(attached.id)).toBe(true);
    // Without a store the scheduler leaves images alone (and says nothing about them).
    expect(await tick(t.db, t.clock.now())).toEqual({ opened: expect.any(Number), finished: expect.any(Number) });
  });
});
