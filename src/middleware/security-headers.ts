/**
 * Security headers on every response the app makes: pages, 404s, errors, JSON, images, static files.
 * Hono's secureHeaders() would do for one policy, but pages and everything else need different CSPs, and
 * a route's own CSP (the image route's) must win; so this small one. Values are built once (src/security-headers.ts):
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
    for (const [name, value] of COMMON_HEADERS) headers.set(name, value);
    if (!headers.has('Content-Security-Policy')) {
      const isPage = headers.get('Content-Type')?.startsWith('text/html') ?? false;
      headers.set('Content-Security-Policy', isPage ? PAGE_CSP : RESOURCE_CSP);
    }
    if (alwaysHttps || c.req.url.startsWith('https:')) headers.set('Strict-Transport-Security', HSTS);
  };
}
