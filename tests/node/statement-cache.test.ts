/**
 * db/statement-cache.ts keeps prepared statements per embedded connection. Reusing one must be invisible: new
 * arguments every time, a failed run leaves nothing behind for the next, and a schema change is seen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibsql } from '../../db/libsql';

const dir = mkdtempSync(join(tmpdir(), 'kindling-stmt-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the prepared-statement cache', () => {
  it('prepares each statement once per connection, and reuse changes no result', async () => {
    const { client } = await openLibsql({ url: `file:${join(dir, 'cache.db')}` });
    await client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)');

    // Count the statements libsql really compiles, under the cache (which sits on the same prototype).
    const proto = Database.prototype as unknown as { prepare: (sql: string) => unknown };
    const cached = proto.prepare;
    const compiled: string[] = [];
    const seen = new WeakSet<object>();
    proto.prepare = function (this: object, sql: string) {
      const statement = cached.call(this, sql) as object;
      if (!seen.has(statement)) compiled.push(sql);
      seen.add(statement);
      return statement;
    };
    try {
      const insert = 'INSERT INTO t (v) VALUES (?) RETURNING id';
      expect((await client.execute({ sql: insert, args: ['a'] })).rows[0]!.id).toBe(1);
      // A failed run (a unique violation) leaves nothing behind for the next one.
      await expect(client.execute({ sql: insert, args: ['a'] })).rejects.toThrow(/UNIQUE/);
      expect((await client.execute({ sql: insert, args: ['b'] })).rows[0]!.id).toBe(2);
      const select = 'SELECT * FROM t WHERE v = ?';
      expect((await client.execute({ sql: select, args: ['b'] })).rows.map((r) => r.id)).toEqual([2]);
      expect((await client.execute({ sql: select, args: ['zz'] })).rows).toEqual([]);
      expect(compiled.filter((s) => s === insert)).toHaveLength(1);
      expect(compiled.filter((s) => s === select)).toHaveLength(1);
      // A statement that returns no rows keeps being run as one (its remembered shape says so).
      const update = "UPDATE t SET v = v || '!' WHERE id = ?";
      expect((await client.execute({ sql: update, args: [1] })).rowsAffected).toBe(1);
      expect((await client.execute({ sql: update, args: [99] })).rowsAffected).toBe(0);
      expect((await client.execute({ sql: update, args: [1] })).rowsAffected).toBe(1);
      expect(compiled.filter((s) => s === update)).toHaveLength(1);
      expect((await client.execute({ sql: select, args: ['a!!'] })).columns).toEqual(['id', 'v']);

      // A schema change through the connection (a migration) empties its cache: the next run sees the new column.
      await client.execute("ALTER TABLE t ADD COLUMN w TEXT DEFAULT 'new'");
      const after = await client.execute({ sql: select, args: ['a!!'] });
      expect(after.columns).toEqual(['id', 'v', 'w']);
      expect(after.rows[0]).toMatchObject({ id: 1, v: 'a!!', w: 'new' });
      expect(compiled.filter((s) => s === select)).toHaveLength(2);
    } finally {
      proto.prepare = cached;
      client.close();
    }
  });
});
