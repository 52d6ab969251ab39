/** The byte surgery itself: the picture's own bytes survive untouched, and stripping twice changes nothing. */
import { describe, expect, it } from 'vitest';
import { sniffImage } from '../../src/domain/images/format';
import { stripMetadata } from '../../src/domain/images/strip-metadata';
import { jpegWithMetadata, pngWithMetadata, webpWithMetadata } from '../helpers/image-metadata';

const contains = (haystack: Uint8Array, needle: Uint8Array) => Buffer.from(haystack).includes(Buffer.from(needle));
const slice = (b: Uint8Array, from: number[], length: number) => {
  const at = Buffer.from(b).indexOf(Buffer.from(from));
  expect(at).toBeGreaterThanOrEqual(0);
  return b.slice(at, at + length);
};

describe('stripMetadata', () => {
  it('keeps a JPEG’s tables, frame and scan byte for byte, and ends it at its end-of-image marker', () => {
    const original = jpegWithMetadata(64, 48);
    const out = stripMetadata(original, 'image/jpeg')!;
    const frameToEnd = slice(original, [0xff, 0xdb], 2 + 67 + 2 + 17 + 2 + 12 + 8 + 2); // DQT, SOF0, SOS, scan, EOI
    expect(contains(out, frameToEnd)).toBe(true);
    expect(Array.from(out.slice(-2))).toEqual([0xff, 0xd9]);
    expect(sniffImage(out)).toEqual({ ok: true, contentType: 'image/jpeg', width: 64, height: 48 });
  });

  it('keeps a PNG’s header and image data chunks byte for byte', () => {
    const original = pngWithMetadata(64, 48);
    const out = stripMetadata(original, 'image/png')!;
    expect(contains(out, slice(original, [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52], 25))).toBe(true); // IHDR
    expect(contains(out, slice(original, [0, 0, 0, 8, 0x49, 0x44, 0x41, 0x54], 20))).toBe(true); // IDAT
    expect(sniffImage(out)).toEqual({ ok: true, contentType: 'image/png', width: 64, height: 48 });
  });

  it('keeps a WebP’s bitstream, and its header says what is left: EXIF (the orientation), no XMP', () => {
    const original = webpWithMetadata(64, 48);
    const out = stripMetadata(original, 'image/webp')!;
    expect(contains(out, slice(original, [0x56, 0x50, 0x38, 0x20], 20))).toBe(true); // "VP8 " chunk
    expect(out[20]).toBe(0x08); // VP8X flags
    const riffSize = out[4]! | (out[5]! << 8) | (out[6]! << 16) | (out[7]! << 24);
    expect(riffSize).toBe(out.length - 8);
    expect(sniffImage(out)).toEqual({ ok: true, contentType: 'image/webp', width: 64, height: 48 });
  });

  it.each([
    ['image/jpeg', jpegWithMetadata(9, 9)],
    ['image/png', pngWithMetadata(9, 9)],
    ['image/webp', webpWithMetadata(9, 9)],
  ] as const)('changes nothing the second time (%s)', (type, original) => {
    const once = stripMetadata(original, type)!;
    expect(once.length).toBeLessThan(original.length);
    expect(stripMetadata(once, type)).toEqual(once);
  });
});
