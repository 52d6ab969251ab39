/**
 * A write that met a database another connection kept locked for the whole busy timeout fails with SQLITE_BUSY,
 * and nothing after it may be lost: libsql leaves such a statement in progress, and until db/busy-statements.ts
 * ended it, the connection's next writes reported success and were never committed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibsql } from '../../db/libsql';

let dir: string;
let file: string;
let client: Client;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kindling-busy-'));
  file = join(dir, 'busy.db');
  ({ client } = await openLibsql({ url: `file:${file}` }));
  await client.execute('CREATE TABLE t (x INTEGER NOT NULL)');
  // Short, so that a test waits it out quickly; the server's is 5 s.
  await client.execute('PRAGMA busy_timeout = 100');
});
afterEach(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Another connection, as another process would: it holds the write lock until `release`. */
function holdWriteLock() {
  const holder = new Database(file);
  holder.exec('BEGIN IMMEDIATE');
  return () => {
    holder.exec('ROLLBACK');
    holder.close();
  };
}

/** What a fresh connection sees: what is committed. */
function committed(): number[] {
  const reader = new Database(file);
  try {
    const row = reader.prepare('SELECT json_group_array(x) AS xs FROM (SELECT x FROM t ORDER BY x)').get() as { xs: string };
    return JSON.parse(row.xs) as number[];
  } finally {
    reader.close();
  }
}

const busy = { code: 'SQLITE_BUSY' };

describe('a statement that failed with SQLITE_BUSY', () => {
  it('after a write batch failed busy, the next single write and the next batch commit', async () => {
    const release = holdWriteLock();
    await expect(client.batch([{ sql: 'INSERT INTO t VALUES (?)', args: [1] }], 'write')).rejects.toMatchObject(busy);
    release();

    const single = await client.execute({ sql: 'INSERT INTO t (x) VALUES (?)', args: [2] });
    expect(single.rowsAffected).toBe(1);
    expect(committed()).toEqual([2]);
    await client.batch([{ sql: 'INSERT INTO t VALUES (?)', args: [3] }], 'write');
    expect(committed()).toEqual([2, 3]);
  });

  it('after a single write failed busy, other writes commit and nothing of the failed one does', async () => {
    const release = holdWriteLock();
    await expect(client.execute({ sql: 'INSERT INTO t VALUES (?)', args: [1] })).rejects.toMatchObject(busy);
    release();

    await client.execute({ sql: 'INSERT INTO t (x) VALUES (?)', args: [2] });
    await client.execute({ sql: 'UPDATE t SET x = x * 10 WHERE x = ?', args: [2] });
    expect(committed()).toEqual([20]);
  });

  it('after an INSERT … RETURNING failed busy (a statement that returns rows), the next write commits', async () => {
    const release = holdWriteLock();
    await expect(client.execute({ sql: 'INSERT INTO t VALUES (?) RETURNING x', args: [1] })).rejects.toMatchObject(busy);
    release();

    await client.execute({ sql: 'INSERT INTO t (x) VALUES (?)', args: [2] });
    expect(committed()).toEqual([2]);
  });

  it('while the lock is still held, a later write is refused rather than accepted and lost; reads go on, and see others\' commits', async () => {
    await client.execute({ sql: 'INSERT INTO t VALUES (?)', args: [1] });
    const release = holdWriteLock();
    await expect(client.execute({ sql: 'INSERT INTO t VALUES (?)', args: [2] })).rejects.toMatchObject(busy);
    await expect(client.execute({ sql: 'INSERT INTO t (x) VALUES (?)', args: [3] })).rejects.toMatchObject(busy);
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(1);
    release();

    // Before this connection writes again, its reads already see what another one commits.
    const other = new Database(file);
    other.exec('INSERT INTO t VALUES (5)');
    other.close();
    expect((await client.execute('SELECT x FROM t ORDER BY x')).rows.map((r) => r.x)).toEqual([1, 5]);
    await client.execute({ sql: 'INSERT INTO t (x) VALUES (?)', args: [4] });
    expect(committed()).toEqual([1, 4, 5]);
  });

  it('fails a group of concurrent write batches together, without running each alone against the lock again', async () => {
    const proto = Database.prototype as unknown as { prepare: (sql: string) => unknown };
    const prepare = proto.prepare;
    let begins = 0;
    proto.prepare = function (this: object, sql: string) {
      if (/^BEGIN IMMEDIATE/i.test(sql)) begins++;
      return prepare.call(this, sql);
    };
    const release = holdWriteLock();
    try {
      const batches = [1, 2, 3, 4, 5].map((x) => client.batch([{ sql: 'INSERT INTO t VALUES (?)', args: [x] }], 'write'));
      const outcomes = await Promise.allSettled(batches);
      expect(outcomes.map((o) => o.status === 'rejected' && (o.reason as { code?: string }).code)).toEqual(Array(5).fill('SQLITE_BUSY'));
      // One group, one transaction tried: each batch alone would have waited out the busy timeout once more.
      expect(begins).toBe(1);
    } finally {
      proto.prepare = prepare;
      release();
    }
    await client.batch([{ sql: 'INSERT INTO t VALUES (?)', args: [6] }], 'write');
    expect(committed()).toEqual([6]);
  });
});
