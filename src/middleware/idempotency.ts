/**
 * `Idempotency-Key` on POST (draft-ietf-httpapi-idempotency-key-header): a retry gets the first response
 * again; the same key with a different request is 422; a retry while the first is running is 409.
 * Keys are scoped to the caller. Only successful responses are kept: a failed request leaves no trace,
 * so the client may retry it once the cause is fixed.
 *
 * Routes keep the record one of two ways:
 * - Marked with `receiptInBatch` (the hot writes: answering, kudos), the route writes it in its own batch
 *   (src/domain/answers/idempotency-receipt.ts): the request's effects and its record commit together, at no extra
 *   commit. The middleware only looks for an earlier request first (one read). Two requests with one key can
 *   both pass that look; the second's batch then fails on the key, so nothing of it commits, and the
 *   middleware, which looks again after any failure, answers it from the first (a replay, or 422).
 * - Other routes claim the key before running (status 0, so a concurrent retry sees "in progress"), and
 *   store the response after.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { Context, MiddlewareHandler, Next } from 'hono';
import { matchedRoutes } from 'hono/route';
import { prepared, type Placeholders } from '../../db/prepared';
import { idempotencyKeys } from '../../db/schema';
import { sha256Hex } from '../domain/crypto';
import { DomainError, invalidField } from '../domain/errors';
import type { Receipt } from '../domain/answers/idempotency-receipt';
import type { AppEnv } from './env';

/** A claim this old belongs to a request that died; a retry may take it over. */
const STALE_CLAIM_MS = 60_000;

type KeyedRequest = Omit<Receipt, 'status'>;
type KeyRow = typeof idempotencyKeys.$inferSelect;

/** Put first in a route's handlers: the route writes its receipt in its own batch (see `idempotencyReceipt`). */
export const receiptInBatch: MiddlewareHandler = (_c, next) => next();

/** The keyed request a marked route is running, and whether its handler took the receipt. */
const pending = new WeakMap<Context, { request: KeyedRequest; taken: boolean }>();

/**
 * For a route marked `receiptInBatch`: the record its batch must insert, answering with `status` when that
 * batch commits; undefined when the request has no Idempotency-Key.
 */
export function idempotencyReceipt(c: Context, status: number): Receipt | undefined {
  const keyed = pending.get(c);
  if (!keyed) return undefined;
  keyed.taken = true;
  return { ...keyed.request, status };
}

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('Idempotency-Key');
  const caller = c.get('caller');
  if (c.req.method !== 'POST' || key === undefined || !caller) return next();
  if (key.length < 1 || key.length > 255) throw invalidField('Idempotency-Key', 'must be 1 to 255 characters');

  // Over the raw bytes: an image upload is binary, and reading it as text here would hand the route
  // a re-encoded (corrupted) body.
  const head = new TextEncoder().encode(`${c.req.method} ${c.req.path}\n`);
  const body = new Uint8Array(await c.req.arrayBuffer());
  shareAsText(c, body);
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head);
  bytes.set(body, head.length);
  const request: KeyedRequest = { userId: caller.id, key, fingerprint: await sha256Hex(bytes), createdAt: c.get('now').getTime() };

  const marked = matchedRoutes(c).some((route) => route.handler === receiptInBatch);
  return marked ? receiptWithTheWrites(c, next, request) : claimFirst(c, next, request);
};

/**
 * Lets the route read the bytes read here as text (Hono's `json()` parses its `text()`). Hono keeps one cached
 * form of the body; asked for another, it builds a Response around the bytes to read them again (web streams:
 * ~4% of an answer POST). Decoded on first use, as Response.text() decodes (UTF-8, a BOM dropped), so a
 * route that never reads text pays nothing, and a malformed JSON body still fails where the validator reads it.
 */
function shareAsText(c: Context, body: Uint8Array): void {
  let text: Promise<string> | undefined;
  Object.defineProperty(c.req.bodyCache, 'text', {
    configurable: true,
    enumerable: true,
    get: () => (text ??= Promise.resolve(new TextDecoder().decode(body))),
  });
}

const keyOf = (r: Pick<KeyedRequest, 'userId' | 'key'> | Placeholders<Pick<KeyedRequest, 'userId' | 'key'>>) => and(eq(idempotencyKeys.userId, r.userId), eq(idempotencyKeys.key, r.key));

/** What an earlier request with the key answers: its stored response, or 422 / 409 (thrown). */
function answerFrom(first: KeyRow, fingerprint: string): Response {
  if (first.fingerprint !== fingerprint) {
    throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used for a different request');
  }
  if (first.status === 0) throw new DomainError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed');
  return new Response(first.body, {
    status: first.status,
    headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' },
  });
}

/** A claim (status 0) for this same request, old enough that the request that made it must have died. */
const isDeadClaim = (first: KeyRow, request: KeyedRequest) =>
  first.status === 0 && first.fingerprint === request.fingerprint && first.createdAt < request.createdAt - STALE_CLAIM_MS;

/** Removes a claim left by a request that died mid-way; true when this request removed it. */
async function takeOverDeadClaim(c: Context<AppEnv>, request: KeyedRequest): Promise<boolean> {
  const deadline = request.createdAt - STALE_CLAIM_MS;
  const removed = await c
    .get('db')
    .delete(idempotencyKeys)
    .where(and(keyOf(request), eq(idempotencyKeys.status, 0), lt(idempotencyKeys.createdAt, deadline)))
    .returning({ key: idempotencyKeys.key });
  return removed.length > 0;
}

/** The earlier request with the key, looked up by every keyed POST: built once (db/prepared.ts). */
const earlierRequestQuery = prepared((db, p: Placeholders<{ userId: number; key: string }>) =>
  db.select().from(idempotencyKeys).where(keyOf(p)),
);

async function receiptWithTheWrites(c: Context<AppEnv>, next: Next, request: KeyedRequest) {
  const db = c.get('db');
  const [first] = await earlierRequestQuery.run(db, request);
  // A claim (status 0) here was left by a request from before the route wrote its own receipt.
  if (first && !(isDeadClaim(first, request) && (await takeOverDeadClaim(c, request)))) return answerFrom(first, request.fingerprint);

  const keyed = { request, taken: false };
  pending.set(c, keyed);
  await next();
  if (c.error === undefined && c.res.ok) {
    // A marked route that answered without writing its receipt keeps it the classic way.
    if (!keyed.taken) await storeResponse(c, request);
    return;
  }
  // The failure may be this request losing the key to a concurrent one: if so, that one answers.
  const [winner] = await earlierRequestQuery.run(db, request);
  if (!winner) return;
  const replay = answerFrom(winner, request.fingerprint);
  c.res = undefined; // replace the error response outright rather than merge its headers in
  c.res = replay;
}

async function storeResponse(c: Context<AppEnv>, request: KeyedRequest) {
  const body = await c.res.clone().text();
  await c.get('db').insert(idempotencyKeys).values({ ...request, status: c.res.status, body }).onConflictDoNothing();
}

async function claimFirst(c: Context<AppEnv>, next: Next, request: KeyedRequest) {
  const db = c.get('db');
  const claim = () =>
    db
      .insert(idempotencyKeys)
      .values({ ...request, status: 0 })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });

  // The common case is one write: the claim. Only a conflict reads the earlier request.
  if ((await claim()).length === 0) {
    const [first] = await earlierRequestQuery.run(db, request);
    if (!first) throw new DomainError('idempotency_in_progress', 'A request with this Idempotency-Key just finished; retry');
    // Only one retry can win the delete-then-claim of a dead request's claim.
    if (!(isDeadClaim(first, request) && (await takeOverDeadClaim(c, request)) && (await claim()).length > 0)) {
      return answerFrom(first, request.fingerprint);
    }
  }

  try {
    await next();
  } finally {
    const res = c.res;
    if (res.ok && c.error === undefined) {
      const body = await res.clone().text();
      await db.update(idempotencyKeys).set({ status: res.status, body }).where(keyOf(request));
    } else {
      await db.delete(idempotencyKeys).where(keyOf(request));
    }
  }
}
