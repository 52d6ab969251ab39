/**
 * Every uploaded image loses its metadata before it is stored: a photo's EXIF can hold where it was taken
 * (GPS), when, and with what; XMP, IPTC and text chunks can hold names and places. Pure byte surgery on
 * the container (no pixel is decoded or re-encoded), so it costs little, loses no quality and runs on
 * Node and Workers alike. Orientation survives as a freshly written EXIF tag, so photos stay upright.
 */
import type { ImageContentType } from './format';
import { stripJpeg } from './jpeg';
import { stripPng } from './png';
import { stripWebp } from './webp';

const strippers: Record<ImageContentType, (bytes: Uint8Array) => Uint8Array | null> = {
  'image/jpeg': stripJpeg,
  'image/png': stripPng,
  'image/webp': stripWebp,
};

/**
 * The image without metadata (a new array; the input is not changed), or null when its structure is
 * too broken to tell picture from metadata. Stripping a stripped image gives the same bytes.
 */
export function stripMetadata(bytes: Uint8Array, contentType: ImageContentType): Uint8Array | null {
  return strippers[contentType](bytes);
}
