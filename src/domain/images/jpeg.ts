/**
 * JPEG without metadata: the marker segments are walked and only those needed to decode and colour the
 * picture are copied (an allow-list, so a kind of metadata nobody thought of is dropped too). Gone: EXIF and
 * XMP (APP1), IPTC/Photoshop (APP13), MPF and its embedded second images (APP2 other than ICC, and anything
 * after the end-of-image marker), comments (COM) and every other APPn. Kept: the frame, tables and scans,
 * the ICC colour profile (APP2 ICC_PROFILE), Adobe's colour transform (APP14, needed to decode CMYK/RGB
 * correctly), JFIF's header without its thumbnail, and the Orientation tag written afresh.
 */
import { ascii, be16, be16Bytes, concat, startsWithText } from './bytes';
import { orientationTiff, readOrientation } from './orientation';

const SOI = Uint8Array.from([0xff, 0xd8]);
const EOI = Uint8Array.from([0xff, 0xd9]);
const SOS = 0xda;

/** Frames (SOFn), Huffman and arithmetic tables, quantisation, restart interval, line count, hierarchical. */
const isCodingSegment = (m: number) => (m >= 0xc0 && m <= 0xcf) || (m >= 0xda && m <= 0xdf);
/** Markers that stand alone, with no length: TEM and the restart markers. */
const isStandalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

function segment(marker: number, data: Uint8Array): Uint8Array {
  return concat([Uint8Array.from([0xff, marker, ...be16Bytes(data.length + 2)]), data]);
}

/** JFIF's APP0 cut to its 14-byte header with a 0×0 thumbnail: versions and pixel density only. */
const jfifHeader = (data: Uint8Array) => segment(0xe0, concat([data.subarray(0, 12), Uint8Array.from([0, 0])]));

/** Scan data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker. */
export function endOfScan(b: Uint8Array, at: number): number {
  while (at < b.length - 1) {
    if (b[at] === 0xff && b[at + 1] !== 0 && !isStandalone(b[at + 1]!)) return at;
    at++;
  }
  return b.length;
}

/** The JPEG without metadata, or null when its segment structure is broken (nothing safe to keep). */
export function stripJpeg(b: Uint8Array): Uint8Array | null {
  let jfif: Uint8Array | null = null;
  let orientation: number | null = null;
  const kept: Uint8Array[] = [];
  let at = 2;
  while (at + 1 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) break; // end of image: whatever follows (MPF images, trailers) is dropped
    if (isStandalone(marker)) {
      kept.push(b.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > b.length) return null;
    const length = be16(b, at + 2);
    if (length < 2 || at + 2 + length > b.length) return null;
    const data = b.subarray(at + 4, at + 2 + length);
    if (isCodingSegment(marker)) kept.push(b.subarray(at, at + 2 + length));
    else if (marker === 0xe0 && !jfif && data.length >= 12 && startsWithText(data, 'JFIF\0')) jfif = jfifHeader(data);
    else if (marker === 0xe1 && orientation === null && startsWithText(data, 'Exif\0\0')) orientation = readOrientation(data.subarray(6));
    else if ((marker === 0xe2 && startsWithText(data, 'ICC_PROFILE\0')) || (marker === 0xee && startsWithText(data, 'Adobe'))) {
      kept.push(b.subarray(at, at + 2 + length));
    }
    at += 2 + length;
    if (marker === SOS) {
      const end = endOfScan(b, at);
      kept.push(b.subarray(at, end));
      at = end;
    }
  }
  const exif = orientation === null ? [] : [segment(0xe1, concat([ascii('Exif\0\0'), orientationTiff(orientation)]))];
  return concat([SOI, ...(jfif ? [jfif] : []), ...exif, ...kept, EOI]);
}
