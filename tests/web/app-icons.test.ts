/** The favicon and web app manifest: served, linked from every page's head, and allowed by the page CSP. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('installing Kindling on a phone', () => {
  it('serves a manifest a browser can install from', async () => {
    const res = await t.app.request('/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/manifest+json');
    const manifest = await res.json();
    expect(manifest).toMatchObject({
      name: 'Kindling',
      short_name: 'Kindling',
      start_url: '/',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    });
    expect(manifest.icons).toEqual(expect.arrayContaining([expect.objectContaining({ src: '/favicon.svg', type: 'image/svg+xml' })]));
  });

  it('serves the SVG icon', async () => {
    const res = await t.app.request('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg xmlns='http:\/\/www\.w3\.org\/2000\/svg'[\s\S]*<\/svg>$/);
  });

  it('links both from the page head, and the page CSP lets the browser fetch the manifest', async () => {
    const res = await t.app.request('/');
    const html = await res.text();
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    expect(res.headers.get('Content-Security-Policy')).toContain("manifest-src 'self'");
  });
});
