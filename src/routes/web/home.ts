/** The directory page and the language switch. */
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { listDirectory } from '../../domain/directory/listing';
import { pinnedShowcase } from '../../domain/stewards';
import type { AppEnv } from '../../middleware/env';
import { translator } from '../../../web/src/i18n';
import { LANG_COOKIE, renderPage, viewerLang } from './render';

/** A directory page is an overview; past this many communities, the API lists them all. */
const MAX_COMMUNITIES = 100;

export const homeRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    // listDirectory applies the visibility rule itself: public ones, plus private ones the caller belongs to.
    const listed = await listDirectory(c.get('db'), c.get('caller'), c.get('now'), MAX_COMMUNITIES);
    const communities = listed.map(({ timeZone: _, ...shown }) => shown);
    return renderPage(
      c,
      'Communities',
      { communities, showcase: await pinnedShowcase(c.get('db')), signedIn: c.get('caller') !== null },
      { title: translator(viewerLang(c))('communities.title') },
    );
  })
  .get('/lang/:lang{en|fr}', (c) => {
    setCookie(c, LANG_COOKIE, c.req.param('lang'), { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
    const next = c.req.query('next') ?? '/';
    // Only local paths: never an open redirect.
    return c.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/', 303);
  });
