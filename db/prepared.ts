/**
 * Queries built once. Drizzle turns a query's tree into SQL text on every use, and for the hot writes that
 * was most of their JavaScript time: 20–90 µs a statement, about ten statements an answer (measured by
 * tests/bench). A `prepared` query is built on its first use with each database, with named placeholders
 * (Drizzle's `sql.placeholder`) where the values go; every later use only binds values, on either home.
 */
import { fillPlaceholders, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';

/** `p.name` in a builder: the placeholder for the value named `name`. */
export type Placeholders<V> = { readonly [K in keyof V]: Placeholder<K & string, V[K]> };

interface DrizzlePrepared {
  getQuery(): { sql: string; params: unknown[] };
  execute(values?: Record<string, unknown>): Promise<unknown>;
}

export interface Prepared<V, Q> {
  /** Runs the query alone, with these values: what awaiting the built query would give. */
  run(db: Db, values: V): Promise<Awaited<Q>>;
  /** The query with these values, for `db.batch` (typed as the query it was built from, for the results). */
  bind(db: Db, values: V): Q;
}

const placeholders = new Proxy({}, { get: (_, name) => sql.placeholder(String(name)) });

export function prepared<V extends object, Q extends { prepare(): unknown }>(
  build: (db: Db, p: Placeholders<V>) => Q,
): Prepared<V, Q> {
  // Per database: a prepared query belongs to the session (client) it was prepared on.
  const byDb = new WeakMap<Db, DrizzlePrepared>();
  const preparedFor = (db: Db) => {
    let query = byDb.get(db);
    if (!query) byDb.set(db, (query = build(db, placeholders as Placeholders<V>).prepare() as DrizzlePrepared));
    return query;
  };
  return {
    run: (db, values) => preparedFor(db).execute(values as Record<string, unknown>) as Promise<Awaited<Q>>,
    bind: (db, values) => boundForBatch(preparedFor(db), values as Record<string, unknown>) as unknown as Q,
  };
}

/**
 * What `db.batch` asks of an item, on libSQL and D1 alike: `_prepare()` for the prepared query, whose
 * `getQuery()` gives SQL and parameters; the rest (result mapping, D1's statement) is the prepared query's own.
 */
function boundForBatch(query: DrizzlePrepared, values: Record<string, unknown>) {
  const built = query.getQuery();
  const filled = { ...built, params: fillPlaceholders(built.params, values) };
  const item = Object.create(query) as DrizzlePrepared & { _prepare(): unknown };
  item.getQuery = () => filled;
  item._prepare = () => item;
  return item;
}

const dialect = new SQLiteSyncDialect();

/**
 * A raw statement whose text is built once, like `prepared` for builders: `build` writes it with placeholders
 * (`p.name`) where the values go, and each use only binds the values. It runs on the database's own driver
 * (`db.$client`: a libSQL client, or a D1 binding or session), not through `db.all`: that walked the
 * statement's fragments into a new text on every use, and the statement cache then hashed and compared that
 * new text, 5 KB for the gallery's: together ~35 µs of a ~200 µs page in-process (tests/bench). Handing the
 * driver the same string each time costs neither. Rows come as the driver gives them: read columns by name.
 * Not for use inside a transaction (Kindling writes with batches, and this reads).
 */
export function preparedSql<V extends object>(build: (p: Placeholders<V>) => SQL): PreparedSql<V> {
  let built: { sql: string; params: unknown[] } | undefined;
  return {
    all: <R>(db: Db, values: V) => {
      built ??= dialect.sqlToQuery(build(placeholders as Placeholders<V>));
      return allRows<R>(db, built.sql, fillPlaceholders(built.params, values as Record<string, unknown>));
    },
  };
}

export interface PreparedSql<V> {
  /** The statement's rows with these values. */
  all<R>(db: Db, values: V): Promise<R[]>;
}

/** What `allRows` needs of each home's driver. */
type Driver =
  | { execute(statement: { sql: string; args: unknown[] }): Promise<{ rows: unknown[] }> }
  | { prepare(text: string): { bind(...args: unknown[]): { all(): Promise<{ results: unknown[] }> } } };

async function allRows<R>(db: Db, text: string, args: unknown[]): Promise<R[]> {
  const driver = (db as unknown as { $client: Driver }).$client;
  if ('execute' in driver) return (await driver.execute({ sql: text, args })).rows as R[];
  return (await driver.prepare(text).bind(...args).all()).results as R[];
}
