/**
 * db/group-commit.ts commits the write batches that arrive together as one transaction. Each batch must still
 * happen entirely or not at all, with its own result or its own error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@libsql/client';
import { openLibsql } from '../../db/libsql';
import { writeGateOf } from '../../db/group-commit';

const dir = mkdtempSync(join(tmpdir(), 'kindling-group-'));
let client: Client;

beforeAll(async () => {
  ({ client } = await openLibsql({ url: `file:${join(dir, 'group.db')}` }));
  await client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)');
  await client.execute('CREATE TABLE total (n INTEGER)');
  await client.execute('INSERT INTO total VALUES (0)');
});
afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Counts the transactions the connection opens while `run` runs. */
async function transactionsDuring(run: () => Promise<unknown>): Promise<number> {
  const proto = Database.prototype as unknown as { prepare: (sql: string) => unknown };
  const prepare = proto.prepare;
  let begun = 0;
  proto.prepare = function (this: object, sql: string) {
    if (/^BEGIN\b/i.test(sql)) begun++;
    return prepare.call(this, sql);
  };
  try {
    await run();
  } finally {
    proto.prepare = prepare;
  }
  return begun;
}

const answer = (v: string) =>
  client.batch(
    [
      { sql: 'INSERT INTO t (v) VALUES (?) RETURNING id, v', args: [v] },
      { sql: 'UPDATE total SET n = n + 1', args: [] },
    ],
    'write',
  );
const total = async () => Number((await client.execute('SELECT n FROM total')).rows[0]!.n);
const values = async () => (await client.execute('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v);

describe('group commit', () => {
  it('commits batches that arrive together in one transaction, each with its own results', async () => {
    let results: Awaited<ReturnType<typeof answer>>[] = [];
    const transactions = await transactionsDuring(async () => {
      results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(answer));
    });
    expect(transactions).toBe(1);
    expect(results.map((r) => r.length)).toEqual([2, 2, 2, 2, 2]);
    expect(results.map((r) => r[0]!.rows[0]!.v)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(results.map((r) => r[1]!.rowsAffected)).toEqual([1, 1, 1, 1, 1]);
    expect(await values()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await total()).toBe(5);
  });

  it('fails only the batch that fails: the others commit, and the failed one leaves no trace', async () => {
    const settled = await Promise.allSettled(['f', 'a', 'g'].map(answer)); // 'a' exists: a unique violation
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(await values()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    // The joint attempt was rolled back whole and 'f' ran again alone: its UPDATE counts once, not twice.
    expect(await total()).toBe(7);
  });

  it('holds write batches back while paused (the checkpointer truncating), and commits them together after', async () => {
    const gate = writeGateOf(client)!;
    await gate.pause();
    let committed = false;
    const held = Promise.all(['p', 'q'].map(answer)).then(() => (committed = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(committed).toBe(false);
    // Reads are not held back.
    expect((await client.batch([{ sql: "SELECT count(*) AS n FROM t WHERE v IN ('p', 'q')", args: [] }], 'read'))[0]!.rows[0]!.n).toBe(0);
    const transactions = await transactionsDuring(async () => {
      gate.resume();
      await held;
    });
    expect(transactions).toBe(1);
    expect(await values()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'p', 'q']);
    expect(await total()).toBe(9);
  });

  it('leaves a lone batch and read batches as they were', async () => {
    expect(await transactionsDuring(() => answer('h'))).toBe(1);
    const [read] = await client.batch([{ sql: 'SELECT count(*) AS n FROM t', args: [] }], 'read');
    expect(read!.rows[0]!.n).toBe(10);
  });

  it('runs a batch of SELECTs without a mode (what Drizzle’s db.batch sends) at once, outside the writes’ group', async () => {
    const gate = writeGateOf(client)!;
    await gate.pause();
    const held = answer('r');
    // Held writes would keep a queued batch waiting too; these reads answer, and see the rows committed so far.
    const [count, first] = await client.batch([
      { sql: 'SELECT count(*) AS n FROM t', args: [] },
      { sql: 'select v from t order by id limit 1', args: [] },
    ]);
    expect(count!.rows[0]!.n).toBe(10);
    expect(first!.rows[0]!.v).toBe('a');
    // A batch that writes anything still waits for its group, a WITH ... INSERT included.
    let written = false;
    const write = client
      .batch([{ sql: "WITH x AS (SELECT 's' AS v) INSERT INTO t (v) SELECT v FROM x", args: [] }])
      .then(() => (written = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(written).toBe(false);
    gate.resume();
    await Promise.all([held, write]);
    expect(await values()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'p', 'q', 'h', 'r', 's']);
  });
});
