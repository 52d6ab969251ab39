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
 * A raw statement (for `db.all`) whose text is built once, like `prepared` for builders: `build` writes it with
 * placeholders (`p.name`) where the values go, and each use only puts the values in. For the gallery's one large
 * statement, Drizzle's walk of its fragments was about a tenth of a page's time (tests/bench). Both homes speak
 * SQLite, so the text is built once for both. The text may hold no `?` of its own: it is cut at each parameter.
 */
export function preparedSql<V extends object>(build: (p: Placeholders<V>) => SQL): (values: V) => SQL {
  let built: { parts: TemplateStringsArray; params: unknown[] } | undefined;
  return (values) => {
    if (!built) {
      const query = dialect.sqlToQuery(build(placeholders as Placeholders<V>));
      const parts = query.sql.split('?');
      if (parts.length !== query.params.length + 1) throw new Error('preparedSql: the statement holds a "?" that is not a parameter');
      built = { parts: Object.assign(parts, { raw: parts }) as unknown as TemplateStringsArray, params: query.params };
    }
    return sql(built.parts, ...fillPlaceholders(built.params, values as Record<string, unknown>));
  };
}
