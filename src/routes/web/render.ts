/** Renders a web page (server-side Preact) inside the shared shell, in the viewer's language. */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { renderDocument } from '../../../web/src/document';
import { pickLang, translator, type Lang } from '../../../web/src/i18n';
import type { PageName, PagePropsOf } from '../../../web/src/pages';
import { DomainError } from '../../domain/errors';
import type { AppEnv } from '../../middleware/env';
import { isLocalPath } from '../../schemas';
import { PAGE_CSP } from '../../security-headers';

export const LANG_COOKIE = 'kindling_lang';

export function viewerLang(c: Context<AppEnv>): Lang {
  return pickLang(getCookie(c, LANG_COOKIE), c.req.header('Accept-Language'));
}

export function renderPage<N extends PageName>(
  c: Context<AppEnv>,
  page: N,
  props: PagePropsOf<N>,
  opts: {
    title: string;
    description?: string;
    status?: 200 | 400 | 403 | 404 | 409 | 413 | 422 | 429 | 500;
    meta?: Record<string, string>;
    lang?: Lang;
    feeds?: { type: string; title: string; href: string }[];
    /**
     * Lets a page reuse HTML it rendered before (`build` renders it): its key must cover everything the HTML
     * shows, the viewer's name, language and path included (see routes/web/analytics.ts).
     */
    memo?: (build: () => string) => string;
  },
) {
  const caller = c.get('caller');
  const lang = opts.lang ?? viewerLang(c);
  const description = opts.description ?? opts.meta?.['og:description'] ?? translator(lang)('meta.description');
  const build = () => renderDocument({
    page,
    props,
    title: `${opts.title} · Kindling`,
    // Search results and link previews show it; a page without its own says what Kindling is.
    description,
    assets: c.get('deps').web,
    // Error pages (404 included) get no preview tags: a link to them has nothing to preview.
    meta: opts.meta ?? ((opts.status ?? 200) === 200 ? pageCard(c, opts.title, description, translator(lang)('app.name')) : undefined),
    feeds: opts.feeds,
    shell: { lang, viewer: caller ? { name: caller.name, steward: caller.isSteward } : null, path: new URL(c.req.url).pathname },
  });
  const html = opts.memo ? opts.memo(build) : build();
  // Pages can show private answers: never let a shared cache keep them.
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', 'Cookie, Accept-Language');
  c.header('Content-Security-Policy', PAGE_CSP);
  return c.html(html, opts.status ?? 200);
}

/**
 * Open Graph tags for a page without its own (every page but an answer's permalink): its title and description,
 * and the static brand card as the preview image.
 */
function pageCard(c: Context<AppEnv>, title: string, description: string, siteName: string): Record<string, string> {
  const base = c.get('deps').config.publicUrl ?? new URL(c.req.url).origin;
  return {
    'og:type': 'website',
    'og:site_name': siteName,
    'og:title': title,
    'og:description': description,
    'og:image': new URL('/card.png', base).href,
    'og:image:width': '1200',
    'og:image:height': '630',
  };
}

/** The 404 page, for what does not exist and for what the viewer may not see (the same words for both). */
export function renderNotFound(c: Context<AppEnv>) {
  return renderPage(c, 'NotFound', {}, { title: translator(viewerLang(c))('error.notFoundTitle'), status: 404 });
}

/** The page for a failure on our side (500): says so kindly and offers to try the same page again. */
export function renderServerError(c: Context<AppEnv>) {
  const retry = new URL(c.req.url);
  return renderPage(c, 'ServerError', { retry: `${retry.pathname}${retry.search}` }, { title: translator(viewerLang(c))('error.serverTitle'), status: 500 });
}

/** A form's "come back here" field, if it is a local path; never an open redirect. */
export function localPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && isLocalPath(value) ? value : fallback;
}

/** Form posts to pages are small; the API's own limits only cover /api. */
export const formBodyLimit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError('payload_too_large', `Form bodies are limited to ${maxSize} bytes`);
    },
  });

/** A public community's feeds, for its pages' <head>; a private community's are secret, so its pages list none. */
export function communityFeeds(community: { slug: string; name: string; visibility: 'public' | 'private' }) {
  if (community.visibility !== 'public') return undefined;
  const base = `/c/${encodeURIComponent(community.slug)}`;
  return [
    { type: 'application/atom+xml', title: `${community.name}: prompts`, href: `${base}/prompts.atom` },
    { type: 'application/atom+xml', title: `${community.name}: answers`, href: `${base}/gallery.atom` },
    { type: 'text/calendar', title: `${community.name}: calendar`, href: `${base}/calendar.ics` },
  ];
}
