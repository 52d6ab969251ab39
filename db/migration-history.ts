/**
 * One migration history for the two tools that apply db/migrations: Drizzle's migrator (Node, the CLI) keeps
 * `__drizzle_migrations` (a hash and the journal's `when` per file, and it applies every file newer than the
 * newest row), while `wrangler d1 migrations apply` keeps `d1_migrations` (one row per file name). Each tool
 * alone would re-run the other's migrations on the same database (`table api_tokens already exists`), so before
 * Drizzle migrates, the files wrangler applied are recorded for Drizzle, and afterwards every file Drizzle
 * applied is recorded for wrangler. A local D1 file, a D1 export and a Node database then read the same to both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from './client';

/** Exactly as wrangler 4 creates it (wrangler's `initMigrationsTable`), so wrangler finds nothing to change. */
const D1_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;
/** As Drizzle's migrator creates it (drizzle-orm/libsql/migrator). */
const DRIZZLE_TABLE = `CREATE TABLE IF NOT EXISTS __drizzle_migrations (
  id SERIAL PRIMARY KEY,
  hash text NOT NULL,
  created_at numeric
)`;

interface MigrationFile {
  /** The name wrangler records: `0003_images.sql`. */
  name: string;
  hash: string;
  /** The journal's `when`, Drizzle's created_at. */
  when: number;
}

export function migrationFiles(migrationsFolder: string): MigrationFile[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const files = readMigrationFiles({ migrationsFolder });
  return journal.entries.map((entry, i) => ({ name: `${entry.tag}.sql`, hash: files[i]!.hash, when: entry.when }));
}

async function hasTable(db: Db, name: string): Promise<boolean> {
  const rows = await db.all(sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ${name}`);
  return rows.length > 0;
}

/** Before Drizzle migrates: the files wrangler applied count as applied for Drizzle too. */
export async function adoptD1Migrations(db: Db, files: MigrationFile[]): Promise<number> {
  if (!(await hasTable(db, 'd1_migrations'))) return 0;
  await db.run(sql.raw(DRIZZLE_TABLE));
  const byWrangler = new Set((await db.all<{ name: string }>(sql`SELECT name FROM d1_migrations`)).map((r) => r.name));
  const byDrizzle = new Set(
    (await db.all<{ created_at: number }>(sql`SELECT created_at FROM __drizzle_migrations`)).map((r) => Number(r.created_at)),
  );
  // Only a prefix of the journal: Drizzle applies whatever is newer than its newest row, so recording a later
  // file while an earlier one is missing would skip the earlier one for good.
  const adopt: MigrationFile[] = [];
  for (const file of files) {
    if (byDrizzle.has(file.when)) continue;
    if (!byWrangler.has(file.name)) break;
    adopt.push(file);
  }
  if (adopt.length === 0) return 0;
  await db.batch(
    adopt.map((f) => db.run(sql`INSERT INTO __drizzle_migrations (hash, created_at) VALUES (${f.hash}, ${f.when})`)) as [
      ReturnType<Db['run']>,
      ...ReturnType<Db['run']>[],
    ],
  );
  return adopt.length;
}

/** After Drizzle migrates: every file it applied is recorded for `wrangler d1 migrations apply`. */
export async function recordD1Migrations(db: Db, files: MigrationFile[]): Promise<void> {
  const applied = new Set(
    (await db.all<{ created_at: number }>(sql`SELECT created_at FROM __drizzle_migrations`)).map((r) => Number(r.created_at)),
  );
  await db.run(sql.raw(D1_TABLE));
  const recorded = new Set((await db.all<{ name: string }>(sql`SELECT name FROM d1_migrations`)).map((r) => r.name));
  // Only missing names: even an ignored insert would advance the AUTOINCREMENT counter.
  const names = files.filter((f) => applied.has(f.when) && !recorded.has(f.name)).map((f) => f.name);
  if (names.length === 0) return;
  await db.batch(
    names.map((name) => db.run(sql`INSERT OR IGNORE INTO d1_migrations (name) VALUES (${name})`)) as [
      ReturnType<Db['run']>,
      ...ReturnType<Db['run']>[],
    ],
  );
}
