/**
 * `Idempotency-Key` on POST (draft-ietf-httpapi-idempotency-key-header): a retry gets the first response
 * again; the same key with a different request is 422; a retry while the first is running is 409.
 * Keys are scoped to the caller. Only successful responses are kept: a failed request leaves no trace,
 * so the client may retry it once the cause is fixed.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { idempotencyKeys } from '../../db/schema';
import { sha256Hex } from '../domain/crypto';
import { DomainError, invalidField } from '../domain/errors';
import type { AppEnv } from './env';

/** A claim this old belongs to a request that died; a retry may take it over. */
const STALE_CLAIM_MS = 60_000;

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('Idempotency-Key');
  const caller = c.var.caller;
  if (c.req.method !== 'POST' || key === undefined || !caller) return next();
  if (key.length < 1 || key.length > 255) throw invalidField('Idempotency-Key', 'must be 1 to 255 characters');

  const db = c.var.db;
  const now = c.var.now.getTime();
  // Over the raw bytes: an image upload is binary, and reading it as text here would hand the route
  // a re-encoded (corrupted) body.
  const head = new TextEncoder().encode(`${c.req.method} ${c.req.path}\n`);
  const body = new Uint8Array(await c.req.arrayBuffer());
  const request = new Uint8Array(head.length + body.length);
  request.set(head);
  request.set(body, head.length);
  const fingerprint = await sha256Hex(request);
  const where = and(eq(idempotencyKeys.userId, caller.id), eq(idempotencyKeys.key, key));

  const claim = () =>
    db
      .insert(idempotencyKeys)
      .values({ userId: caller.id, key, fingerprint, status: 0, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });

  // The common case is one write: the claim. Only a conflict reads the earlier request.
  if ((await claim()).length === 0) {
    const [first] = await db.select().from(idempotencyKeys).where(where);
    if (!first) throw new DomainError('idempotency_in_progress', 'A request with this Idempotency-Key just finished; retry');
    if (first.fingerprint !== fingerprint) {
      throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used for a different request');
    }
    const died = first.status === 0 && first.createdAt < now - STALE_CLAIM_MS;
    if (died) {
      // The first request died mid-way: take its claim over (only one retry can win the delete-then-claim).
      await db.delete(idempotencyKeys).where(and(where, eq(idempotencyKeys.status, 0), lt(idempotencyKeys.createdAt, now - STALE_CLAIM_MS)));
    }
    if (first.status === 0 && !(died && (await claim()).length > 0)) {
      throw new DomainError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed');
    }
    if (first.status !== 0) {
      return new Response(first.body, {
        status: first.status,
        headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' },
      });
    }
  }

  try {
    await next();
  } finally {
    const res = c.res;
    if (res.ok && c.error === undefined) {
      const body = await res.clone().text();
      await db.update(idempotencyKeys).set({ status: res.status, body }).where(where);
    } else {
      await db.delete(idempotencyKeys).where(where);
    }
  }
};
