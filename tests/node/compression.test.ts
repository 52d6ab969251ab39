/**
 * Text compression on the Node home: the real app's pages and JSON come back as Brotli or gzip when the
 * browser accepts it; tiny, non-text, HEAD and already-encoded responses pass through untouched.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pickEncoding, withCompression } from '../../src/node/compress';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
let fetch: (req: Request) => Promise<Response>;
beforeEach(async () => {
  t = await makeTestApp();
  fetch = async (req) => withCompression((r: Request) => t.app.fetch(r))(req);
});
afterEach(() => t.close());

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(new Request(`http://localhost${path}`, { method, headers }));

describe('compression on Node', () => {
  it('sends pages as Brotli, or gzip, that decode to the very same HTML', async () => {
    const { community } = await communityWithOpenPrompt(t);
    const plain = await get(`/c/${community.slug}`);
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    const html = await plain.text();
    expect(html.length).toBeGreaterThan(1024);

    const br = await get(`/c/${community.slug}`, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Vary')).toBe('Cookie, Accept-Language, Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(html.length * 0.6);
    expect(brotliDecompressSync(brBytes).toString()).toBe(html);

    const gz = await get(`/c/${community.slug}`, { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(html);
  });

  it('compresses large JSON too, and leaves tiny responses, HEAD and unknown encodings alone', async () => {
    const big = await get('/api/openapi.json', { 'Accept-Encoding': 'br' });
    expect(big.headers.get('Content-Encoding')).toBe('br');
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await big.arrayBuffer())).toString()).openapi).toMatch(/^3\.1/);

    const tiny = await get('/healthz', { 'Accept-Encoding': 'gzip, br' });
    expect(tiny.headers.get('Content-Encoding')).toBeNull();
    expect(await tiny.json()).toEqual({ ok: true });
    expect((await get('/', { 'Accept-Encoding': 'br' }, 'HEAD')).headers.get('Content-Encoding')).toBeNull();
    expect((await get('/api/openapi.json', { 'Accept-Encoding': 'deflate' })).headers.get('Content-Encoding')).toBeNull();
  });

  it('never compresses images or what is already encoded', async () => {
    const image = withCompression(() => new Response(new Uint8Array(8192), { headers: { 'Content-Type': 'image/png' } }));
    const encoded = withCompression(
      () => new Response('x'.repeat(8192), { headers: { 'Content-Type': 'text/javascript', 'Content-Encoding': 'br' } }),
    );
    const req = new Request('http://localhost/x', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect((await image(req)).headers.get('Content-Encoding')).toBeNull();
    expect((await encoded(req)).headers.get('Content-Encoding')).toBe('br');
    expect((await (await encoded(req)).text()).length).toBe(8192);
  });

  it('reads Accept-Encoding as browsers write it', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(pickEncoding('*')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(null)).toBeNull();
  });
});
