import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser, seriousA11yViolations, startKindling, type RunningKindling } from './support';

describe.runIf(browserAvailable())('the community directory in a browser', () => {
  let k: RunningKindling;
  let browser: Browser;
  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const token = await k.tokenFor('fran@example.org', 'Fran');
    await k.api('POST', '/api/communities', token, { slug: 'nurses', name: 'Night nurses', timeZone: 'UTC', visibility: 'public' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it('renders, hydrates without errors, switches to French, and has no serious accessibility violation', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${k.base}/`);
    await expect(page.getByRole('link', { name: 'Night nurses', exact: true }).isVisible()).resolves.toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(`${k.base}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Essayez quelque chose de petit aujourd’hui');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(errors).toEqual([]);
  });

  it('answers an unknown URL with the friendly 404 page, free of serious accessibility violations', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${k.base}/no/such/page`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('sends scripts, styles and pages compressed to a browser that accepts it, and the same bytes once decoded', async () => {
    const html = await (await fetch(`${k.base}/`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const path of assets) {
      const plain = Buffer.from(await (await fetch(`${k.base}${path}`, { headers: { 'Accept-Encoding': 'identity' } })).arrayBuffer());
      if (plain.length < 1024) continue;
      const res = await nodeGet(`${k.base}${path}`, 'gzip, deflate, br');
      expect(res.headers['content-encoding'], path).toBe('br');
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      expect(brotliDecompressSync(res.body).equals(plain), path).toBe(true);
    }
    const page = await nodeGet(`${k.base}/`, 'gzip');
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(page.body).toString()).toContain('Night nurses');
  });
});

/** A GET that keeps the body as sent (fetch would decode it), for checking what went over the wire. */
function nodeGet(url: string, acceptEncoding: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
