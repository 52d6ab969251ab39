/** The directory page and the language switch. */
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { communityForViewer } from '../../domain/access';
import { listCommunities } from '../../domain/communities';
import { todayInCommunity } from '../../domain/today';
import type { AppEnv } from '../../middleware/env';
import { LANG_COOKIE, renderPage } from './render';

/** A directory page is an overview; past this many communities, the API lists them all. */
const MAX_COMMUNITIES = 100;

export const homeRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { db, caller, now } = c.var;
    const listed = (await listCommunities(db, caller)).slice(0, MAX_COMMUNITIES);
    const communities = [];
    for (const item of listed) {
      // Re-checked through the access rule, so this page can never show more than the API would.
      const { community } = await communityForViewer(db, item.slug, caller);
      const today = await todayInCommunity(db, community, now);
      communities.push({ slug: item.slug, name: item.name, visibility: item.visibility, openToday: today.prompts.length });
    }
    return renderPage(c, 'Communities', { communities }, { title: 'Communities' });
  })
  .get('/lang/:lang{en|fr}', (c) => {
    setCookie(c, LANG_COOKIE, c.req.param('lang'), { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
    const next = c.req.query('next') ?? '/';
    // Only local paths: never an open redirect.
    return c.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/', 303);
  });
