/** Renders a web page (server-side Preact) inside the shared shell, in the viewer's language. */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { renderDocument } from '../../../web/src/document';
import { pickLang, type Lang } from '../../../web/src/i18n';
import type { PageName, PagePropsOf } from '../../../web/src/pages';
import type { AppEnv } from '../../middleware/env';

export const LANG_COOKIE = 'kindling_lang';

export function viewerLang(c: Context<AppEnv>): Lang {
  return pickLang(getCookie(c, LANG_COOKIE), c.req.header('Accept-Language'));
}

export function renderPage<N extends PageName>(
  c: Context<AppEnv>,
  page: N,
  props: PagePropsOf<N>,
  opts: { title: string; status?: 200 | 404; meta?: Record<string, string> },
) {
  const caller = c.var.caller;
  const html = renderDocument({
    page,
    props,
    title: `${opts.title} · Kindling`,
    assets: c.var.deps.web,
    meta: opts.meta,
    shell: { lang: viewerLang(c), viewer: caller ? { name: caller.name } : null, path: new URL(c.req.url).pathname },
  });
  // Pages can show private answers: never let a shared cache keep them.
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', 'Cookie, Accept-Language');
  return c.html(html, opts.status ?? 200);
}
