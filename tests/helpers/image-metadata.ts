/**
 * Images carrying the metadata a phone or an editor leaves behind: EXIF with GPS, camera make and an
 * Orientation, XMP naming a city, IPTC (JPEG), text chunks and a timestamp (PNG), a comment, and bytes
 * after the image's end. Built byte by byte here, so the tests need no fixture files.
 */
import ExifReader from 'exifreader';

/** Strings planted in the metadata: none may survive anywhere in the stored or served bytes. */
export const PLANTED = ['SpyCam', 'Secretville', 'Home sweet home', 'AFTER-THE-END'];
/** The Orientation planted in EXIF (6: rotate 90° clockwise), which stripping must keep. */
export const PLANTED_ORIENTATION = 6;

const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];

/** A big-endian TIFF block: IFD0 with Make, Orientation and a GPS IFD holding a latitude and a longitude. */
export function exifTiff(): number[] {
  const entry = (tag: number, type: number, count: number, value: number[]) => [...be16(tag), ...be16(type), ...be32(count), ...value];
  const ASCII = 2, SHORT = 3, LONG = 4, RATIONAL = 5;
  const rationals = (...v: number[]) => v.flatMap((n) => [...be32(n), ...be32(1)]);
  // Offsets: IFD0 at 8 (3 entries: 42 bytes), Make's text at 50, GPS IFD at 58 (4 entries: 54 bytes), rationals at 112 and 136.
  return [
    ...ascii('MM'), ...be16(42), ...be32(8),
    ...be16(3),
    ...entry(0x010f, ASCII, 7, be32(50)),
    ...entry(0x0112, SHORT, 1, [...be16(PLANTED_ORIENTATION), 0, 0]),
    ...entry(0x8825, LONG, 1, be32(58)),
    ...be32(0),
    ...ascii('SpyCam'), 0, 0,
    ...be16(4),
    ...entry(1, ASCII, 2, [...ascii('N'), 0, 0, 0]),
    ...entry(2, RATIONAL, 3, be32(112)),
    ...entry(3, ASCII, 2, [...ascii('E'), 0, 0, 0]),
    ...entry(4, RATIONAL, 3, be32(136)),
    ...be32(0),
    ...rationals(48, 51, 24),
    ...rationals(2, 21, 7),
  ];
}

const XMP = ascii(
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Secretville"/>' +
    '</rdf:RDF></x:xmpmeta>',
);

/** IPTC's City (2:90) inside Photoshop's resource block, as JPEG's APP13 carries it. */
function iptcApp13(): number[] {
  const iptc = [0x1c, 0x02, 0x5a, ...be16(11), ...ascii('Secretville')];
  const padded = iptc.length % 2 ? [...iptc, 0] : iptc;
  return [...ascii('Photoshop 3.0'), 0, ...ascii('8BIM'), ...be16(0x0404), 0, 0, ...be32(iptc.length), ...padded];
}

/** A JPEG with EXIF (GPS), XMP, IPTC, a comment, a scan, and bytes after its end-of-image marker. */
export function jpegWithMetadata(width: number, height: number): Uint8Array<ArrayBuffer> {
  const segment = (marker: number, data: number[]) => [0xff, marker, ...be16(data.length + 2), ...data];
  return new Uint8Array([
    0xff, 0xd8,
    ...segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xe1, [...ascii('Exif'), 0, 0, ...exifTiff()]),
    ...segment(0xe1, [...ascii('http://ns.adobe.com/xap/1.0/'), 0, ...XMP]),
    ...segment(0xed, iptcApp13()),
    ...segment(0xfe, ascii('Home sweet home')),
    ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
    ...segment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0]),
    0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, // scan data with a stuffed 0xFF and a restart marker
    0xff, 0xd9,
    ...ascii('AFTER-THE-END'),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: number[]) => (bytes.reduce((c, b) => CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

/** A PNG with eXIf (GPS), tEXt (a comment), iTXt (XMP), tIME, and bytes after IEND. */
export function pngWithMetadata(width: number, height: number): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: number[]) => [...be32(data.length), ...ascii(type), ...data, ...be32(crc32([...ascii(type), ...data]))];
  return new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...chunk('IHDR', [...be32(width), ...be32(height), 8, 6, 0, 0, 0]),
    ...chunk('eXIf', exifTiff()),
    ...chunk('tEXt', [...ascii('Comment'), 0, ...ascii('Home sweet home')]),
    ...chunk('iTXt', [...ascii('XML:com.adobe.xmp'), 0, 0, 0, 0, 0, ...XMP]),
    ...chunk('tIME', [...be16(2026), 3, 2, 12, 0, 0]),
    ...chunk('IDAT', [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
    ...chunk('IEND', []),
    ...ascii('AFTER-THE-END'),
  ]);
}

/** An extended WebP (VP8X with the EXIF and XMP flags) with EXIF (GPS), XMP and unknown chunks, and bytes after it. */
export function webpWithMetadata(width: number, height: number): Uint8Array<ArrayBuffer> {
  const chunk = (fourcc: string, data: number[]) => [...ascii(fourcc), ...le32(data.length), ...data, ...(data.length % 2 ? [0] : [])];
  const body = [
    ...ascii('WEBP'),
    ...chunk('VP8X', [0x08 | 0x04, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)]),
    ...chunk('VP8 ', [0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a, width & 0xff, width >>> 8, height & 0xff, height >>> 8, 0, 0]),
    ...chunk('EXIF', exifTiff()),
    ...chunk('XMP ', XMP),
    ...chunk('NOTE', ascii('Home sweet home')), // a chunk nobody listed
  ];
  return new Uint8Array([...ascii('RIFF'), ...le32(body.length), ...body, ...ascii('AFTER-THE-END')]);
}

/** What an EXIF reader finds in the bytes: GPS, EXIF tags, XMP, IPTC and PNG text, by block. */
export async function readMetadata(bytes: Uint8Array) {
  const tags = await ExifReader.load(bytes.slice().buffer, { expanded: true, async: true });
  return {
    gps: tags.gps ?? null,
    exifTags: Object.keys(tags.exif ?? {}).sort(),
    orientation: tags.exif?.Orientation?.value ?? null,
    xmp: tags.xmp ? Object.keys(tags.xmp).filter((k) => k !== '_raw') : null,
    iptc: tags.iptc ? Object.keys(tags.iptc) : null,
    pngText: tags.pngText ? Object.keys(tags.pngText) : null,
  };
}

/** Whether any planted string appears anywhere in the bytes, metadata block or not. */
export const plantedIn = (bytes: Uint8Array) => PLANTED.filter((s) => Buffer.from(bytes).includes(s));

/**
 * A real encoder's image (a browser canvas's JPEG, PNG or lossy WebP) with the same metadata added:
 * EXIF with GPS and Orientation, XMP, and a comment or text chunk.
 */
export function addMetadata(bytes: Uint8Array, type: 'image/jpeg' | 'image/png' | 'image/webp', size: { width: number; height: number }): Uint8Array<ArrayBuffer> {
  const b = [...bytes];
  if (type === 'image/jpeg') {
    const segment = (marker: number, data: number[]) => [0xff, marker, ...be16(data.length + 2), ...data];
    return new Uint8Array([
      ...b.slice(0, 2),
      ...segment(0xe1, [...ascii('Exif'), 0, 0, ...exifTiff()]),
      ...segment(0xe1, [...ascii('http://ns.adobe.com/xap/1.0/'), 0, ...XMP]),
      ...segment(0xfe, ascii('Home sweet home')),
      ...b.slice(2),
    ]);
  }
  if (type === 'image/png') {
    const chunk = (t: string, data: number[]) => [...be32(data.length), ...ascii(t), ...data, ...be32(crc32([...ascii(t), ...data]))];
    const afterIhdr = 8 + 25;
    return new Uint8Array([
      ...b.slice(0, afterIhdr),
      ...chunk('eXIf', exifTiff()),
      ...chunk('tEXt', [...ascii('Comment'), 0, ...ascii('Home sweet home')]),
      ...chunk('iTXt', [...ascii('XML:com.adobe.xmp'), 0, 0, 0, 0, 0, ...XMP]),
      ...b.slice(afterIhdr),
    ]);
  }
  // The extended header announces EXIF and XMP (a simple, VP8-only WebP gets one; an extended one, its flags).
  const chunk = (fourcc: string, data: number[]) => [...ascii(fourcc), ...le32(data.length), ...data, ...(data.length % 2 ? [0] : [])];
  const extended = String.fromCharCode(...b.slice(12, 16)) === 'VP8X';
  const flags = (extended ? b[20]! : 0) | 0x08 | 0x04;
  const body = [
    ...ascii('WEBP'),
    ...chunk('VP8X', [flags, 0, 0, 0, ...le24(size.width - 1), ...le24(size.height - 1)]),
    ...b.slice(extended ? 12 + 18 : 12, 8 + (b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24))),
    ...chunk('EXIF', exifTiff()),
    ...chunk('XMP ', XMP),
  ];
  return new Uint8Array([...ascii('RIFF'), ...le32(body.length), ...body]);
}
