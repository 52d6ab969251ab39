/**
 * Security headers on every response the app makes: pages, 404s, errors, JSON, images, static files.
 * Hono's secureHeaders() would do for one policy, but pages and everything else need different CSPs, and
 * a route's own headers (the image route's CSP, the confirm page's Referrer-Policy) must win; so this small one. Values are built once (src/security-headers.ts):
 * per request it only sets strings.
 */
import type { MiddlewareHandler } from 'hono';
import { COMMON_HEADERS, HSTS, PAGE_CSP, RESOURCE_CSP } from '../security-headers';

export function securityHeaders(publicUrl: string | undefined): MiddlewareHandler {
  // A public https URL means a TLS proxy in front: the request itself may arrive as plain http.
  const alwaysHttps = publicUrl?.startsWith('https:') ?? false;
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    // A route's own choice wins (the sign-in confirm page sends no Referer at all: its URL holds a token).
    for (const [name, value] of COMMON_HEADERS) if (!headers.has(name)) headers.set(name, value);
    if (!headers.has('Content-Security-Policy')) {
      const isPage = headers.get('Content-Type')?.startsWith('text/html') ?? false;
      headers.set('Content-Security-Policy', isPage ? PAGE_CSP : RESOURCE_CSP);
    }
    if (alwaysHttps || c.req.url.startsWith('https:')) headers.set('Strict-Transport-Security', HSTS);
  };
}
