/**
 * Recognises PNG, JPEG and WebP by their bytes and reads their dimensions from the headers alone.
 * The declared content type and the file name are never trusted: what the bytes are decides what is
 * stored and how it is served. Nothing is decoded, so a hostile file costs a few comparisons.
 */

export type ImageContentType = 'image/png' | 'image/jpeg' | 'image/webp';

export type Sniffed =
  | { ok: true; contentType: ImageContentType; width: number; height: number }
  /** unsupported: not one of the three formats; invalid: one of them, with a header cut short or broken. */
  | { ok: false; reason: 'unsupported' | 'invalid' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
export const ascii = (b: Uint8Array, at: number, text: string) => startsWith(b, [...text].map((ch) => ch.charCodeAt(0)), at);
export const be16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
export const be32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
export const le24 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
export const le32 = (b: Uint8Array, at: number) => (le24(b, at) | (b[at + 3]! << 24)) >>> 0;

export type Size = { width: number; height: number } | null;

/** The first chunk of a PNG must be IHDR, whose data starts with width and height (big-endian). */
export function pngSize(b: Uint8Array): Size {
  if (b.length < 24 || be32(b, 8) !== 13 || !ascii(b, 12, 'IHDR')) return null;
  return { width: be32(b, 16), height: be32(b, 20) };
}

/** SOFn markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames. */
export const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Walks the JPEG marker segments up to the first start-of-frame; null when none comes before the data. */
export function jpegSize(b: Uint8Array): Size {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame header
    const length = be16(b, at + 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (length < 7 || at + 9 > b.length) return null;
      return { height: be16(b, at + 5), width: be16(b, at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** A VP8L (lossless) bitstream's size: a signature byte, then 14-bit width and height minus one. */
export function vp8lSize(b: Uint8Array, at: number): Size {
  if (b.length < at + 5 || b[at] !== 0x2f) return null;
  const bits = le32(b, at + 1);
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

/** A VP8 (lossy) key frame: 3-byte frame tag (bit 0 clear), start code 9d 01 2a, then 14-bit width and height. */
export function vp8Size(b: Uint8Array, at: number): Size {
  if (b.length < at + 10 || (b[at]! & 1) !== 0 || !startsWith(b, [0x9d, 0x01, 0x2a], at + 3)) return null;
  return { width: (b[at + 6]! | (b[at + 7]! << 8)) & 0x3fff, height: (b[at + 8]! | (b[at + 9]! << 8)) & 0x3fff };
}

/** RIFF/WEBP with a VP8X (extended), VP8L (lossless) or VP8 (lossy) first chunk, each with its own layout. */
export function webpSize(b: Uint8Array): Size {
  const data = 20;
  if (ascii(b, 12, 'VP8X')) {
    if (b.length < data + 10) return null;
    return { width: le24(b, data + 4) + 1, height: le24(b, data + 7) + 1 };
  }
  if (ascii(b, 12, 'VP8L')) return vp8lSize(b, data);
  if (ascii(b, 12, 'VP8 ')) return vp8Size(b, data);
  return null;
}

/** What the bytes are, by their magic numbers, and how big the picture is. */
export function sniffImage(b: Uint8Array): Sniffed {
  let contentType: ImageContentType;
  let size: Size;
  if (startsWith(b, PNG_SIGNATURE)) [contentType, size] = ['image/png', pngSize(b)];
  else if (startsWith(b, [0xff, 0xd8, 0xff])) [contentType, size] = ['image/jpeg', jpegSize(b)];
  else if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) [contentType, size] = ['image/webp', webpSize(b)];
  else return { ok: false, reason: 'unsupported' };
  if (!size || size.width < 1 || size.height < 1) return { ok: false, reason: 'invalid' };
  return { ok: true, contentType, ...size };
}
