/**
 * Statements that failed with SQLITE_BUSY, brought to an end before their connection writes again.
 *
 * When a statement waits out the busy timeout for a lock another process holds (`kindling import` on the file of
 * a running server, say), SQLite leaves it in progress so that it can be stepped again, and libsql 0.5.29 never
 * resets it: it resets a statement only before running it (tursodatabase/libsql-js#237, libsql-client-ts#352).
 * Until it ends, SQLite keeps the connection's implicit transaction open, so the writes that follow report success
 * and commit nothing, and the next COMMIT fails ("SQL statements in progress") or the pool's ROLLBACK drops them:
 * writes lost in silence after the lock is gone. Measured before this module: after a write batch failed busy, the
 * next single INSERT said `rowsAffected: 1` and no connection, its own included, ever saw its row.
 *
 * libsql offers no reset. What ends such a statement is running it again; so, before the connection's next write,
 * it runs again inside a transaction that is then rolled back, which leaves nothing of it. A `BEGIN` that failed
 * busy fails at once in there ("within a transaction"), which ends it as well. Should the lock still be held, the
 * rerun fails busy too: the statement stays in progress and the new write is refused with that error, rather than
 * accepted and lost. Reads run meanwhile (they lose nothing; they may see the stuck statement's older snapshot).
 */
import { isSelect } from './statement-kind';

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

/** SQLITE_BUSY from libsql or from @libsql/client (which keeps the code, and wraps a batch's error in a LibsqlBatchError). */
export const isBusy = (err: unknown) => (err as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

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
 * Called before `connection` prepares `sql`: a write first ends the statement left in progress, if any (see the
 * module's comment), or is refused with SQLITE_BUSY. Inside a transaction nothing is done: its COMMIT fails loudly
 * with the statement in progress, and the transaction is rolled back whole, so nothing of it is lost unseen.
 */
export function settleBeforeWrite(connection: object, sql: string): void {
  const stuck = inProgress.get(connection);
  if (!stuck || isSelect(sql)) return;
  const conn = connection as NativeConnection;
  if (conn.inTransaction) return;
  conn.exec('BEGIN DEFERRED');
  try {
    // A statement that returns rows runs to its end only through all(); run() stops at its first row.
    if (stuck.reader) stuck.all();
    else stuck.run();
  } catch (err) {
    if (isBusy(err)) {
      conn.exec('ROLLBACK');
      throw err;
    }
    // Any other failure (a BEGIN within this transaction, a constraint) ended the statement too.
  }
  conn.exec('ROLLBACK');
  inProgress.delete(connection);
}
