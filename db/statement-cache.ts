/** Prepared statements kept per embedded connection, with their shape (see `cachePreparedStatements`). */
import Database from 'libsql';
import { settleBefore, watchForBusy, type NativeStatement as BusyWatched } from './busy-statements';

/** Most recently used statements kept per connection: Kindling runs a few dozen distinct statements in all. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * A per-connection cache of prepared statements for embedded files. @libsql/client prepares every statement
 * afresh on each execute; for Kindling's statements SQLite's prepare costs as much as running them (the
 * gallery's: ~600 µs to prepare, ~200 µs to run, measured by tests/bench). The client keeps its native
 * connection private, so the cache hooks `prepare` on libsql's Database (the driver @libsql/client uses for
 * files). Reusing a statement is safe here: every use binds all its parameters, runs to completion
 * synchronously and is reset by the next run, errors included (one that failed with SQLITE_BUSY is ended before the
 * connection's next statement: ./busy-statements.ts), and SQLite re-prepares it after a schema change.
 * One thing a reused statement keeps is its column list (libsql reads it once): schema changes made through
 * the connection (migrations) empty its cache, and Kindling's statements name their columns (Drizzle's always
 * do; no `SELECT *`), so a column added by another process cannot shift the names of what they return.
 *
 * Not on an embedded replica's connection, which announces itself with `REPLICA_CONNECTION` first (only reads
 * run there: ./replica-client.ts sends the rest to the primary). With statements kept, its reads missed what a
 * sync had just brought: a server read stale rows right after its own write (tests/node/embedded-replica.test.ts);
 * prepared afresh they do not. The replica gets one rewrite instead, see `forReplica`.
 */
export function cachePreparedStatements(): void {
  const proto = Database.prototype as unknown as { prepare(sql: string): unknown; [cached]?: true };
  if (proto[cached]) return;
  const prepare = proto.prepare;
  const caches = new WeakMap<object, Map<string, unknown>>();
  const replicas = new WeakSet<object>();
  proto.prepare = function (this: object, sql: string) {
    if (sql === REPLICA_CONNECTION) replicas.add(this);
    if (replicas.has(this)) return prepare.call(this, forReplica(sql));
    // The one place every statement of an embedded connection passes: first, one left in progress is ended.
    settleBefore(this);
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    if (SCHEMA_CHANGE.test(sql)) {
      cache.clear();
      return watchForBusy(this, prepare.call(this, sql) as NativeStatement);
    }
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // re-inserted below as the most recent
    } else {
      statement = watchForBusy(this, rememberShape(prepare.call(this, sql) as NativeStatement));
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  };
  proto[cached] = true;
}

interface NativeStatement extends BusyWatched {
  raw(toggle?: boolean): NativeStatement;
  safeIntegers(toggle?: boolean): NativeStatement;
  columns(): unknown[];
}

/**
 * @libsql/client asks every run of a statement for its shape again: raw mode and safe integers switched on
 * (raw throws for a statement that returns no rows), and its column list, twice. Each is a native call,
 * together about a tenth of an answer POST's time; a cached statement's answers cannot change (a schema
 * change replaces the statement), so each is asked once and remembered.
 */
function rememberShape(statement: NativeStatement): NativeStatement {
  const { raw, safeIntegers, columns } = statement;
  let rawMode: { toggle: boolean; error?: unknown } | undefined;
  let safe: boolean | undefined;
  let columnList: unknown[] | undefined;
  statement.raw = function (toggle = true) {
    if (rawMode?.toggle !== toggle) {
      try {
        raw.call(this, toggle);
        rawMode = { toggle };
      } catch (error) {
        rawMode = { toggle, error };
      }
    }
    if (rawMode.error !== undefined) throw rawMode.error;
    return this;
  };
  statement.safeIntegers = function (toggle = true) {
    if (safe !== toggle) safeIntegers.call(this, (safe = toggle));
    return this;
  };
  statement.columns = function () {
    return (columnList ??= columns.call(this));
  };
  return statement;
}

const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;
/** Run first on an embedded replica's connection (see `cachePreparedStatements`). */
export const REPLICA_CONNECTION = "SELECT 'an embedded replica connection'";

/**
 * @libsql/client opens a read-only batch with `BEGIN TRANSACTION READONLY`, which libsql's statement parser
 * reads as a deferred transaction named READONLY: a replica then sent the whole batch to the primary, one
 * statement at a time. `BEGIN READONLY` it reads as the read-only transaction meant, run on the local copy.
 */
const forReplica = (sql: string) => (sql === 'BEGIN TRANSACTION READONLY' ? 'BEGIN READONLY' : sql);
const cached = Symbol('kindling statement cache');

