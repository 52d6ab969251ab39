/** The web app's server-rendered pages. Each area keeps its own sub-app; this file only gathers them. */
import { Hono } from 'hono';
import { DomainError } from '../../domain/errors';
import type { AppEnv } from '../../middleware/env';
import { handleError } from '../../middleware/errors';
import { analyticsPageRoutes } from './analytics';
import { appIconRoutes } from './app-icons';
import { answerPageRoutes } from './answer';
import { answerCardRoutes } from './answer-card';
import { dataRightsPageRoutes } from './data-rights';
import { chatWebhookPageRoutes } from './chat-webhooks';
import { connectPageRoutes } from './connect';
import { feedsPageRoutes } from './feeds';
import { galleryPageRoutes } from './gallery';
import { homeRoutes } from './home';
import { joinRoutes } from './join';
import { leaderboardPageRoutes } from './leaderboard';
import { mailLinkRoutes } from './mail-links';
import { libraryPageRoutes } from './library';
import { livePageRoutes } from './live';
import { memberPageRoutes } from './member';
import { moderationPageRoutes } from './moderation';
import { profilePageRoutes } from './profile';
import { renderNotFound, renderServerError } from './render';
import { seriesPageRoutes } from './series';
import { seriesManageRoutes } from './series-manage';
import { newCommunityRoutes } from './new-community';
import { networkPageRoutes } from './network';
import { stewardActionPageRoutes } from './steward-actions';
import { signInRoutes } from './sign-in';
import { templatePageRoutes } from './templates';
import { spotlightPageRoutes } from './spotlights';
import { todayRoutes } from './today';
import { weekPageRoutes } from './week';

// Annotated, not inferred: pages are not part of the typed API, and page props derive their types from
// AppType, so inferring this sub-app's type would make AppType refer to itself.
export const webRoutes: Hono<AppEnv> = new Hono<AppEnv>()
  .route('/', homeRoutes)
  .route('/', appIconRoutes)
  .route('/', todayRoutes)
  .route('/', signInRoutes)
  .route('/', joinRoutes)
  .route('/', galleryPageRoutes)
  .route('/', answerPageRoutes)
  .route('/', answerCardRoutes)
  .route('/', leaderboardPageRoutes)
  .route('/', profilePageRoutes)
  .route('/', dataRightsPageRoutes)
  .route('/', seriesPageRoutes)
  .route('/', seriesManageRoutes)
  .route('/', libraryPageRoutes)
  .route('/', memberPageRoutes)
  .route('/', weekPageRoutes)
  .route('/', spotlightPageRoutes)
  .route('/', feedsPageRoutes)
  .route('/', newCommunityRoutes)
  .route('/', networkPageRoutes)
  .route('/', stewardActionPageRoutes)
  .route('/', templatePageRoutes)
  .route('/', moderationPageRoutes)
  .route('/', chatWebhookPageRoutes)
  .route('/', mailLinkRoutes)
  .route('/', analyticsPageRoutes)
  .route('/', connectPageRoutes)
  .route('/', livePageRoutes);

// A page for something the viewer may not see (or that does not exist) is the same friendly 404 page
// everywhere, so page routes just let the domain's not_found through; other errors answer as the API does.
// An unexpected failure while reading a page (GET, from a browser) shows the friendly error page with the same
// 500, after handleError has logged it; form posts and scripts keep the error envelope.
webRoutes.onError(async (err, c) => {
  if (err instanceof DomainError && err.code === 'not_found') return renderNotFound(c);
  const res = await handleError(err, c);
  if (res.status < 500 || c.req.method !== 'GET' || !(c.req.header('Accept') ?? '').includes('text/html')) return res;
  try {
    return renderServerError(c);
  } catch {
    // The page itself could not be drawn: the envelope still says what happened.
    return res;
  }
});
