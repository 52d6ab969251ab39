/**
 * The Worker in workerd (`wrangler dev --local`, the deployable bundle, local D1 migrated from db/migrations,
 * local R2): the shared loop scenarios exactly as tests/api/loop-scenarios.test.ts runs them on Node, the Cron
 * Trigger, the R2 image store, and the bundle's shape.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { r2ImageStore } from '../../src/worker/storage-r2';
import { dataRightsScenarios } from '../scenarios/data-rights.scenario';
import { feedScenarios } from '../scenarios/feeds.scenario';
import { mailLinkScenarios } from '../scenarios/mail-links.scenario';
import { loopScenarios } from '../scenarios/loop.scenario';
import type { ScenarioTarget } from '../scenarios/target';
import { workerTarget } from './target';
import { root, startWorker, type WorkerHome } from './wrangler';

let home: WorkerHome;
let target: ScenarioTarget;

beforeAll(async () => {
  // The built web app is what the assets binding serves; other suites may have built it already.
  if (!existsSync(`${root}/dist/web/.vite/manifest.json`)) {
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], { cwd: root, timeout: 120_000 });
  }
  home = await startWorker();
  target = workerTarget(home);
}, 150_000);

afterAll(async () => {
  await home?.stop();
}, 30_000);

loopScenarios(() => target);
feedScenarios(() => target);
dataRightsScenarios(() => target);
mailLinkScenarios(() => target);

describe('the Worker home', () => {
  it('runs the Cron Trigger wrangler.toml declares and logs what the tick did', async () => {
    expect(readFileSync(`${root}/wrangler.toml`, 'utf8')).toMatch(/crons = \["\* \* \* \* \*"\]/);
    await target.runScheduler();
    await expect.poll(() => home.output(), { timeout: 5_000 }).toMatch(/\[tick\] opened \d+ prompt\(s\), finished \d+ series, queued \d+ reminder\/digest mail\(s\) and \d+ chat post\(s\), sent \d+ mail\(s\), posted \d+ chat message\(s\)/);
  });

  it('keeps images in R2 through the ImageStore interface', async () => {
    const store = r2ImageStore(home.bindings.IMAGES);
    const key = `test-${Date.now()}`;
    expect(await store.get(key)).toBeNull();
    await store.put(key, new Uint8Array([1, 2, 3]), 'image/webp');
    expect(await store.get(key)).toEqual({ body: new Uint8Array([1, 2, 3]), contentType: 'image/webp' });
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key); // deleting twice is fine
  });

  it('answers pages, health and errors from the same app', async () => {
    const page = await target.fetch('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/text\/html/);
    expect(await target.fetch('/readyz').then((r) => r.json())).toMatchObject({ ok: true, outbox: { givenUp: 0 } });
    // No native renderer on Workers: the static brand card, decoded from the bundle (issue 17).
    const card = await target.fetch('/card.png');
    expect([card.status, card.headers.get('Content-Type')]).toEqual([200, 'image/png']);
    expect([...new Uint8Array(await card.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const missing = await target.fetch('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    const bad = await target.fetch('/api/auth/email-link', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_json');
    const crossSite = await target.fetch('/api/auth/email-link', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://elsewhere.example', 'Sec-Fetch-Site': 'cross-site' },
      body: JSON.stringify({ email: 'x@example.org' }),
    });
    expect((await crossSite.json()).error.code).toBe('cross_site');
  });

  it('reads through a D1 session and keeps a bookmark for whoever wrote (read-your-writes)', async () => {
    const bookmarkOf = (res: Response) =>
      res.headers.getSetCookie().find((c) => c.startsWith('kindling_d1_bookmark='))?.split(';')[0]?.split('=')[1];
    // A visitor who only reads gets no cookie.
    expect(bookmarkOf(await target.fetch('/'))).toBeUndefined();
    const wrote = await target.fetch('/api/auth/email-link', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'bookmark@example.org' }),
    });
    expect(wrote.status).toBe(202);
    const bookmark = bookmarkOf(wrote);
    expect(bookmark).toMatch(/^[0-9a-f-]{8,}$/);
    expect(wrote.headers.getSetCookie().find((c) => c.startsWith('kindling_d1_bookmark='))).toMatch(/HttpOnly; SameSite=Lax/);
    // Sent back, it starts the next read at a copy at least that recent; the view only moves forward (the
    // request's deferred mail delivery may have written meanwhile). Bookmarks are fixed-width hex.
    const read = await target.fetch('/readyz', { headers: { Cookie: `kindling_d1_bookmark=${bookmark}` } });
    expect(read.status).toBe(200);
    expect((bookmarkOf(read) ?? bookmark!) >= bookmark!).toBe(true);
    // A forged value is ignored rather than passed to D1.
    expect((await target.fetch('/readyz', { headers: { Cookie: 'kindling_d1_bookmark=<script>' } })).status).toBe(200);
  });

  it('counts rate limits in D1, per address and per CF-Connecting-IP, hashed', async () => {
    const ask = () =>
      target.fetch('/api/auth/email-link', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'limits@example.org' }) });
    for (let i = 0; i < 5; i++) expect((await ask()).status).toBe(202);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe('rate_limited');
    const rows = (await target.query('select key, count from rate_limit_counters')) as { key: string; count: number }[];
    expect(rows.filter((r) => r.key.startsWith('signInPerAddress:')).map((r) => r.count)).toContain(6);
    expect(rows.some((r) => r.key.startsWith('signInPerIp:'))).toBe(true);
    expect(rows.map((r) => r.key).join(' ')).not.toMatch(/limits@|127\.0\.0\.1/);
  });

  it('sends the security headers, hashed files for a year, and keeps the Vite manifest private', async () => {
    const page = await target.fetch('/');
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(page.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    // Pages link the built client: the Worker still reads the manifest through its binding.
    const script = (await page.text()).match(/<script type="module" src="([^"]+)"/)?.[1];
    expect(script).toMatch(/^\/assets\/.+\.js$/);
    // Served by the assets binding without the Worker: the headers come from the build's _headers.
    const asset = await target.fetch(script!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(asset.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    const manifest = await target.fetch('/.vite/manifest.json');
    expect(manifest.status).toBe(404);
    expect(await manifest.text()).not.toContain('isEntry');
    for (const hidden of ['/_headers', '/.assetsignore']) expect((await target.fetch(hidden)).status).toBe(404);
  });

  it('is a bundle with no Node built-ins, well under the Workers size limits', () => {
    const bundle = readFileSync(home.bundleFile);
    expect(bundle.toString('utf8')).not.toMatch(/(from\s*|import\s*\(\s*|require\s*\(\s*)["']node:/);
    expect(gzipSync(bundle).length).toBeLessThan(1024 * 1024); // the free plan allows 3 MiB gzip
  });
});
