/**
 * WebP without metadata: RIFF chunks are copied only from an allow-list (the bitstreams, alpha, animation,
 * the extended header and the ICC colour profile). Gone: EXIF, XMP and every unknown chunk, also inside
 * animation frames. The extended header's EXIF and XMP flags are set to what is left: an EXIF chunk written
 * afresh with the Orientation tag alone, when the photo had one.
 */
import { ascii, concat, le32, le32Bytes, readText, startsWithText } from './bytes';
import { orientationTiff, readOrientation } from './orientation';

const KEEP = new Set(['VP8X', 'ICCP', 'ANIM', 'ANMF', 'ALPH', 'VP8 ', 'VP8L']);
const FRAME_KEEP = new Set(['ALPH', 'VP8 ', 'VP8L']);
const FRAME_HEADER = 16; // ANMF: position, size, duration and flags before the frame's own chunks
const XMP_FLAG = 0x04;
const EXIF_FLAG = 0x08;

interface Chunk {
  fourcc: string;
  data: Uint8Array;
}

/** The chunks between `at` and `end`, or null when one runs past `end`. */
function readChunks(b: Uint8Array, at: number, end: number): Chunk[] | null {
  const chunks: Chunk[] = [];
  while (at + 8 <= end) {
    const size = le32(b, at + 4);
    if (at + 8 + size > end) return null;
    chunks.push({ fourcc: readText(b, at, 4), data: b.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size % 2); // chunks are padded to an even length
  }
  return chunks;
}

const writeChunk = ({ fourcc, data }: Chunk) =>
  concat([ascii(fourcc), Uint8Array.from(le32Bytes(data.length)), data, new Uint8Array(data.length % 2)]);

/** An animation frame with only its bitstream and alpha chunks. */
function cleanFrame(data: Uint8Array): Uint8Array | null {
  const inner = readChunks(data, FRAME_HEADER, data.length);
  if (!inner || data.length < FRAME_HEADER) return null;
  return concat([data.subarray(0, FRAME_HEADER), ...inner.filter((c) => FRAME_KEEP.has(c.fourcc)).map(writeChunk)]);
}

/** The WebP without metadata, or null when its chunk structure is broken. */
export function stripWebp(b: Uint8Array): Uint8Array | null {
  // The RIFF size bounds the file: bytes appended after it are dropped.
  const end = Math.min(b.length, 8 + le32(b, 4));
  const chunks = readChunks(b, 12, end);
  if (!chunks) return null;
  let orientation: number | null = null;
  const kept: Chunk[] = [];
  for (const [i, c] of chunks.entries()) {
    if (c.fourcc === 'EXIF' && orientation === null) {
      // Some writers put JPEG's "Exif\0\0" before the TIFF block.
      orientation = readOrientation(startsWithText(c.data, 'Exif\0\0') ? c.data.subarray(6) : c.data);
    }
    // The extended header is valid only as the first chunk.
    if (!KEEP.has(c.fourcc) || (c.fourcc === 'VP8X' && i > 0)) continue;
    if (c.fourcc === 'ANMF') {
      const frame = cleanFrame(c.data);
      if (!frame) return null;
      kept.push({ fourcc: 'ANMF', data: frame });
    } else kept.push(c);
  }
  const header = kept[0]?.fourcc === 'VP8X' ? kept[0] : null;
  if (header && header.data.length >= 1) {
    const data = Uint8Array.from(header.data);
    data[0] = (data[0]! & ~(XMP_FLAG | EXIF_FLAG)) | (orientation === null ? 0 : EXIF_FLAG);
    kept[0] = { fourcc: 'VP8X', data };
    // EXIF belongs after the image data; a simple (non-VP8X) file cannot carry it, so it goes upright-less.
    if (orientation !== null) kept.push({ fourcc: 'EXIF', data: orientationTiff(orientation) });
  }
  const body = concat(kept.map(writeChunk));
  return concat([ascii('RIFF'), Uint8Array.from(le32Bytes(4 + body.length)), ascii('WEBP'), body]);
}
