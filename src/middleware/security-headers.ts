/**
 * Security headers on every response the app makes: pages, 404s, errors, JSON, images, static files. The
 * values are built once (src/security-headers.ts); a route's own header wins (a page's CSP, the image route's
 * sandbox, the confirm page's Referrer-Policy), as it does when the Node server sends them (src/node/headers.ts).
 * Hono's secureHeaders() would overwrite a route's choice, so this small one.
 */
import type { MiddlewareHandler } from 'hono';
import { baseHeaders, HSTS } from '../security-headers';

export function securityHeaders(publicUrl: string | undefined): MiddlewareHandler {
  const base = Object.entries(baseHeaders(publicUrl));
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of base) if (!headers.has(name)) headers.set(name, value);
    if (c.req.url.startsWith('https:')) headers.set('Strict-Transport-Security', HSTS);
  };
}
