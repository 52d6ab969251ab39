/**
 * Rate limits on routes, by name from src/domain/limits/table.ts:
 *   .post('/submissions/:id/reports', rateLimit('reports'), validate(…), async (c) => …)
 * A member limit counts the signed-in caller (and lets a request without one through, for the route's own
 * 401); an IP limit counts the client's address. Put it after `receiptInBatch` and before the handler: the
 * app-wide idempotency middleware answers a replayed Idempotency-Key before any route middleware runs, so a
 * retry never spends quota. Limits keyed on something in the body (the sign-in address) call `enforce`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Deps } from '../deps';
import { enforceLimit, isFreeRetry } from '../domain/limits/enforce';
import { ipSubject } from '../domain/limits/ip-subject';
import { limitPepper } from '../domain/limits/pepper';
import { databaseStore, type RateLimitStore } from '../domain/limits/store';
import type { LimitName } from '../domain/limits/table';
import type { AppEnv } from './env';

const stores = new WeakMap<Deps, RateLimitStore>();

function storeFor(c: Context<AppEnv>): RateLimitStore {
  const deps = c.get('deps');
  let store = stores.get(deps);
  if (!store) stores.set(deps, (store = deps.rateLimits ?? databaseStore(c.get('db'))));
  return store;
}

/**
 * The client's IP: from the configured proxy header (X-Forwarded-For's last entry, the one our proxy added),
 * else as the home knows it. Undefined for an in-process request (tests, the CLI).
 */
export function clientIp(c: Context<AppEnv>): string | undefined {
  const header = c.get('deps').config.clientIpHeader;
  const ip = header ? c.req.header(header)?.split(',').at(-1)?.trim() : c.get('deps').clientAddress?.(c);
  // IPv6 counts by its /64: a client holds the whole prefix and could take a fresh address per request.
  return ip ? ipSubject(ip) : undefined;
}

/** Counts one hit of `subject` against the named limit; throws `rate_limited` (429, Retry-After) past it. */
export async function enforce(c: Context<AppEnv>, name: LimitName, subject: string | number): Promise<void> {
  const { limits } = c.get('deps').config;
  // Member limits (the hot writes) need no pepper, so they never wait on its one read.
  const pepper = limits[name].by === 'member' ? '' : await limitPepper(c.get('db'), c.get('now'));
  return enforceLimit(storeFor(c), limits, name, subject, c.get('now'), pepper);
}

/** The subject a limit counts, for this request; undefined when there is none to count. */
function subjectOf(c: Context<AppEnv>, name: LimitName): string | number | undefined {
  const by = c.get('deps').config.limits[name].by;
  if (by === 'member') return c.get('caller')?.id;
  if (by === 'ip') return clientIp(c);
  throw new Error(`The ${name} limit counts addresses: call enforce() with the address`);
}

/** Middleware applying the named limit to a route. */
export function rateLimit(name: LimitName): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const subject = subjectOf(c, name);
    if (subject === undefined) return next();
    // Retries of one keyed request count once, even when they race the first (a replay never gets here).
    const key = c.req.header('Idempotency-Key');
    const caller = c.get('caller');
    if (key && caller && (await isFreeRetry(storeFor(c), c.get('deps').config.limits, name, caller.id, key, c.get('now')))) return next();
    await enforce(c, name, subject);
    return next();
  };
}
