/**
 * Uploaded images lose their metadata (EXIF with GPS, XMP, IPTC, text chunks, comments, trailing bytes) before
 * they are stored, so neither the stored file nor what any viewer downloads says where a photo was taken.
 * Images stored before stripping existed are stripped on the way out, and cleaned by the scheduler.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { images } from '../../db/schema';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';
import { fetchImage, uploadRaw } from '../helpers/images';
import {
  jpegWithMetadata,
  PLANTED,
  PLANTED_ORIENTATION,
  plantedIn,
  pngWithMetadata,
  readMetadata,
  webpWithMetadata,
} from '../helpers/image-metadata';

let t: TestApp;
let ctx: Awaited<ReturnType<typeof communityWithOpenPrompt>>;
beforeEach(async () => {
  t = await makeTestApp();
  ctx = await communityWithOpenPrompt(t);
});
afterEach(() => t.close());

const formats = [
  ['JPEG', jpegWithMetadata(64, 48), 'image/jpeg'],
  ['PNG', pngWithMetadata(64, 48), 'image/png'],
  ['WebP', webpWithMetadata(64, 48), 'image/webp'],
] as const;

/** Uploads the image and attaches it to an anonymous public answer: what a signed-out visitor can download. */
async function anonymousPublicImage(bytes: Uint8Array) {
  const up = await uploadRaw(t, bytes, { token: ctx.member.token });
  expect(up.status, JSON.stringify(up.json)).toBe(201);
  const answer = await t.call('POST', `/api/prompts/${ctx.prompt.id}/submissions`, {
    token: ctx.member.token,
    body: { level: 'easy', body: 'A sketch from home', visibility: 'public', anonymous: true, imageId: up.json.id },
  });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return up.json as { id: string; url: string; width: number; height: number };
}

/** Nothing an EXIF reader or a byte search finds, but the Orientation that keeps a photo upright. */
async function expectClean(bytes: Uint8Array) {
  expect(await readMetadata(bytes)).toEqual({
    gps: null,
    exifTags: ['Orientation'],
    orientation: PLANTED_ORIENTATION,
    xmp: null,
    iptc: null,
    pngText: null,
  });
  expect(plantedIn(bytes)).toEqual([]);
}

describe('image metadata', () => {
  it.each(formats)('is stripped from a %s at upload: stored and served bytes keep only the orientation', async (_name, bytes) => {
    // The test images do carry what must go, as an EXIF reader sees it.
    const before = await readMetadata(bytes);
    expect(before.gps).toMatchObject({ Latitude: expect.closeTo(48.857, 3), Longitude: expect.closeTo(2.352, 3) });
    expect(before.exifTags).toEqual(expect.arrayContaining(['GPSLatitude', 'Make', 'Orientation']));
    expect(before.xmp).toContain('City');
    expect(plantedIn(bytes)).toEqual(PLANTED);

    const img = await anonymousPublicImage(bytes);
    expect([img.width, img.height]).toEqual([64, 48]);
    const stored = new Uint8Array(readFileSync(join(t.imagesDir, img.id)));
    await expectClean(stored);
    const [row] = await t.db.select().from(images).where(eq(images.id, img.id));
    expect(row).toMatchObject({ byteSize: stored.length, metadataStripped: true });

    const served = await fetchImage(t, img.url); // a signed-out visitor
    expect(served.status).toBe(200);
    expect(served.bytes).toEqual(stored);
  });

  it.each(formats)('is stripped on the way out from a %s stored before stripping, and the scheduler cleans it', async (_name, bytes, type) => {
    const img = await anonymousPublicImage(bytes);
    // As an image stored by an earlier version: the original bytes, a row not yet marked.
    await t.images.put(img.id, bytes, type);
    await t.db.update(images).set({ metadataStripped: false, byteSize: bytes.length }).where(eq(images.id, img.id));

    const served = await fetchImage(t, img.url);
    expect(served.status).toBe(200);
    await expectClean(served.bytes);

    expect(await tick(t.db, t.clock.now(), t.images)).toMatchObject({ cleaned: 1 });
    const stored = new Uint8Array(readFileSync(join(t.imagesDir, img.id)));
    expect(stored).toEqual(served.bytes);
    const [row] = await t.db.select().from(images).where(eq(images.id, img.id));
    expect(row).toMatchObject({ byteSize: stored.length, metadataStripped: true });
    // Once is enough: the next tick finds nothing left to clean.
    expect((await tick(t.db, t.clock.now(), t.images)).cleaned).toBeUndefined();
    expect((await fetchImage(t, img.url)).bytes).toEqual(stored);
  });

  it('refuses an image whose structure hides where the picture ends (400), storing nothing', async () => {
    const broken = jpegWithMetadata(64, 48);
    const sof = broken.findIndex((b, i) => b === 0xff && broken[i + 1] === 0xda); // the scan header
    broken[sof + 2] = 0xff; // a segment length running past the end of the file
    const res = await uploadRaw(t, broken, { token: ctx.member.token });
    expect([res.status, res.json.error.code]).toEqual([400, 'image_invalid']);
    expect(await t.db.select().from(images)).toEqual([]);
  });
});
