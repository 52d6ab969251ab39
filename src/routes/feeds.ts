/**
 * Feeds for feed readers and calendar apps: /c/:slug/{prompts.atom,gallery.atom,calendar.ics} for public
 * communities, /feeds/<token>/… (a member's secret URL) for any community. These clients cannot sign in and
 * show no web page, so what they may not read is a plain 404, the same for "no such community" and "private".
 */
import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import { DomainError } from '../domain/errors';
import { feedAccessByToken, publicFeedAccess, type FeedAccess } from '../domain/reach/feed-tokens';
import { liveCalendar } from '../domain/live/feed';
import { galleryAtom, promptCalendar, promptsAtom, type FeedUrls } from '../domain/reach/feeds';
import type { AppEnv } from '../middleware/env';
import { handleError } from '../middleware/errors';

const ATOM = 'application/atom+xml; charset=utf-8';
const CALENDAR = 'text/calendar; charset=utf-8';
/** Feed readers poll; five minutes of freshness is plenty for a daily prompt, and ETags make the rest cheap. */
const MAX_AGE = 300;

type Build = (c: Context<AppEnv>, access: FeedAccess, urls: FeedUrls) => Promise<string>;

const files: Record<string, { type: string; build: Build }> = {
  'prompts.atom': { type: ATOM, build: (c, access, urls) => promptsAtom(c.var.db, access, urls) },
  'gallery.atom': { type: ATOM, build: (c, access, urls) => galleryAtom(c.var.db, access, urls, c.var.now) },
  'calendar.ics': { type: CALENDAR, build: (c, access, urls) => promptCalendar(c.var.db, access, urls, c.var.now) },
  'live.ics': { type: CALENDAR, build: (c, access, urls) => liveCalendar(c.var.db, access, urls, c.var.now) },
};

async function serve(c: Context<AppEnv>, file: string, access: () => Promise<FeedAccess>, feedBase: string) {
  const kind = files[file]!;
  const baseUrl = c.var.deps.config.publicUrl ?? new URL(c.req.url).origin;
  const body = await kind.build(c, await access(), { baseUrl, feedBase });
  const secret = feedBase.startsWith('/feeds/');
  // A secret URL's answers are for one member: shared caches must not keep them, nor search engines list them.
  c.header('Cache-Control', `${secret ? 'private' : 'public'}, max-age=${MAX_AGE}`);
  if (secret) c.header('X-Robots-Tag', 'noindex');
  return c.body(body, 200, { 'Content-Type': kind.type });
}

/**
 * One static route per file (no `:file` parameter): a parameter beside the community pages' static segments
 * (/c/:slug/feeds, /c/:slug/p/…) would push Hono off its RegExpRouter (tests/api/health.test.ts).
 * Secret tokens are randomToken()'s 43 base64url characters; anything else is not worth a hash or a query.
 */
export const feedRoutes = new Hono<AppEnv>();
for (const file of Object.keys(files)) {
  feedRoutes.get(`/c/:slug/${file}`, etag(), (c) => {
    const slug = c.req.param('slug');
    return serve(c, file, () => publicFeedAccess(c.var.db, slug), `/c/${encodeURIComponent(slug)}`);
  });
  feedRoutes.get(`/feeds/:token{[A-Za-z0-9_-]{20,100}}/${file}`, etag(), (c) => {
    const token = c.req.param('token');
    return serve(c, file, () => feedAccessByToken(c.var.db, token), `/feeds/${token}`);
  });
}

// Feed clients get a plain 404, not the web page; other errors answer as everywhere else.
feedRoutes.onError((err, c) =>
  err instanceof DomainError && err.code === 'not_found' ? c.text('Not found', 404) : handleError(err, c),
);
