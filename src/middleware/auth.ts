/** Identifies the caller from `Authorization: Bearer` or the session cookie; lookups happen only when one is sent. */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { DomainError } from '../domain/errors';
import { callerForApiToken, callerForSession, type Caller } from '../domain/sessions';
import type { AppEnv } from './env';

export const SESSION_COOKIE = 'kindling_session';
export const SECURE_SESSION_COOKIE = '__Host-kindling_session';

export function isHttps(c: Context<AppEnv>): boolean {
  const base = c.var.deps.config.publicUrl ?? c.req.url;
  return base.startsWith('https:');
}

export function sessionCookieName(c: Context<AppEnv>): string {
  return isHttps(c) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('caller', null);
  c.set('authVia', null);
  const header = c.req.header('Authorization');
  if (header?.startsWith('Bearer ')) {
    const caller = await callerForApiToken(c.var.db, header.slice(7).trim());
    if (!caller) throw new DomainError('unauthenticated', 'The API token is not valid');
    c.set('caller', caller);
    c.set('authVia', 'bearer');
  } else {
    const token = getCookie(c, sessionCookieName(c));
    const caller = token ? await callerForSession(c.var.db, token, c.var.now) : null;
    if (caller) {
      c.set('caller', caller);
      c.set('authVia', 'cookie');
    }
  }
  await next();
};

export function requireCaller(c: Context<AppEnv>): Caller {
  const caller = c.var.caller;
  if (!caller) throw new DomainError('unauthenticated', 'Sign in first');
  return caller;
}
