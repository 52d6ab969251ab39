/** Builds the one Kindling app from its dependencies; src/node.ts and src/worker.ts only wrap it. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from './domain/errors';
import type { Deps } from './deps';
import { authenticate } from './middleware/auth';
import { refuseCrossSite } from './middleware/cross-site';
import type { AppEnv } from './middleware/env';
import { handleError, handleNotFound } from './middleware/errors';
import { idempotency } from './middleware/idempotency';
import { authRoutes } from './routes/auth';
import { authPageRoutes } from './routes/auth-pages';
import { communityRoutes } from './routes/communities';
import { healthRoutes } from './routes/health';
import { leaderboardRoutes } from './routes/leaderboard';
import { meRoutes } from './routes/me';
import { openapiRoutes } from './routes/openapi';
import { promptRoutes } from './routes/prompts';
import { seriesRoutes } from './routes/series';
import { webRoutes } from './routes/web';
import { submissionRoutes } from './routes/submissions';

/** JSON bodies are small (an answer is at most 500 characters); anything bigger is a mistake or abuse. */
const MAX_JSON_BYTES = 64 * 1024;

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('deps', deps);
      c.set('db', deps.db);
      c.set('now', deps.clock());
      await next();
    })
    .use(
      '/api/*',
      bodyLimit({
        maxSize: MAX_JSON_BYTES,
        onError: () => {
          throw new DomainError('payload_too_large', `Request bodies are limited to ${MAX_JSON_BYTES} bytes`);
        },
      }),
    )
    .use(refuseCrossSite)
    .use(authenticate)
    .use('/api/*', idempotency)
    .route('/', healthRoutes)
    .route('/', webRoutes)
    .route('/', authPageRoutes)
    .route('/api', openapiRoutes)
    .route('/api', authRoutes)
    .route('/api', meRoutes)
    .route('/api', communityRoutes)
    .route('/api', seriesRoutes)
    .route('/api', promptRoutes)
    .route('/api', submissionRoutes)
    .route('/api', leaderboardRoutes);

  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
