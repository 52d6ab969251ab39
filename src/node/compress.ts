/**
 * Node home only: Brotli or gzip for text responses (pages, JSON, and any asset built without its compressed
 * copies). Workers compress at the edge, so the app itself never does. It wraps the app's fetch rather than
 * being a middleware, so the app and its tests stay runtime-free; what it skips costs one header lookup:
 * requests that accept no encoding, HEAD, non-text types (images are already compressed), responses that are
 * already encoded or ask for no-transform, and bodies under 1 KB, where compressing costs more than it saves
 * (see worthReading for how those are told apart without reading them).
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

type Fetch = (request: Request, ...rest: any[]) => Response | Promise<Response>;

/** The same size as the build's precompressed copies: below it the bytes saved fit in the packet anyway. */
export const COMPRESS_MIN_BYTES = 1024;
const TEXT_TYPE = /^\s*(?:text\/|application\/(?:json|javascript|xml|ld\+json|manifest\+json|problem\+json)|image\/svg\+xml)/i;

/** br before gzip when both are accepted (smaller for the same speed); q=0 means "not this one". */
export function pickEncoding(acceptEncoding: string | null): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (params.some((p) => /^\s*q=0(?:\.0*)?\s*$/.test(p))) continue;
    accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

/**
 * Whether to read the body at all. Reading one costs far more than a tiny response itself (about 50 µs against
 * 4 µs for /healthz), and Hono's c.json() sets no Content-Length, so without a known length only pages and API
 * reads (galleries, boards, lists: usually over 1 KB) are read; health probes and write acknowledgements,
 * small by design, never are. The checks read headers only: `res.body` would build a stream.
 */
function worthReading(request: Request, res: Response): boolean {
  if (res.status < 200 || res.status === 204 || res.status === 206 || res.status === 304) return false;
  const headers = res.headers;
  if (headers.has('Content-Encoding') || /no-transform/i.test(headers.get('Cache-Control') ?? '')) return false;
  const type = headers.get('Content-Type') ?? '';
  if (!TEXT_TYPE.test(type)) return false;
  const length = headers.get('Content-Length');
  if (length !== null) return Number(length) >= COMPRESS_MIN_BYTES;
  return /^text\/html/i.test(type) || (request.method === 'GET' && new URL(request.url).pathname.startsWith('/api/'));
}

/**
 * Level 4 Brotli and level 6 gzip: about 1 ms for a large page, a fifth of the bytes. Synchronous on purpose:
 * bodies here are small pages, and the thread pool's round trip would cost more than the work.
 */
const encoders = {
  br: (bytes: Uint8Array) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  gzip: (bytes: Uint8Array) => gzipSync(bytes, { level: 6 }),
};

export function withCompression(fetch: Fetch): Fetch {
  return async (request, ...rest) => {
    const res = await fetch(request, ...rest);
    const encoding = pickEncoding(request.headers.get('Accept-Encoding'));
    if (!encoding || request.method === 'HEAD' || !worthReading(request, res)) return res;
    const bytes = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    const vary = headers.get('Vary');
    if (!vary || !/accept-encoding|\*/i.test(vary)) headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    if (bytes.length < COMPRESS_MIN_BYTES) return new Response(bytes, { status: res.status, statusText: res.statusText, headers });
    headers.set('Content-Encoding', encoding);
    headers.delete('Content-Length');
    const etag = headers.get('ETag');
    if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
    return new Response(encoders[encoding](bytes), { status: res.status, statusText: res.statusText, headers });
  };
}
