import { describe, expect, it } from 'vitest';
import { sniffImage } from '../../src/domain/images/format';
import { gif, html, jpeg, png, svg, webp } from '../helpers/images';

describe('sniffImage', () => {
  it.each([
    ['PNG', png(640, 480), 'image/png', 640, 480],
    ['PNG at the 32-bit edge', png(1, 0x7fffffff), 'image/png', 1, 0x7fffffff],
    ['baseline JPEG', jpeg(800, 600), 'image/jpeg', 800, 600],
    ['progressive JPEG', jpeg(31, 17, 0xc2), 'image/jpeg', 31, 17],
    ['lossy WebP', webp(300, 200), 'image/webp', 300, 200],
    ['lossless WebP', webp(16383, 1, 'VP8L'), 'image/webp', 16383, 1],
    ['extended WebP', webp(4096, 3000, 'VP8X'), 'image/webp', 4096, 3000],
  ])('reads the size of a %s from its header', (_name, bytes, contentType, width, height) => {
    expect(sniffImage(bytes)).toEqual({ ok: true, contentType, width, height });
  });

  it.each([
    ['GIF', gif()],
    ['SVG', svg()],
    ['HTML', html()],
    ['nothing', new Uint8Array()],
    ['a RIFF that is not WebP', new TextEncoder().encode('RIFF\x10\x00\x00\x00WAVEfmt ')],
  ])('refuses %s as unsupported', (_name, bytes) => {
    expect(sniffImage(bytes)).toEqual({ ok: false, reason: 'unsupported' });
  });

  it.each([
    ['PNG cut inside IHDR', png(10, 10).slice(0, 20)],
    ['PNG whose first chunk is not IHDR', Uint8Array.from([...png(10, 10).slice(0, 12), 0x49, 0x44, 0x41, 0x54, ...png(10, 10).slice(16)])],
    ['PNG of width 0', png(0, 10)],
    ['JPEG cut before its frame header', jpeg(10, 10).slice(0, 30)],
    ['JPEG whose scan starts before any frame header', Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 8, 1, 2, 3, 4, 5, 6])],
    ['JPEG with a garbage segment length', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0])],
    ['JPEG of height 0 (size deferred to a DNL marker)', jpeg(10, 0)],
    ['WebP cut inside VP8', webp(10, 10).slice(0, 26)],
    ['WebP VP8 that is not a key frame', Uint8Array.from(webp(10, 10).map((b, i) => (i === 20 ? b | 1 : b)))],
    ['WebP VP8L without its signature byte', Uint8Array.from(webp(10, 10, 'VP8L').map((b, i) => (i === 20 ? 0 : b)))],
    ['WebP with an unknown first chunk', new TextEncoder().encode('RIFF\x10\x00\x00\x00WEBPALPH\x00\x00\x00\x00')],
  ])('calls a %s invalid', (_name, bytes) => {
    expect(sniffImage(bytes)).toEqual({ ok: false, reason: 'invalid' });
  });
});
