/** Builds the one Kindling app from its dependencies; src/node.ts and src/worker.ts only wrap it. */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from './domain/errors';
import type { Deps } from './deps';
import { authenticate } from './middleware/auth';
import { refuseCrossSite } from './middleware/cross-site';
import type { AppEnv } from './middleware/env';
import { handleError, handleNotFound } from './middleware/errors';
import { idempotency } from './middleware/idempotency';
import { drainAfterWrites } from './middleware/recognition';
import { securityHeaders } from './middleware/security-headers';
import { apiRoutes } from './routes/api';
import { authPageRoutes } from './routes/auth-pages';
import { feedRoutes } from './routes/feeds';
import { healthRoutes } from './routes/health';
import { IMPORT_BYTE_LIMIT } from './domain/series/series-file';
import { MAX_UPLOAD_REQUEST_BYTES } from './routes/images';
import { webRoutes } from './routes/web';
import { renderNotFound } from './routes/web/render';

/** JSON bodies are small (an answer is at most 500 characters); anything bigger is a mistake or abuse. */
const MAX_JSON_BYTES = 64 * 1024;

/**
 * A declared Content-Length is checked as Hono's bodyLimit checks it (the HTTP server never reads past it),
 * without touching the body: bodyLimit's first look at `c.req.raw.body` makes @hono/node-server build a full
 * web Request (streams, an AbortSignal) for every POST and read the body through it, where it otherwise
 * reads the bytes directly; about a tenth of an answer POST. Bodies of unknown length are counted by bodyLimit.
 */
const limit = (maxSize: number, message = `Request bodies are limited to ${maxSize} bytes`): MiddlewareHandler => {
  const tooLarge = () => new DomainError('payload_too_large', message, { issues: [{ path: 'body', message }] });
  const counted = bodyLimit({
    maxSize,
    onError: () => {
      throw tooLarge();
    },
  });
  return (c, next) => {
    const declared = c.req.header('Content-Length');
    if (declared === undefined || c.req.header('Transfer-Encoding') !== undefined) return counted(c, next);
    if (Number(declared) > maxSize) throw tooLarge();
    return next();
  };
};
const jsonLimit = limit(MAX_JSON_BYTES);
const uploadLimit = limit(MAX_UPLOAD_REQUEST_BYTES);
/** A series file: refused from IMPORT_BYTE_LIMIT bytes on, before it is read. */
const importLimit = limit(IMPORT_BYTE_LIMIT - 1, 'Import files must be smaller than 5 MB');
const isImportPath = (path: string) => /^\/api\/communities\/[^/]+\/series\/import$/.test(path);

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

export function createApp(deps: Deps) {
  const root = new Hono<AppEnv>();
  // First, so that static files, 404s and errors get the headers too; not even a pass-through where the
  // HTTP server sends them (Node), since /healthz pays for every middleware.
  if (!deps.serverSendsSecurityHeaders) root.use(securityHeaders(deps.config.publicUrl));
  const app = root
    .use('/assets/*', deps.staticFiles ?? ((_c, next) => next()))
    .use((c, next) => {
      c.set('deps', deps);
      c.set('db', deps.db);
      c.set('now', deps.clock());
      return next();
    })
    // Around everything after it, pages and API alike: recognition is refreshed after any write that answered.
    .use(drainAfterWrites)
    // Every body is bounded before anything reads it (the idempotency fingerprint does); only the image
    // upload gets more room than JSON.
    .use('/api/*', (c, next) => {
      // GET and HEAD carry no body; skipping them also spares building a full Request object per read.
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
      if (c.req.method === 'POST' && isImportPath(c.req.path)) return importLimit(c, next);
      return (c.req.method === 'POST' && c.req.path === '/api/images' ? uploadLimit : jsonLimit)(c, next);
    })
    .use(refuseCrossSite)
    .use(authenticate)
    .use('/api/*', idempotency)
    .route('/', healthRoutes)
    .route('/', authPageRoutes)
    .route('/', apiRoutes);

  // Pages come last and outside the typed API: their props are typed from AppType (src/api-type.ts).
  // Feeds first: /c/:slug/prompts.atom must not reach the community's pages.
  app.route('/', feedRoutes);
  app.route('/', webRoutes);
  app.onError(handleError);
  // People reach unknown paths by typos and old links: they get the friendly page; programs calling /api keep JSON.
  app.notFound((c) => (isApiPath(c.req.path) ? handleNotFound(c) : renderNotFound(c)));
  return app;
}
