/**
 * The JSON API under /api, one sub-app per area. Its type is the typed client's contract (src/api-type.ts);
 * the pages are not part of it.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';
import { analyticsRoutes } from './analytics';
import { answerSettingsRoutes } from './answer-settings';
import { authRoutes } from './auth';
import { chatWebhookRoutes } from './chat-webhooks';
import { communityRoutes } from './communities';
import { connectRoutes } from './connect';
import { creditRoutes } from './credits';
import { dataRightsRoutes } from './data-rights';
import { feedTokenRoutes } from './feed-tokens';
import { imageRoutes } from './images';
import { leaderboardRoutes } from './leaderboard';
import { mailEventRoutes } from './mail-events';
import { mailInboundRoutes } from './mail-inbound';
import { mailPreferenceRoutes } from './mail-preferences';
import { libraryRoutes } from './library';
import { liveRoutes } from './live';
import { meRoutes } from './me';
import { moderationRoutes } from './moderation';
import { openapiRoutes } from './openapi';
import { promptRoutes } from './prompts';
import { recognitionRoutes } from './recognition';
import { recognitionBadgeRoutes } from './recognition-badges';
import { seriesRoutes } from './series';
import { stewardActionRoutes } from './steward-actions';
import { stewardRoutes } from './stewards';
import { seriesFileRoutes } from './series-files';
import { submissionRoutes } from './submissions';
import { templateRoutes } from './templates';

export const apiRoutes = new Hono<AppEnv>()
  .route('/api', openapiRoutes)
  .route('/api', authRoutes)
  .route('/api', meRoutes)
  .route('/api', communityRoutes)
  .route('/api', seriesRoutes)
  .route('/api', seriesFileRoutes)
  .route('/api', libraryRoutes)
  .route('/api', promptRoutes)
  .route('/api', submissionRoutes)
  .route('/api', imageRoutes)
  .route('/api', recognitionRoutes)
  .route('/api', recognitionBadgeRoutes)
  .route('/api', answerSettingsRoutes)
  .route('/api', leaderboardRoutes)
  .route('/api', feedTokenRoutes)
  .route('/api', templateRoutes)
  .route('/api', dataRightsRoutes)
  .route('/api', moderationRoutes)
  .route('/api', mailEventRoutes)
  .route('/api', mailInboundRoutes)
  .route('/api', chatWebhookRoutes)
  .route('/api', mailPreferenceRoutes)
  .route('/api', analyticsRoutes)
  .route('/api', stewardRoutes)
  .route('/api', connectRoutes)
  .route('/api', liveRoutes)
  .route('/api', creditRoutes)
  .route('/api', stewardActionRoutes);
