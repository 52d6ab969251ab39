/**
 * The one EXIF tag an image keeps: Orientation (0x0112), which tells a browser to turn a phone photo upright.
 * Everything else in EXIF (GPS, camera, times, thumbnails) is dropped; the tag is written afresh in a TIFF
 * block of its own, so no byte of the original EXIF survives.
 */
import { be16, be16Bytes, be32, le16, le32, startsWithText } from './bytes';

const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/** The Orientation value (2–8) of a TIFF block (EXIF's payload), or null when absent, 1 (upright) or unreadable. */
export function readOrientation(tiff: Uint8Array): number | null {
  const little = startsWithText(tiff, 'II');
  if (!little && !startsWithText(tiff, 'MM')) return null;
  const u16 = (at: number) => (little ? le16(tiff, at) : be16(tiff, at));
  const u32 = (at: number) => (little ? le32(tiff, at) : be32(tiff, at));
  if (tiff.length < 8 || u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return null;
    if (u16(at) !== ORIENTATION_TAG || u16(at + 2) !== SHORT) continue;
    const value = u16(at + 8);
    return value >= 2 && value <= 8 ? value : null;
  }
  return null;
}

/** A big-endian TIFF block holding IFD0 with the Orientation tag alone (26 bytes). */
export function orientationTiff(orientation: number): Uint8Array {
  return Uint8Array.from([
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // "MM", 42, IFD0 at offset 8
    ...be16Bytes(1), // one entry
    ...be16Bytes(ORIENTATION_TAG), ...be16Bytes(SHORT), 0, 0, 0, 1, ...be16Bytes(orientation), 0, 0,
    0, 0, 0, 0, // no next IFD
  ]);
}
