/**
 * Refuses unsafe requests a browser sent from another site. Hono's csrf() checks only form content types;
 * this covers JSON too. Requests with a Bearer token carry no ambient credentials and pass; so do requests
 * with neither Origin nor Sec-Fetch-Site (scripts and servers, which cannot ride a member's cookie).
 */
import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors';
import type { AppEnv } from './env';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// Not async: the common case (a read) passes straight on without an extra promise.
export const refuseCrossSite: MiddlewareHandler<AppEnv> = (c, next) => {
  if (SAFE_METHODS.has(c.req.method) || c.req.header('Authorization')?.startsWith('Bearer ')) return next();
  // Browsers set Sec-Fetch-Site themselves (pages cannot forge it), so when present it decides. It also
  // covers pages sent with `Referrer-Policy: no-referrer`, whose same-origin form posts carry `Origin: null`.
  const fetchSite = c.req.header('Sec-Fetch-Site');
  if (fetchSite) {
    if (fetchSite !== 'same-origin' && fetchSite !== 'none') throw new DomainError('cross_site', 'Cross-site requests are refused');
    return next();
  }
  const origin = c.req.header('Origin');
  if (origin) {
    const allowed = new URL(c.get('deps').config.publicUrl ?? c.req.url).origin;
    if (origin !== allowed && origin !== new URL(c.req.url).origin) {
      throw new DomainError('cross_site', 'Cross-site requests are refused');
    }
  }
  return next();
};
