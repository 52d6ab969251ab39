/** Server-rendered pages as production serves them, for tests that read their HTML and embedded page data. */
import { createApp } from '../../src/app';
import { noMailer } from '../../src/mail/transports';
import type { TestApp } from './app';

/**
 * GETs `path` from a twin of the test app given (fake) built assets, so that pages embed their data for
 * hydration (`#page-data`) as in production. Without built assets (the test app) pages carry no script.
 */
export async function renderPage(t: TestApp, path: string, opts: { token?: string; lang?: string } = {}) {
  const app = createApp({
    db: t.db,
    clock: t.clock.now,
    mailer: noMailer,
    config: t.config,
    images: t.images,
    web: { entry: '/assets/main.js', css: [], preload: {} },
  });
  const headers: Record<string, string> = {};
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.lang) headers['Accept-Language'] = opts.lang;
  const res = await app.request(path, { headers });
  const html = await res.text();
  const data = /<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec(html)?.[1];
  return { status: res.status, html, data: data ? JSON.parse(data) : null };
}

/** The content of `<meta property="…">` (Open Graph), or undefined. */
export const metaProperty = (html: string, property: string) =>
  new RegExp(`<meta property="${property}" content="([^"]*)">`).exec(html)?.[1];
