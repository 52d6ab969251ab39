/**
 * The analytics page, /c/:slug/analytics, for the community's facilitators: the same figures as
 * GET /api/communities/:slug/analytics. Anyone else: 404 for a private community, 403 for a public one.
 */
import { Hono } from 'hono';
import { communityForViewer } from '../../domain/communities/access';
import { manages } from '../../domain/communities/access';
import { analyticsOf } from '../../domain/analytics';
import type { AppEnv } from '../../middleware/env';
import { translator } from '../../../web/src/i18n';
import { facilitatorLinks } from './facilitator';
import { renderNotFound, renderPage, viewerLang } from './render';
import { yieldToRequests } from '../../yield-to-requests';

/**
 * Rendered pages by everything they show. A snapshot changes once a day, so a facilitator coming back reads
 * the HTML rendered before instead of drawing every chart and table again: rendering is most of this page's
 * cost (tests/bench/analytics.ts). Bounded; the oldest entry goes first.
 */
const rendered = new Map<string, string>();
const MOST_RENDERED = 64;

function memoised(key: string) {
  return (build: () => string) => {
    const hit = rendered.get(key);
    if (hit !== undefined) return hit;
    const html = build();
    if (rendered.size >= MOST_RENDERED) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, html);
    return html;
  };
}

export const analyticsPageRoutes = new Hono<AppEnv>().get('/c/:slug/analytics', async (c) => {
  const { db, caller, now } = c.var;
  const lang = viewerLang(c);
  const t = translator(lang);
  // A private community's outsiders get not_found here, which the pages answer with their 404.
  const { community, role } = await communityForViewer(db, c.req.param('slug'), caller);
  if (!manages(role)) {
    if (community.visibility === 'private') return renderNotFound(c);
    const shown = { slug: community.slug, name: community.name };
    return renderPage(c, 'FacilitatorsOnly', { community: shown }, { title: t('analytics.forbiddenTitle'), status: 403 });
  }
  const analytics = await analyticsOf(db, community, now, { pause: yieldToRequests });
  const facilitator = await facilitatorLinks(db, community, role);
  // Everything the HTML shows: the snapshot (by community and computation), names, links, viewer (and their steward link) and language.
  const key = JSON.stringify([community.id, community.slug, community.name, analytics.computedAt, analytics.asOf, facilitator, caller?.name, caller?.isSteward, lang, c.req.path]);
  return renderPage(c, 'Analytics', { analytics, facilitator }, { title: t('analytics.title', { community: community.name }), memo: memoised(key) });
});
