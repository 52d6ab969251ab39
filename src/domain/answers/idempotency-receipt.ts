/**
 * The stored response of a request sent with an `Idempotency-Key` (src/middleware/idempotency.ts), for
 * routes whose own batch writes it: the request's effects and the record that replays them commit together
 * or not at all, at no extra commit.
 */
import { is, Placeholder, sql, type SQL } from 'drizzle-orm';
import type { Placeholders } from '../../../db/prepared';
import type { Db } from '../../../db/client';
import { idempotencyKeys } from '../../../db/schema';
import { DomainError } from '../errors';

export interface Receipt {
  userId: number;
  key: string;
  fingerprint: string;
  /** The HTTP status the route answers with when the batch commits. */
  status: number;
  createdAt: number;
}

/**
 * The receipt's INSERT, with `body` the exact response text (computed in SQL, see `jsonWith`). A plain
 * INSERT, not ON CONFLICT DO NOTHING: when another request already holds the key, the conflict fails the
 * whole batch, so nothing of this request commits, and the middleware answers from the request that won.
 */
export function insertReceipt(db: Db, receipt: Receipt | Placeholders<Receipt>, body: SQL<string>) {
  const { userId, key, fingerprint, status, createdAt } = receipt;
  return db.insert(idempotencyKeys).values({ userId, key, fingerprint, status, createdAt, body });
}

/**
 * What a batch that failed on its receipt throws: another request took the key meanwhile. The middleware
 * answers from that request instead (a replay, or 422); this stands only if that record is gone again.
 */
export const keyTakenMeanwhile = () =>
  new DomainError('idempotency_in_progress', 'A request with this Idempotency-Key just finished; retry');

/**
 * `template` as JSON.stringify writes it (the route sends it with c.json), with the values at `paths`
 * ('$.id', '$.kudos.applause') taken from SQL inside the batch: ids and counts known only there. json_set
 * keeps each key in its place and writes integers as JSON.stringify does, so a replay is byte for byte the
 * first response. Only for integer (or boolean) values: other numbers could be written differently.
 * In a prepared query, `template` is the placeholder for that JSON text.
 */
export function jsonWith(template: object | Placeholder<string, string>, paths: Record<string, SQL>): SQL<string> {
  const pairs = Object.entries(paths).map(([path, value]) => sql`, ${path}, ${value}`);
  const text = is(template, Placeholder) ? template : JSON.stringify(template);
  return sql<string>`json_set(${text}${sql.join(pairs)})`;
}
