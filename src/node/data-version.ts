/**
 * A cheap answer to "may anything have been written to the database since?", for caches that must never
 * serve stale data yet should not ask the database on every read. Node only, for the embedded file:
 * - writes made through this process's client bump a counter once they complete;
 * - writes from any other process (the `kindling` CLI, say) show in the WAL file's size and mtime, which
 *   every commit changes (statSync costs a few microseconds, a query tens).
 * Workers and remote databases have no such signal: there, caches ask the database instead.
 */
import type { Client, InStatement, Transaction } from '@libsql/client';
import { statSync } from 'node:fs';
import { isSelect } from '../../db/statement-kind';

export type DataVersion = () => string | undefined;

/** Wraps the client so that every write it completes bumps the counter that `dataVersion` reports. */
export function trackWrites(client: Client, walFile: string | null): { client: Client; dataVersion: DataVersion } {
  let writes = 0;
  const bump = () => {
    writes++;
  };
  const tracked = new Proxy(client, {
    get(target, prop) {
      // The target as receiver: the client keeps its state in private fields, which a proxy cannot read.
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'execute') {
        // A SELECT changes nothing; anything else (INSERT, WITH … INSERT, PRAGMA) might.
        return (stmt: InStatement, ...rest: unknown[]) =>
          isSelect(stmt) ? target.execute(stmt) : (target.execute as (...a: unknown[]) => Promise<unknown>)(stmt, ...rest).finally(bump);
      }
      if (prop === 'batch') {
        // A batch of SELECTs only (a member's rhythm and plans, say) changes nothing either.
        return (stmts: InStatement[], ...rest: unknown[]) => {
          const run = (value as (...a: unknown[]) => Promise<unknown>).apply(target, [stmts, ...rest]);
          return stmts.every(isSelect) ? run : run.finally(bump);
        };
      }
      if (prop === 'executeMultiple' || prop === 'migrate') {
        return (...args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).finally(bump);
      }
      if (prop === 'transaction') {
        return async (...args: unknown[]) => {
          const tx = (await (value as (...a: unknown[]) => Promise<Transaction>).apply(target, args)) as Transaction;
          const commit = tx.commit.bind(tx);
          tx.commit = () => commit().finally(bump);
          return tx;
        };
      }
      return value.bind(target);
    },
  });
  const dataVersion: DataVersion = () => {
    if (!walFile) return undefined;
    const wal = statSync(walFile, { bigint: true, throwIfNoEntry: false });
    return wal ? `${writes}:${wal.size}:${wal.mtimeNs}` : undefined;
  };
  return { client: tracked, dataVersion };
}
