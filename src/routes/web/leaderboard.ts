/**
 * A community's leaderboard page (this week or all time, by ?period=), and the opt-out switch's
 * no-JavaScript handler (the same change as PATCH /api/me showOnLeaderboards).
 */
import { Hono } from 'hono';
import { communityForViewer } from '../../domain/communities/access';
import { updateMe } from '../../domain/identity/auth';
import { leaderboard } from '../../domain/boards/leaderboard';
import type { AppEnv } from '../../middleware/env';
import { translator } from '../../../web/src/i18n';
import { facilitatorLinks } from './facilitator';
import { formBodyLimit, renderPage, viewerLang } from './render';

/** A page shows more of the board than the API's default, within its maximum. */
const BOARD_SIZE = 50;

const boardPath = (slug: string, period: 'week' | 'all') =>
  `/c/${encodeURIComponent(slug)}/leaderboard${period === 'all' ? '?period=all' : ''}`;

export const leaderboardPageRoutes = new Hono<AppEnv>()
  .get('/c/:slug/leaderboard', async (c) => {
    const { db, caller, now } = c.var;
    const slug = c.req.param('slug');
    const period = c.req.query('period') === 'all' ? 'all' : 'week';
    const { community, role } = await communityForViewer(db, slug, caller);
    const board = await leaderboard(db, { slug, caller, period, limit: BOARD_SIZE }, now);
    const t = translator(viewerLang(c));
    return renderPage(
      c,
      'Leaderboard',
      {
        community: { slug: community.slug, name: community.name },
        board,
        viewer: caller ? { showOnLeaderboards: caller.showOnLeaderboards, member: role !== 'visitor' } : null,
        saved: c.req.query('saved') === '1',
        facilitator: await facilitatorLinks(db, community, role),
      },
      { title: t('leaderboard.title', { community: community.name }) },
    );
  })
  .post('/c/:slug/leaderboard/visibility', formBodyLimit(1024), async (c) => {
    const caller = c.get('caller');
    if (!caller) return c.redirect('/sign-in', 303);
    const form = await c.req.parseBody();
    // An unticked checkbox sends nothing: absent means "hide me".
    await updateMe(c.get('db'), caller.id, { showOnLeaderboards: form.show === 'on' });
    const back = boardPath(c.req.param('slug'), form.period === 'all' ? 'all' : 'week');
    return c.redirect(`${back}${back.includes('?') ? '&' : '?'}saved=1`, 303);
  });
