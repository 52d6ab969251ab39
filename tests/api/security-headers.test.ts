/**
 * Security headers on every kind of response the app makes (page, 404 page, JSON, API 404, 500, image,
 * static file, health), HSTS only over https, and no CORS for foreign origins.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { webFilesIn } from '../../src/node/web';
import { PAGE_CSP, RESOURCE_CSP } from '../../src/security-headers';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';
import { png, uploadRaw } from '../helpers/images';

const root = new URL('../..', import.meta.url).pathname;
const webFiles = webFilesIn(`${root}/dist/web`);
let t: TestApp;
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
});

function expectCommonHeaders(res: Response, csp: string) {
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(res.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
  expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
  expect(res.headers.get('Content-Security-Policy')).toBe(csp);
  expect(res.headers.get('Strict-Transport-Security')).toBeNull();
  expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
}

describe('security headers', () => {
  it('give pages a strict CSP that allows only our own scripts and styles', async () => {
    t = await makeTestApp();
    const { community, member } = await communityWithOpenPrompt(t);
    const page = await t.app.request(`/c/${community.slug}`, { headers: { Authorization: `Bearer ${member.token}` } });
    expect(page.status).toBe(200);
    expectCommonHeaders(page, PAGE_CSP);
    for (const directive of ["script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(PAGE_CSP).toContain(directive);
    }
    expect(PAGE_CSP).not.toContain('unsafe');
    // The page data is never executed, so it needs neither a nonce nor a hash; nothing else is inline.
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.every((attrs) => /type="application\/json"|src="/.test(attrs))).toBe(true);
    expect(html).not.toMatch(/ style="| on\w+="/);

    const missing = await t.app.request('/no/such/page');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Content-Type')).toMatch(/^text\/html/);
    expectCommonHeaders(missing, PAGE_CSP);

    // The sign-in confirm page's URL holds a token: it keeps its own stricter Referrer-Policy.
    const confirm = await t.app.request('/auth/confirm?token=nope');
    expect(confirm.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(confirm.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(confirm.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  });

  it('give JSON, API 404s, errors, health and images a CSP that loads and runs nothing', async () => {
    t = await makeTestApp();
    const { member } = await communityWithOpenPrompt(t);
    expectCommonHeaders(await t.app.request('/api/me', { headers: { Authorization: `Bearer ${member.token}` } }), RESOURCE_CSP);
    const apiMissing = await t.app.request('/api/nothing-here');
    expect(apiMissing.status).toBe(404);
    expectCommonHeaders(apiMissing, RESOURCE_CSP);
    expectCommonHeaders(await t.app.request('/healthz'), RESOURCE_CSP);

    // An image keeps its own route's policy: sandboxed, nothing loads.
    const up = await uploadRaw(t, png(4, 4), { token: member.token });
    expect(up.status).toBe(201);
    const image = await t.app.request(up.json.url, { headers: { Authorization: `Bearer ${member.token}` } });
    expect(image.status).toBe(200);
    expectCommonHeaders(image, "default-src 'none'; sandbox");

    vi.spyOn(console, 'error').mockImplementation(() => {});
    await t.client.execute('DROP TABLE outbox');
    const failed = await t.call('POST', '/api/auth/email-link', { body: { email: 'someone@example.org' } });
    expect(failed.status).toBe(500);
    expectCommonHeaders(new Response(null, { headers: failed.headers }), RESOURCE_CSP);
  });

  it('send HSTS only when the public URL or the request is https', async () => {
    t = await makeTestApp();
    expect((await t.app.request('http://kindling.test/healthz')).headers.get('Strict-Transport-Security')).toBeNull();
    const direct = await t.app.request('https://kindling.test/healthz');
    expect(direct.headers.get('Strict-Transport-Security')).toBe('max-age=63072000; includeSubDomains');
    t.close();

    t = await makeTestApp(undefined, { PUBLIC_URL: 'https://kindling.example.org' });
    const proxied = await t.app.request('http://127.0.0.1/no/such/page');
    expect(proxied.headers.get('Strict-Transport-Security')).toMatch(/^max-age=63072000/);
  });

  it('never echo a foreign origin for CORS, on reads or preflights', async () => {
    t = await makeTestApp();
    const evil = { Origin: 'https://evil.example' };
    for (const res of [
      await t.app.request('/api/communities', { headers: evil }),
      await t.app.request('/api/images', { method: 'OPTIONS', headers: { ...evil, 'Access-Control-Request-Method': 'POST' } }),
      await t.app.request('/', { headers: evil }),
    ]) {
      expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
      expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    }
  });
});

describe('built files on Node', () => {
  beforeAll(() => {
    if (existsSync(`${root}/dist/web/.vite/manifest.json`)) return; // other suites may have built it already
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], { cwd: root, timeout: 120_000 });
  }, 120_000);

  it('are immutable, with the security headers, and the manifest is not served', async () => {
    t = await makeTestApp();
    const withFiles = createApp({ ...depsOf(t), staticFiles: webFiles.serve });
    const page = await (await withFiles.request('/')).text();
    const script = page.match(/<script type="module" src="([^"]+)"/)?.[1];
    expect(script).toMatch(/^\/assets\/.+\.js$/);
    const res = await withFiles.request(script!);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expectCommonHeaders(res, RESOURCE_CSP);
    expect((await withFiles.request('/.vite/manifest.json')).status).toBe(404);
  });
});

function depsOf(t: TestApp) {
  return {
    db: t.db,
    clock: () => t.clock.now(),
    mailer: { send: async () => {} },
    config: t.config,
    images: t.images,
    web: webFiles.assets,
  };
}
