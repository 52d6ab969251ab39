/**
 * PNG without metadata: chunks are copied only from an allow-list of those that draw or colour the picture
 * (critical chunks, transparency, colour space, pixel density, animation). Gone: tEXt, zTXt and iTXt (where
 * XMP and comments live), eXIf, tIME, and every chunk nobody listed. The Orientation tag is written afresh in
 * an eXIf chunk of its own.
 */
import { ascii, be32, be32Bytes, concat, readText } from './bytes';
import { orientationTiff, readOrientation } from './orientation';

const SIGNATURE_LENGTH = 8;
const KEEP = new Set([
  'IHDR', 'PLTE', 'IDAT', 'IEND', // critical
  'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'cICP', 'mDCV', 'cLLI', 'mDCv', 'cLLi', // colour and transparency
  'bKGD', 'pHYs', // background colour, pixel density
  'acTL', 'fcTL', 'fdAT', // animation (APNG)
]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat([ascii(type), data]);
  return concat([Uint8Array.from(be32Bytes(data.length)), typeAndData, Uint8Array.from(be32Bytes(crc32(typeAndData)))]);
}

/** The PNG without metadata, or null when a chunk runs past the end of the file. */
export function stripPng(b: Uint8Array): Uint8Array | null {
  const kept: Uint8Array[] = [b.subarray(0, SIGNATURE_LENGTH)];
  let orientation: number | null = null;
  let at = SIGNATURE_LENGTH;
  while (at + 12 <= b.length) {
    const length = be32(b, at);
    const type = readText(b, at + 4, 4);
    const end = at + 12 + length;
    if (end > b.length) return null;
    if (KEEP.has(type)) kept.push(b.subarray(at, end));
    else if (type === 'eXIf' && orientation === null) orientation = readOrientation(b.subarray(at + 8, at + 8 + length));
    at = end;
    if (type === 'IEND') break; // anything appended after the image is dropped
  }
  // eXIf must come before the image data: right after IHDR, which is always first.
  if (orientation !== null) kept.splice(2, 0, chunk('eXIf', orientationTiff(orientation)));
  return concat(kept);
}
