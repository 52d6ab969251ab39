/**
 * Metadata stripping on images a real encoder made: Chromium draws a picture and encodes it as JPEG, PNG and
 * WebP, the test adds EXIF (GPS, Orientation), XMP and a comment, uploads each, and Chromium decodes what
 * Kindling serves back: the picture is intact, the metadata gone, and a JPEG photo still turns upright.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMetadata, plantedIn, PLANTED_ORIENTATION, readMetadata } from '../helpers/image-metadata';
import { browserAvailable, launchBrowser, startKindling, type RunningKindling } from './support';

const SIZE = { width: 40, height: 30 };

describe.runIf(browserAvailable())('image metadata, with a real encoder and decoder', { timeout: 90_000 }, () => {
  let k: RunningKindling;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const fran = await k.tokenFor('fran@example.org', 'Fran');
    expect((await k.api('POST', '/api/communities', fran, { slug: 'photos', name: 'Photos', timeZone: 'UTC', visibility: 'public' })).status).toBe(201);
    token = await k.tokenFor('mo@example.org', 'Mo');
    expect((await k.api('POST', '/api/communities/photos/join', token, {})).status).toBe(200);
    page = await browser.newPage();
    // A page, whose CSP lets it fetch from its own origin and show blob: images (/healthz is sandboxed: no fetch).
    await page.goto(`${k.base}/`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it.each(['image/jpeg', 'image/png', 'image/webp'] as const)('%s: decodes intact, without metadata', async (type) => {
    // A red picture, encoded by the browser.
    const encoded = await page.evaluate(
      async ({ type, width, height }) => {
        const canvas = document.createElement('canvas');
        Object.assign(canvas, { width, height });
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#d01010';
        g.fillRect(0, 0, width, height);
        const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), type, 0.9));
        return [...new Uint8Array(await blob.arrayBuffer())];
      },
      { type, ...SIZE },
    );
    const original = addMetadata(new Uint8Array(encoded), type, SIZE);
    expect((await readMetadata(original)).gps).not.toBeNull();

    const up = await fetch(`${k.base}/api/images`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body: original });
    expect(up.status, await up.clone().text()).toBe(201);
    const { url } = (await up.json()) as { url: string };

    // The uploader fetches it (not attached yet, it is theirs alone), and the browser decodes it.
    const seen = await page.evaluate(
      async ({ url, token }) => {
        const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
        const bytes = new Uint8Array(await res.arrayBuffer());
        const img = new Image();
        img.src = URL.createObjectURL(new Blob([bytes]));
        await img.decode();
        const canvas = document.createElement('canvas');
        Object.assign(canvas, { width: img.naturalWidth, height: img.naturalHeight });
        const g = canvas.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const [r, gr, b] = g.getImageData(Math.floor(img.naturalWidth / 2), Math.floor(img.naturalHeight / 2), 1, 1).data;
        return { status: res.status, bytes: [...bytes], width: img.naturalWidth, height: img.naturalHeight, rgb: [r, gr, b] };
      },
      { url, token },
    );
    expect(seen.status).toBe(200);
    const served = new Uint8Array(seen.bytes);
    expect(await readMetadata(served)).toMatchObject({ gps: null, exifTags: ['Orientation'], orientation: PLANTED_ORIENTATION, xmp: null });
    expect(plantedIn(served)).toEqual([]);
    // The picture itself: red in the middle.
    expect(seen.rgb[0]).toBeGreaterThan(150);
    expect(seen.rgb[1]).toBeLessThan(80);
    // The kept Orientation (6: a quarter turn) still turns a JPEG photo upright in the browser.
    if (type === 'image/jpeg') expect([seen.width, seen.height]).toEqual([SIZE.height, SIZE.width]);
    else expect([[SIZE.width, SIZE.height], [SIZE.height, SIZE.width]]).toContainEqual([seen.width, seen.height]);
  });
});
