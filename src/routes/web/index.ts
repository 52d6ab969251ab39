/** The web app's server-rendered pages. Each area keeps its own sub-app; this file only gathers them. */
import { Hono } from 'hono';
import { DomainError } from '../../domain/errors';
import type { AppEnv } from '../../middleware/env';
import { handleError } from '../../middleware/errors';
import { analyticsPageRoutes } from './analytics';
import { appIconRoutes } from './app-icons';
import { answerPageRoutes } from './answer';
import { dataRightsPageRoutes } from './data-rights';
import { chatWebhookPageRoutes } from './chat-webhooks';
import { feedsPageRoutes } from './feeds';
import { galleryPageRoutes } from './gallery';
import { homeRoutes } from './home';
import { joinRoutes } from './join';
import { leaderboardPageRoutes } from './leaderboard';
import { mailLinkRoutes } from './mail-links';
import { libraryPageRoutes } from './library';
import { memberPageRoutes } from './member';
import { moderationPageRoutes } from './moderation';
import { profilePageRoutes } from './profile';
import { renderNotFound } from './render';
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
  .route('/', analyticsPageRoutes);

// A page for something the viewer may not see (or that does not exist) is the same friendly 404 page
// everywhere, so page routes just let the domain's not_found through; other errors answer as the API does.
webRoutes.onError((err, c) => (err instanceof DomainError && err.code === 'not_found' ? renderNotFound(c) : handleError(err, c)));
