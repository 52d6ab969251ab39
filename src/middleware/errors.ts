/** One error shape for every failure: { error: { code, message, issues?, existingId? } }. */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, errorStatus, type ErrorCode, type Issue } from '../domain/errors';
import { RateLimitedError } from '../domain/limits/enforce';
import { isBusy } from '../../db/busy-statements';
import { errorKind } from '../error-kind';

export function errorBody(code: ErrorCode, message: string, extra: { issues?: Issue[]; existingId?: number } = {}) {
  return { error: { code, message, ...extra } };
}

export function errorResponse(c: Context, err: DomainError) {
  // A rate limit says when to come back, in the header clients and proxies read as well as in the message.
  const headers = err instanceof RateLimitedError ? { 'Retry-After': String(err.retryAfterSeconds) } : undefined;
  return c.json(errorBody(err.code, err.message, err.extra), errorStatus[err.code] as ContentfulStatusCode, headers);
}

export const handleError: ErrorHandler = (err, c) => {
  if (err instanceof DomainError) return errorResponse(c, err);
  if (err instanceof HTTPException) {
    // Hono's own 400 comes from a body that is not valid JSON; 413 from the body limit.
    const code: ErrorCode =
      err.status === 413 ? 'payload_too_large' : err.status === 400 ? 'invalid_json' : 'invalid_input';
    const message = err.status === 400 ? 'The request body is not valid JSON' : err.message;
    return c.json(errorBody(code, message, { issues: [{ path: 'body', message }] }), err.status);
  }
  // Retried with the same Idempotency-Key, a write that met a locked database happens once.
  if (isBusy(err)) {
    console.error(`[busy] ${c.req.method} ${c.req.routePath}: the database stayed locked past the busy timeout; answered 503`);
    const message = 'The database is busy; try again in a moment';
    return c.json(errorBody('unavailable', message), 503, { 'Retry-After': '1' });
  }
  // Unexpected: log the kind of failure, never request bodies or addresses.
  console.error(`[error] ${c.req.method} ${c.req.routePath}: ${errorKind(err)}`);
  return c.json(errorBody('internal', 'Something went wrong on our side'), 500);
};

export const handleNotFound: NotFoundHandler = (c) =>
  c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404);
