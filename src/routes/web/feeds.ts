/**
 * The page for following a community from a feed reader or calendar app: /c/:slug/feeds. Its POST makes a
 * member's private links (revoking the old ones) and shows them once; the API does the same at
 * POST /api/communities/:slug/feed-token.
 */
import { Hono, type Context } from 'hono';
import { communityForViewer, type Community, type ViewerRole } from '../../domain/communities/access';
import { rotateFeedToken } from '../../domain/reach/feed-tokens';
import type { AppEnv } from '../../middleware/env';
import { translator } from '../../../web/src/i18n';
import type { FeedLinks } from '../../../web/src/pages/Feeds';
import { renderPage, viewerLang } from './render';

const linksUnder = (base: string): FeedLinks => ({
  prompts: `${base}/prompts.atom`,
  gallery: `${base}/gallery.atom`,
  calendar: `${base}/calendar.ics`,
});

function feedsPage(c: Context<AppEnv>, community: Community, role: ViewerRole, secretLinks: FeedLinks | null) {
  const origin = c.var.deps.config.publicUrl ?? new URL(c.req.url).origin;
  const publicLinks = community.visibility === 'public' ? linksUnder(`${origin}/c/${encodeURIComponent(community.slug)}`) : null;
  const title = translator(viewerLang(c))('feeds.title', { community: community.name });
  const props = { community: { slug: community.slug, name: community.name }, publicLinks, canMakeSecret: role !== 'visitor', secretLinks };
  const res = renderPage(c, 'Feeds', props, { title });
  // The page that shows private links must not stay in any cache, the browser's included.
  if (secretLinks) res.headers.set('Cache-Control', 'no-store');
  return res;
}

export const feedsPageRoutes = new Hono<AppEnv>()
  .get('/c/:slug/feeds', async (c) => {
    const { community, role } = await communityForViewer(c.var.db, c.req.param('slug'), c.var.caller);
    return feedsPage(c, community, role, null);
  })
  .post('/c/:slug/feeds', async (c) => {
    const slug = c.req.param('slug');
    const { db, caller, now } = c.var;
    if (!caller) return c.redirect(`/sign-in?next=${encodeURIComponent(`/c/${slug}/feeds`)}`, 303);
    const { community, token } = await rotateFeedToken(db, caller, slug, now);
    const origin = c.var.deps.config.publicUrl ?? new URL(c.req.url).origin;
    const { role } = await communityForViewer(db, slug, caller);
    return feedsPage(c, community, role, linksUnder(`${origin}/feeds/${token}`));
  });
