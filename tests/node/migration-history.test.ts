/**
 * One migration history for the Node migrator and `wrangler d1 migrations apply` (db/migration-history.ts),
 * over real database files. What wrangler writes is replicated here as wrangler 4 does it (its d1_migrations
 * table, each file run whole, one row per file name); tests/worker/operator.test.ts runs wrangler itself.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateLibsql, migrationsFolder, openLibsql } from '../../db/libsql';

const dir = mkdtempSync(join(tmpdir(), 'kindling-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();

async function open(name: string) {
  return openLibsql({ url: `file:${join(dir, name)}` });
}

describe('the shared migration history', () => {
  it('records every file the Node migrator applied for wrangler, once, however often it runs', async () => {
    const { db, client } = await open('node.db');
    try {
      await migrateLibsql(db);
      await migrateLibsql(db);
      const rows = await client.execute('SELECT id, name FROM d1_migrations ORDER BY id');
      expect(rows.rows.map((r) => r.name)).toEqual(files);
      expect(rows.rows.map((r) => r.id)).toEqual(files.map((_, i) => i + 1));
      const seq = await client.execute("SELECT seq FROM sqlite_sequence WHERE name = 'd1_migrations'");
      expect(seq.rows[0]!.seq).toBe(files.length);
    } finally {
      client.close();
    }
  });

  it('treats the files wrangler applied as applied, and applies the rest', async () => {
    const { db, client } = await open('wrangler.db');
    try {
      // wrangler 4: its table, then each pending file in name order, recorded by name.
      await client.execute(`CREATE TABLE IF NOT EXISTS d1_migrations(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`);
      const byWrangler = files.slice(0, 4);
      for (const file of byWrangler) {
        await client.executeMultiple(readFileSync(join(migrationsFolder, file), 'utf8'));
        await client.execute({ sql: 'INSERT INTO d1_migrations (name) VALUES (?)', args: [file] });
      }

      // Without the shared history this fails: `table api_tokens already exists`.
      await migrateLibsql(db);

      const drizzle = await client.execute('SELECT count(*) AS n FROM __drizzle_migrations');
      expect(drizzle.rows[0]!.n).toBe(files.length);
      const names = await client.execute('SELECT name FROM d1_migrations ORDER BY id');
      expect(names.rows.map((r) => r.name)).toEqual(files);
      // A table from a file only the Node migrator ran.
      const queue = await client.execute("SELECT name FROM sqlite_master WHERE name = 'recognition_queue'");
      expect(queue.rows).toHaveLength(1);
    } finally {
      client.close();
    }
  });
});
