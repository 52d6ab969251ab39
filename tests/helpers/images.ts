/**
 * Minimal images built from bytes in the test, with chosen dimensions: just the headers a format needs
 * to be recognised, plus a little filler. No fixture files, nothing downloaded.
 */
import type { TestApp } from './app';

const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];
const le32 = (n: number) => [...le24(n), (n >>> 24) & 0xff];

/** Signature, IHDR (8-bit RGBA), an empty IDAT and IEND; CRCs are not checked by the upload. */
export function png(width: number, height: number): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: number[]) => [...be32(data.length), ...ascii(type), ...data, 0, 0, 0, 0];
  return new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...chunk('IHDR', [...be32(width), ...be32(height), 8, 6, 0, 0, 0]),
    ...chunk('IDAT', []),
    ...chunk('IEND', []),
  ]);
}

/** SOI, a JFIF APP0, a quantisation table, then the frame header (baseline SOF0 or progressive SOF2). */
export function jpeg(width: number, height: number, sof = 0xc0): Uint8Array<ArrayBuffer> {
  const segment = (marker: number, data: number[]) => [0xff, marker, ...be16(data.length + 2), ...data];
  return new Uint8Array([
    0xff, 0xd8,
    ...segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...segment(sof, [8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
    0xff, 0xd9,
  ]);
}

function riff(fourcc: string, data: number[]): Uint8Array<ArrayBuffer> {
  const chunk = [...ascii(fourcc), ...le32(data.length), ...data, ...(data.length % 2 ? [0] : [])];
  return new Uint8Array([...ascii('RIFF'), ...le32(4 + chunk.length), ...ascii('WEBP'), ...chunk]);
}

/** WebP in each of its three first-chunk layouts: lossy (VP8), lossless (VP8L) and extended (VP8X). */
export function webp(width: number, height: number, kind: 'VP8' | 'VP8L' | 'VP8X' = 'VP8'): Uint8Array<ArrayBuffer> {
  if (kind === 'VP8X') return riff('VP8X', [0x10, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)]);
  if (kind === 'VP8L') {
    const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
    return riff('VP8L', [0x2f, ...le32(bits >>> 0), 0, 0, 0]);
  }
  return riff('VP8 ', [0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...le16(width), ...le16(height), 0, 0]);
}

export const gif = () => new Uint8Array([...ascii('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x3b]);
export const svg = () => new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
export const html = () => new TextEncoder().encode('<!doctype html><script>alert(document.cookie)</script>');

/** POSTs raw bytes with a declared Content-Type, as a script would. */
export async function uploadRaw(t: TestApp, bytes: Uint8Array, opts: { token?: string; type?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'Content-Type': opts.type ?? 'application/octet-stream', ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  return json(await t.app.request('/api/images', { method: 'POST', headers, body: bytes as Uint8Array<ArrayBuffer> }));
}

/** POSTs a multipart form, as the web app's file input does; the file's name and type are the client's claim. */
export async function uploadForm(t: TestApp, bytes: Uint8Array, opts: { token: string; name?: string; type?: string; field?: string }) {
  const form = new FormData();
  form.set(opts.field ?? 'file', new File([bytes as Uint8Array<ArrayBuffer>], opts.name ?? 'sketch.png', { type: opts.type ?? 'image/png' }));
  return json(await t.app.request('/api/images', { method: 'POST', headers: { Authorization: `Bearer ${opts.token}` }, body: form }));
}

async function json(res: Response) {
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

/** GETs an image as bytes, with the caller's token if any. */
export async function fetchImage(t: TestApp, url: string, opts: { token?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const res = await t.app.request(url, { headers });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}
