/**
 * The analytics page, /c/:slug/analytics, for the community's facilitators: the same figures as
 * GET /api/communities/:slug/analytics. Anyone else: 404 for a private community, 403 for a public one.
 */
import { Hono } from 'hono';
import { communityForViewer } from '../../domain/access';
import { analyticsOf } from '../../domain/analytics';
import type { AppEnv } from '../../middleware/env';
import { translator } from '../../../web/src/i18n';
import { facilitatorLinks } from './facilitator';
import { renderNotFound, renderPage, viewerLang } from './render';

export const analyticsPageRoutes = new Hono<AppEnv>().get('/c/:slug/analytics', async (c) => {
  const { db, caller, now } = c.var;
  const t = translator(viewerLang(c));
  // A private community's outsiders get not_found here, which the pages answer with their 404.
  const { community, role } = await communityForViewer(db, c.req.param('slug'), caller);
  if (role !== 'facilitator') {
    if (community.visibility === 'private') return renderNotFound(c);
    const shown = { slug: community.slug, name: community.name };
    return renderPage(c, 'FacilitatorsOnly', { community: shown }, { title: t('analytics.forbiddenTitle'), status: 403 });
  }
  const analytics = await analyticsOf(db, community, now);
  return renderPage(
    c,
    'Analytics',
    { analytics, facilitator: await facilitatorLinks(db, community, role) },
    { title: t('analytics.title', { community: community.name }) },
  );
});
