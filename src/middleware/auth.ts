/** Identifies the caller from `Authorization: Bearer` or the session cookie; lookups happen only when one is sent. */
import type { Context, MiddlewareHandler, Next } from 'hono';
import { getCookie } from 'hono/cookie';
import { DomainError } from '../domain/errors';
import { callerForApiToken, callerForSession, type Caller } from '../domain/identity/sessions';
import type { AppEnv } from './env';

/** Not imported from the route file: middleware does not depend on routes. */
const SETUP_STEWARD_PATH = '/api/setup/steward';

export const SESSION_COOKIE = 'kindling_session';
export const SECURE_SESSION_COOKIE = '__Host-kindling_session';

export function isHttps(c: Context<AppEnv>): boolean {
  const base = c.get('deps').config.publicUrl ?? c.req.url;
  return base.startsWith('https:');
}

export function sessionCookieName(c: Context<AppEnv>): string {
  return isHttps(c) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export const authenticate: MiddlewareHandler<AppEnv> = (c, next) => {
  c.set('caller', null);
  c.set('authVia', null);
  const header = c.req.header('Authorization');
  // The first steward's bootstrap carries the setup secret there, not an API token (src/routes/stewards.ts).
  if (header?.startsWith('Bearer ') && c.req.path !== SETUP_STEWARD_PATH) return withApiToken(c, header.slice(7).trim(), next);
  // Most reads (visitors, health checks) send no cookie: no parsing, no lookup, not even a promise for them.
  if (!c.req.header('Cookie')) return next();
  const token = getCookie(c, sessionCookieName(c));
  return token ? withSession(c, token, next) : next();
};

async function withApiToken(c: Context<AppEnv>, token: string, next: Next) {
  const caller = await callerForApiToken(c.get('db'), token);
  if (!caller) throw new DomainError('unauthenticated', 'The API token is not valid');
  c.set('caller', caller);
  c.set('authVia', 'bearer');
  await next();
}

async function withSession(c: Context<AppEnv>, token: string, next: Next) {
  const caller = await callerForSession(c.get('db'), token, c.get('now'));
  if (caller) {
    c.set('caller', caller);
    c.set('authVia', 'cookie');
  }
  await next();
}

export function requireCaller(c: Context<AppEnv>): Caller {
  const caller = c.get('caller');
  if (!caller) throw new DomainError('unauthenticated', 'Sign in first');
  return caller;
}
