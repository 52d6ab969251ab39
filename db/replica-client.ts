/**
 * An embedded replica that reads from its local copy and writes to its primary one request at a time.
 *
 * libsql's replica forwards writes statement by statement: for each it asks the primary to describe the
 * statement, runs it there, then pulls the primary's new frames (four round trips), and inside a transaction
 * it forwards the reads the same way. One answer (a batch of about twenty statements) took about eighty round
 * trips, and libsql waits for each synchronously, holding Node's thread (tests/node/embedded-replica.test.ts
 * counts them). Here a write, or a batch holding one, goes to the primary over its HTTP API (Hrana: the whole
 * batch in one request, as with `DATABASE_URL=libsql://…`), and the replica then pulls what changed (two round
 * trips) before the caller goes on, so the server that wrote reads its writes back at once. Reads, and batches
 * of reads only, run on the local copy.
 */
import type { Client, InArgs, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
// `readsOnly` decides what runs on the replica. Either mistake would stay correct, only slower: a read sent to
// the primary runs there, and a write run on the replica is forwarded by libsql.
import { readOnlyBatch, readsOnly as isRead, statementOf, type AnyStatement } from './statement-kind';

export function replicaClient(replica: Client, primary: Client): Client {
  /**
   * Waits for the write, then for the replica to have it: read-your-writes. A failed write changed nothing. A
   * failed pull does not fail the write, which happened: reads stay behind until the next pull succeeds.
   */
  async function written<T>(write: Promise<T>): Promise<T> {
    const result = await write;
    await replica.sync().catch((error: unknown) => {
      console.warn(`Embedded replica: the pull after a write failed (${error instanceof Error ? error.message : String(error)}); reads lag until the next one`);
    });
    return result;
  }

  return {
    execute(stmtOrSql: InStatement, args?: InArgs): Promise<ResultSet> {
      const stmt = statementOf(stmtOrSql, args);
      return isRead(stmt) ? replica.execute(stmt) : written(primary.execute(stmt));
    },
    batch(stmts: AnyStatement[], mode?: TransactionMode): Promise<ResultSet[]> {
      if (readOnlyBatch(stmts, mode)) return replica.batch(stmts, 'read');
      return written(primary.batch(stmts, mode));
    },
    migrate: (stmts: InStatement[]) => written(primary.migrate(stmts)),
    executeMultiple: (sql: string) => written(primary.executeMultiple(sql)),
    async transaction(mode?: TransactionMode): Promise<Transaction> {
      if (mode === 'read') return replica.transaction('read');
      const tx = await primary.transaction(mode);
      const commit = tx.commit.bind(tx);
      tx.commit = () => written(commit());
      return tx;
    },
    sync: () => replica.sync(),
    close() {
      replica.close();
      primary.close();
    },
    reconnect() {
      replica.reconnect();
      primary.reconnect();
    },
    get closed() {
      return replica.closed;
    },
    protocol: replica.protocol,
  } as Client;
}
