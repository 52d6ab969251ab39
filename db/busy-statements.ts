/**
 * Statements that failed with SQLITE_BUSY, brought to an end before their connection runs another.
 *
 * When a statement waits out the busy timeout for a lock another process holds (`kindling import` on the file of
 * a running server, say), SQLite leaves it in progress so that it can be stepped again, and libsql 0.5.29 never
 * resets it: it resets a statement only before running it (tursodatabase/libsql-js#237, libsql-client-ts#352).
 * Until it ends, SQLite keeps the connection's implicit transaction open: the writes that follow report success
 * and commit nothing, and the next COMMIT fails ("SQL statements in progress") or the pool's ROLLBACK drops them,
 * writes lost in silence after the lock is gone; and its reads go on seeing the database as it was. Measured
 * before this module: after a write batch failed busy, the next single INSERT said `rowsAffected: 1` and no
 * connection, its own included, ever saw its row.
 *
 * libsql offers no reset. What ends such a statement is running it again; so, before the connection's next
 * statement, it runs again where it can only fail at once: with the connection read-only (`query_only`), inside
 * a transaction that is then rolled back. That asks for no lock, so it works while another process still holds
 * one; a write that follows then waits for the lock as any does, and if it fails busy it is ended in turn.
 */

export interface NativeStatement {
  run(...args: unknown[]): unknown;
  all(...args: unknown[]): unknown;
  get(...args: unknown[]): unknown;
  iterate(...args: unknown[]): unknown;
  readonly reader: boolean;
}

interface NativeConnection {
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
}

/** Per connection: the statement that failed busy and is still in progress. */
const inProgress = new WeakMap<object, NativeStatement>();

/**
 * SQLITE_BUSY, from libsql, from @libsql/client (which keeps the code) or wrapped by Drizzle (as its cause): the
 * database stayed locked for the whole busy timeout, and nothing of the statement or batch was written.
 */
export const isBusy = (err: unknown): boolean =>
  codeOf(err) === 'SQLITE_BUSY' || codeOf((err as { cause?: unknown } | null | undefined)?.cause) === 'SQLITE_BUSY';

const codeOf = (err: unknown) => (err as { code?: unknown } | null | undefined)?.code;

/** Remembers `statement` as in progress on `connection` whenever one of its runs fails busy. */
export function watchForBusy<S extends NativeStatement>(connection: object, statement: S): S {
  for (const method of ['run', 'all', 'get', 'iterate'] as const) {
    const run = statement[method];
    statement[method] = function (this: S, ...args: unknown[]) {
      try {
        return run.apply(this, args);
      } catch (err) {
        if (isBusy(err)) inProgress.set(connection, this);
        throw err;
      }
    };
  }
  return statement;
}

/**
 * Called before `connection` prepares a statement: ends the one left in progress, if any. Inside a transaction
 * nothing is done: its COMMIT fails loudly with the statement in progress and the transaction is rolled back
 * whole, so nothing of it is lost unseen; the next statement outside a transaction ends it.
 */
export function settleBefore(connection: object): void {
  const stuck = inProgress.get(connection);
  if (!stuck) return;
  const conn = connection as NativeConnection;
  if (conn.inTransaction) return;
  // Read-only and inside a transaction, the rerun fails at once (SQLITE_READONLY, or a BEGIN "within a
  // transaction") without asking for any lock, and that failure ends it; the rollback leaves nothing of it.
  conn.exec('PRAGMA query_only = 1');
  conn.exec('BEGIN DEFERRED');
  try {
    // A statement that returns rows runs to its end only through all(); run() stops at its first row.
    if (stuck.reader) stuck.all();
    else stuck.run();
  } catch {
    // The failure meant to end it.
  } finally {
    try {
      conn.exec('ROLLBACK');
    } finally {
      conn.exec('PRAGMA query_only = 0'); // whatever happened: a connection left read-only would refuse every write
    }
  }
  inProgress.delete(connection);
}
