/**
 * Pixel floods hide past the first header: a small PNG canvas with a huge APNG frame, a JPEG with a second
 * frame header, a small WebP canvas whose bitstream or animation frame declares 16383×16383. A decoder
 * allocates by those sizes, so every size a file declares must fit the one we checked. Only structure is
 * read (chunk and segment lengths, a few header fields): nothing is decoded, and a walk costs one pass over
 * the lengths, not the pixels.
 */
import { ascii, be32, isStartOfFrame, le24, le32, vp8lSize, vp8Size, type ImageContentType, type Size } from './format';
import { endOfScan } from './jpeg';

type Canvas = { width: number; height: number };

const fits = (inner: Size, outer: Canvas) => inner !== null && inner.width <= outer.width && inner.height <= outer.height;

/** APNG frame controls (fcTL): width, height, x and y offsets, all inside the IHDR canvas. */
function pngFramesFit(b: Uint8Array, canvas: Canvas): boolean {
  for (let at = 8; at < b.length; ) {
    if (at + 8 > b.length) return false;
    const length = be32(b, at);
    const data = at + 8;
    if (data + length + 4 > b.length) return false;
    if (ascii(b, at + 4, 'IEND')) return true;
    if (ascii(b, at + 4, 'fcTL')) {
      if (length < 20) return false;
      const [w, h, x, y] = [be32(b, data + 4), be32(b, data + 8), be32(b, data + 12), be32(b, data + 16)];
      if (x + w > canvas.width || y + h > canvas.height) return false;
    }
    at = data + length + 4;
  }
  return true;
}

/** One frame header per JPEG: a second (hierarchical files, or a crafted one) may declare any size. */
function jpegHasOneFrame(b: Uint8Array): boolean {
  let frames = 0;
  for (let at = 2; at + 1 < b.length; ) {
    if (b[at] !== 0xff) return false;
    const marker = b[at + 1]!;
    if (marker === 0xd9) break;
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    if (at + 4 > b.length) return false;
    if (isStartOfFrame(marker) && ++frames > 1) return false;
    at += 2 + ((b[at + 2]! << 8) | b[at + 3]!);
    if (marker === 0xda) at = endOfScan(b, at);
  }
  return true;
}

/** Chunks from `at` to `end`: every VP8/VP8L bitstream, and every ANMF frame with its own, inside `canvas`. */
function webpChunksFit(b: Uint8Array, at: number, end: number, canvas: Canvas): boolean {
  while (at + 8 <= end) {
    const size = le32(b, at + 4);
    const data = at + 8;
    if (data + size > end) return false;
    if (ascii(b, at, 'VP8 ') && !fits(vp8Size(b, data), canvas)) return false;
    if (ascii(b, at, 'VP8L') && !fits(vp8lSize(b, data), canvas)) return false;
    if (ascii(b, at, 'ANMF')) {
      if (size < 16) return false;
      const frame = { width: le24(b, data + 6) + 1, height: le24(b, data + 9) + 1 };
      const [x, y] = [le24(b, data) * 2, le24(b, data + 3) * 2];
      if (x + frame.width > canvas.width || y + frame.height > canvas.height) return false;
      if (!webpChunksFit(b, data + 16, data + size, frame)) return false;
    }
    at = data + size + (size & 1);
  }
  return true;
}

/**
 * True when every frame, bitstream and animation frame the file declares fits the size its first header
 * gave (which the caller has already bounded). False also when the structure those sizes sit in is broken.
 */
export function declaredFramesFit(b: Uint8Array, contentType: ImageContentType, canvas: Canvas): boolean {
  if (contentType === 'image/png') return pngFramesFit(b, canvas);
  if (contentType === 'image/jpeg') return jpegHasOneFrame(b);
  // A simple WebP is its one bitstream, already read; an extended one holds the chunks to check.
  if (!ascii(b, 12, 'VP8X')) return true;
  return webpChunksFit(b, 12, Math.min(b.length, 8 + le32(b, 4)), canvas);
}
