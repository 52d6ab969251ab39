/**
 * Pixel floods: files of a few bytes that declare pictures of billions of pixels, in every place a format
 * declares a size. None of these files holds a single decodable pixel, so being refused as too large (not as
 * damaged) shows the decision came from the headers alone, before anything could be decoded. Served images
 * carry nosniff and a sandboxing CSP.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { images } from '../../db/schema';
import { declaredFramesFit } from '../../src/domain/images/declared-frames';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';
import { fetchImage, jpeg, png, uploadRaw, webp } from '../helpers/images';

const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le24 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];
const le32 = (n: number) => [...le24(n), (n >>> 24) & 0xff];

const pngChunk = (type: string, data: number[]) => [...be32(data.length), ...ascii(type), ...data, 0, 0, 0, 0];
/** An APNG: a small canvas, then a frame control declaring its own size. */
function apng(canvas: number, frame: number): Uint8Array {
  return new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...pngChunk('IHDR', [...be32(canvas), ...be32(canvas), 8, 6, 0, 0, 0]),
    ...pngChunk('acTL', [...be32(1), ...be32(0)]),
    ...pngChunk('fcTL', [...be32(0), ...be32(frame), ...be32(frame), ...be32(0), ...be32(0), 0, 1, 0, 1, 0, 0]),
    ...pngChunk('IDAT', []),
    ...pngChunk('IEND', []),
  ]);
}

const segment = (marker: number, data: number[]) => [0xff, marker, ...be16(data.length + 2), ...data];
const sof = (w: number, h: number) => segment(0xc0, [8, ...be16(h), ...be16(w), 1, 1, 0x11, 0]);
/** A JPEG whose frame header comes after `before` (APPn segments, a first frame…). */
const jpegWith = (...parts: number[][]) => new Uint8Array([0xff, 0xd8, ...parts.flat(), 0xff, 0xd9]);
const bigApp1 = segment(0xe1, new Array<number>(60_000).fill(0x20));

const riffChunk = (fourcc: string, data: number[]) => [...ascii(fourcc), ...le32(data.length), ...data, ...(data.length % 2 ? [0] : [])];
const riff = (...chunks: number[][]) => new Uint8Array([...ascii('RIFF'), ...le32(4 + chunks.flat().length), ...ascii('WEBP'), ...chunks.flat()]);
const vp8x = (w: number, h: number, flags = 0) => riffChunk('VP8X', [flags, 0, 0, 0, ...le24(w - 1), ...le24(h - 1)]);
const vp8 = (w: number, h: number) => riffChunk('VP8 ', [0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...be16(w).reverse(), ...be16(h).reverse(), 0, 0]);
const anmf = (w: number, h: number, inner: number[]) => riffChunk('ANMF', [...le24(0), ...le24(0), ...le24(w - 1), ...le24(h - 1), ...le24(100), 0, ...inner]);

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await makeTestApp();
  token = (await communityWithOpenPrompt(t)).member.token;
});
afterEach(() => t.close());

/** A 1 KiB file: the header, then zeros no decoder could make a picture of. */
function kib(header: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(1024);
  bytes.set(header);
  return bytes;
}

describe('pixel floods are refused from their headers', () => {
  it.each([
    ['a 1 KiB PNG claiming 100000×100000', kib(png(100_000, 100_000)), ['width', 'height']],
    ['a JPEG claiming 65535×65535 after a 60 kB APP1', jpegWith(bigApp1, sof(65_535, 65_535)), ['width', 'height']],
    ['a lossy WebP claiming 16383×16383', webp(16_383, 16_383), ['width', 'height']],
    ['a lossless WebP claiming 16384×10', webp(16_384, 10, 'VP8L'), ['width']],
    ['an extended WebP canvas of 16777216×16777216', riff(vp8x(16_777_216, 16_777_216)), ['width', 'height']],
  ])('%s: 422 image_too_large naming the sides', async (_name, bytes, sides) => {
    const res = await uploadRaw(t, bytes, { token });
    expect([res.status, res.json.error.code]).toEqual([422, 'image_too_large']);
    expect(res.json.error.message).toMatch(/limited to 4096×4096 pixels; this one declares \d+×\d+/);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual(sides);
    expect(await t.db.select().from(images)).toEqual([]);
  });

  it.each([
    ['an APNG whose frame is 100000×100000 on a 64×64 canvas', apng(64, 100_000)],
    ['a JPEG with a second frame header of 65535×65535', jpegWith(sof(64, 64), bigApp1, sof(65_535, 65_535))],
    ['an extended WebP of 64×64 holding a 16383×16383 bitstream', riff(vp8x(64, 64), vp8(16_383, 16_383))],
    ['an animated WebP of 64×64 with a 16384×16384 frame', riff(vp8x(64, 64, 0x02), anmf(16_384, 16_384, vp8(64, 64)))],
    ['an animated WebP whose 64×64 frame holds a 4000×4000 bitstream', riff(vp8x(64, 64, 0x02), anmf(64, 64, vp8(4000, 4000)))],
  ])('%s: 422, the frame named', async (_name, bytes) => {
    const res = await uploadRaw(t, bytes, { token });
    expect([res.status, res.json.error.code]).toEqual([422, 'image_too_large']);
    expect(res.json.error.message).toContain('declares a frame larger than its canvas');
    expect(await t.db.select().from(images)).toEqual([]);
  });

  it('still takes what fits: a JPEG frame after a large APP1, an APNG frame inside its canvas, a WebP bitstream matching its canvas', async () => {
    for (const bytes of [jpegWith(bigApp1, sof(64, 48)), apng(64, 64), riff(vp8x(64, 64), vp8(64, 64))]) {
      const res = await uploadRaw(t, bytes, { token });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
  });

  it('walks only structure: the checks are pure functions of the header bytes', () => {
    expect(declaredFramesFit(apng(64, 64), 'image/png', { width: 64, height: 64 })).toBe(true);
    expect(declaredFramesFit(apng(64, 65), 'image/png', { width: 64, height: 64 })).toBe(false);
    // A chunk length pointing past the end of the file is a broken structure, not a reason to read on.
    const cut = apng(64, 64).slice(0, 60);
    expect(declaredFramesFit(cut, 'image/png', { width: 64, height: 64 })).toBe(false);
    expect(declaredFramesFit(jpeg(64, 64), 'image/jpeg', { width: 64, height: 64 })).toBe(true);
  });
});

describe('serving an image', () => {
  it('says nosniff and a sandboxing CSP, on the bytes and on a 304', async () => {
    const { json } = await uploadRaw(t, png(8, 8), { token });
    const res = await fetchImage(t, json.url, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox");
    const again = await fetchImage(t, json.url, { token, headers: { 'If-None-Match': res.headers.get('ETag')! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(again.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox");
  });
});
