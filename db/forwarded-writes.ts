/**
 * A client for a second connection to the same embedded file, in a thread of its own, whose writes run on the
 * server's connection: reads (and batches of reads only) run here, every write or batch holding one is sent to
 * `writes` and waits for its results. The server's group commit stays the file's one writer, so this thread
 * never takes SQLite's write lock (which would make the server's thread sleep in SQLite's busy handler).
 */
import type { Client, InArgs, InStatement, ResultSet, Row, TransactionMode } from '@libsql/client';
import { readOnlyBatch, readsOnly, statementOf, type AnyStatement } from './statement-kind';

/** A write as it crosses threads: statements with their arguments, and the batch's mode. */
export interface WriteRequest {
  statements: AnyStatement[];
  mode?: TransactionMode;
}

/** A result as it crosses threads: rows as plain arrays (a libSQL row's column names are its own properties). */
export interface PlainResult {
  columns: string[];
  columnTypes: string[];
  rows: unknown[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}

export const toPlainResult = (r: ResultSet): PlainResult => ({
  columns: r.columns,
  columnTypes: r.columnTypes,
  rows: r.rows.map((row) => Array.from(row)),
  rowsAffected: r.rowsAffected,
  lastInsertRowid: r.lastInsertRowid,
});

/** A ResultSet again, rows reachable by index and by column name as libSQL gives them. */
export function fromPlainResult(p: PlainResult): ResultSet {
  const rows = p.rows.map((values) => {
    const row = [...values] as unknown as Row;
    p.columns.forEach((name, i) => {
      if (!Object.hasOwn(row, name)) Object.defineProperty(row, name, { value: values[i], enumerable: true });
    });
    return row;
  });
  return { ...p, rows, toJSON: () => ({ ...p, lastInsertRowid: p.lastInsertRowid?.toString() }) };
}

export function forwardedWrites(local: Client, writes: (request: WriteRequest) => Promise<ResultSet[]>): Client {
  const unsupported = (what: string) => () => Promise.reject(new Error(`${what} is not available on a connection whose writes are forwarded`));
  return {
    async execute(stmtOrSql: InStatement, args?: InArgs): Promise<ResultSet> {
      const stmt = statementOf(stmtOrSql, args);
      if (readsOnly(stmt)) return local.execute(stmt);
      const [result] = await writes({ statements: [stmt] });
      return result!;
    },
    batch(stmts: AnyStatement[], mode?: TransactionMode): Promise<ResultSet[]> {
      if (readOnlyBatch(stmts, mode)) return local.batch(stmts, 'read');
      return writes({ statements: stmts, mode });
    },
    transaction: unsupported('A transaction'),
    migrate: unsupported('A migration'),
    executeMultiple: unsupported('executeMultiple'),
    sync: () => local.sync(),
    close: () => local.close(),
    reconnect: () => local.reconnect(),
    get closed() {
      return local.closed;
    },
    protocol: local.protocol,
  } as Client;
}
