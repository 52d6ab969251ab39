/** POST /api/images: what is accepted (by content), what is refused, and what lands in the table and the folder. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { images } from '../../db/schema';
import { MAX_IMAGE_BYTES } from '../../src/domain/images/images';
import { folderImageStore } from '../../src/node/storage-fs';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity } from '../helpers/fixtures';
import { fetchImage, gif, html, jpeg, png, svg, uploadForm, uploadRaw, webp } from '../helpers/images';

let t: TestApp;
let member: { token: string; userId: number };
beforeEach(async () => {
  t = await makeTestApp();
  ({ member } = await communityWithOpenPrompt(t));
});
afterEach(() => t.close());

/** Files in the store, sidecars aside. */
const storedFiles = () => (existsSync(t.imagesDir) ? readdirSync(t.imagesDir).filter((f) => !f.endsWith('.type')) : []);

/** A real image of `size` bytes: a valid header, then filler the sniffing never reads. */
function padded(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(png(100, 100));
  return bytes;
}

describe('uploading an image', () => {
  it.each([
    ['PNG', png(640, 480), 'image/png', 640, 480],
    ['JPEG', jpeg(800, 600), 'image/jpeg', 800, 600],
    ['lossy WebP', webp(300, 200), 'image/webp', 300, 200],
    ['lossless WebP', webp(1, 4096, 'VP8L'), 'image/webp', 1, 4096],
    ['extended WebP', webp(4096, 4096, 'VP8X'), 'image/webp', 4096, 4096],
  ])('accepts a %s with its dimensions, a row and a file', async (_name, bytes, contentType, width, height) => {
    const res = await uploadRaw(t, bytes, { token: member.token, type: contentType });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const { id } = res.json;
    expect(res.json).toEqual({ id, url: `/api/images/${id}`, width, height, contentType });
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 random bits

    const [row] = await t.db.select().from(images).where(eq(images.id, id));
    expect(row).toEqual({ id, ownerId: member.userId, communityId: null, contentType, byteSize: bytes.length, width, height, createdAt: t.clock.now().getTime(), metadataStripped: true });
    expect(new Uint8Array(readFileSync(join(t.imagesDir, id)))).toEqual(bytes);
    expect(storedFiles()).toEqual([id]);
  });

  it('believes the bytes, not the name or the declared type', async () => {
    const form = await uploadForm(t, png(20, 10), { token: member.token, name: 'holiday.jpg', type: 'image/jpeg' });
    expect(form.status).toBe(201);
    expect(form.json).toMatchObject({ contentType: 'image/png', width: 20, height: 10 });
    const raw = await uploadRaw(t, jpeg(7, 9), { token: member.token, type: 'image/webp' });
    expect(raw.json).toMatchObject({ contentType: 'image/jpeg', width: 7, height: 9 });

    const rows = await t.db.select({ contentType: images.contentType }).from(images);
    expect(rows.map((r) => r.contentType).sort()).toEqual(['image/jpeg', 'image/png']);
    const stored = await t.images.get(form.json.id);
    expect(stored?.contentType).toBe('image/png');
  });

  it.each([
    ['a GIF', gif(), 'image/png', 415, 'unsupported_image'],
    ['an SVG declared as PNG', svg(), 'image/png', 415, 'unsupported_image'],
    ['an HTML page declared as PNG', html(), 'image/png', 415, 'unsupported_image'],
    ['an empty body', new Uint8Array(), 'image/png', 415, 'unsupported_image'],
    ['a PNG cut inside its header', png(10, 10).slice(0, 20), 'image/png', 400, 'image_invalid'],
    ['a JPEG cut before its frame header', jpeg(10, 10).slice(0, 30), 'image/jpeg', 400, 'image_invalid'],
    ['a WebP cut inside its header', webp(10, 10).slice(0, 24), 'image/webp', 400, 'image_invalid'],
  ])('refuses %s with a coded error, storing nothing', async (_name, bytes, type, status, code) => {
    const res = await uploadRaw(t, bytes, { token: member.token, type });
    expect([res.status, res.json.error.code]).toEqual([status, code]);
    expect(res.json.error.issues).toEqual([{ path: 'body', message: expect.any(String) }]);
    expect(await t.db.select().from(images)).toEqual([]);
    expect(storedFiles()).toEqual([]);
  });

  it('refuses other declared types, and forms without a file field', async () => {
    const text = await uploadRaw(t, png(1, 1), { token: member.token, type: 'text/plain' });
    expect([text.status, text.json.error.code, text.json.error.issues[0].path]).toEqual([415, 'unsupported_image', 'Content-Type']);
    const form = await uploadForm(t, png(1, 1), { token: member.token, field: 'image' });
    expect([form.status, form.json.error.code, form.json.error.issues[0].path]).toEqual([400, 'invalid_input', 'file']);
    const gifForm = await uploadForm(t, gif(), { token: member.token, name: 'a.png' });
    expect([gifForm.status, gifForm.json.error.issues[0].path]).toEqual([415, 'file']);
    expect(await t.db.select().from(images)).toEqual([]);
  });

  it('takes exactly 1 MiB and refuses a byte more (413), raw or in a form, and far more at the door', async () => {
    expect((await uploadRaw(t, padded(MAX_IMAGE_BYTES), { token: member.token })).status).toBe(201);
    const over = await uploadRaw(t, padded(MAX_IMAGE_BYTES + 1), { token: member.token });
    expect([over.status, over.json.error.code]).toEqual([413, 'payload_too_large']);
    const overForm = await uploadForm(t, padded(MAX_IMAGE_BYTES + 1), { token: member.token });
    expect([overForm.status, overForm.json.error.code]).toEqual([413, 'payload_too_large']);
    const huge = await uploadRaw(t, padded(3 * MAX_IMAGE_BYTES), { token: member.token });
    expect([huge.status, huge.json.error.code]).toEqual([413, 'payload_too_large']);
    expect(await t.db.select().from(images)).toHaveLength(1);
    expect(storedFiles()).toHaveLength(1);
  });

  it('refuses more than 4096 pixels on a side, naming the side', async () => {
    const wide = await uploadRaw(t, png(5000, 10), { token: member.token });
    expect([wide.status, wide.json.error.code]).toEqual([422, 'image_too_large']);
    expect(wide.json.error.issues).toEqual([{ path: 'width', message: expect.stringContaining('4096') }]);
    const tall = await uploadRaw(t, webp(10, 4097, 'VP8X'), { token: member.token });
    expect(tall.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['height']);
    expect(await t.db.select().from(images)).toEqual([]);
  });

  it('is for signed-in members of some community, or anyone who may join a public one by answering', async () => {
    expect((await uploadRaw(t, png(1, 1))).status).toBe(401);
    const loner = await t.userToken('lone@example.org');
    expect((await uploadRaw(t, png(1, 1), { token: loner.token })).status).toBe(201); // a public community exists

    // Where every community is private, someone who belongs to none has nothing to answer: refused.
    const closed = await makeTestApp();
    try {
      const fran = await closed.userToken('fran@example.org', 'Fran');
      await createCommunity(closed, fran.token, { visibility: 'private' });
      const outsider = await closed.userToken('out@example.org');
      const res = await uploadRaw(closed, png(1, 1), { token: outsider.token });
      expect([res.status, res.json.error.code]).toEqual([403, 'forbidden']);
      expect((await uploadRaw(closed, png(1, 1), { token: fran.token })).status).toBe(201);
    } finally {
      closed.close();
    }
  });

  it('bounds the uploads a member leaves unattached', async () => {
    for (let i = 0; i < 20; i++) expect((await uploadRaw(t, png(1, 1), { token: member.token })).status).toBe(201);
    const res = await uploadRaw(t, png(1, 1), { token: member.token });
    expect([res.status, res.json.error.code]).toEqual([429, 'too_many_uploads']);
  });

  it('replays a retried upload with the same Idempotency-Key, bytes intact', async () => {
    const headers = { 'Idempotency-Key': 'upload-1' };
    const first = await uploadRaw(t, jpeg(33, 44), { token: member.token, headers });
    const retry = await uploadRaw(t, jpeg(33, 44), { token: member.token, headers });
    expect(first.json).toMatchObject({ contentType: 'image/jpeg', width: 33, height: 44 });
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await t.db.select().from(images)).toHaveLength(1);
  });
});

describe('an unattached image', () => {
  it('is its uploader’s alone', async () => {
    const up = await uploadRaw(t, png(3, 3), { token: member.token });
    const mine = await fetchImage(t, up.json.url, { token: member.token });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('Cache-Control')).toMatch(/^private/);
    const other = await t.userToken('oz@example.org');
    expect((await fetchImage(t, up.json.url, { token: other.token })).status).toBe(404);
    expect((await fetchImage(t, up.json.url)).status).toBe(404);
    expect((await fetchImage(t, '/api/images/..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
  });
});

describe('the folder store', () => {
  it('refuses keys that could name a path', async () => {
    const store = folderImageStore(join(t.imagesDir, 'strict'));
    for (const key of ['../escape-attempt', 'a/b/c/d/e/f/g/h', 'dots.are.out', '', 'x'.repeat(200)]) {
      await expect(store.put(key, png(1, 1), 'image/png')).rejects.toThrow('Invalid image store key');
      await expect(store.get(key)).rejects.toThrow('Invalid image store key');
      await expect(store.delete(key)).rejects.toThrow('Invalid image store key');
    }
    await store.put('good_key-123', png(1, 1), 'image/png');
    expect(await store.get('good_key-123')).toEqual({ body: png(1, 1), contentType: 'image/png' });
    // No temp files left behind by the atomic write.
    expect(readdirSync(join(t.imagesDir, 'strict')).sort()).toEqual(['good_key-123', 'good_key-123.type']);
    await store.delete('good_key-123');
    expect(await store.get('good_key-123')).toBeNull();
  });
});
