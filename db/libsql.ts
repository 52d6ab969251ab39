/** Opens libSQL on Node: an embedded file (the default), a remote server, or an embedded replica. */
import { createClient, type Client } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { fileURLToPath } from 'node:url';
import { dbFromLibsql, type Db } from './client';
import { commitInGroups } from './group-commit';
import { replicaClient } from './replica-client';
import { adoptD1Migrations, migrationFiles, recordD1Migrations } from './migration-history';
import { cachePreparedStatements, REPLICA_CONNECTION } from './statement-cache';

export interface LibsqlOptions {
  url: string;
  authToken?: string;
  /** Makes `url` (a file) an embedded replica of this remote database. */
  syncUrl?: string;
  /** With `syncUrl`: seconds between background pulls from the remote (0 or absent: only on `sync()` and writes). */
  syncIntervalSeconds?: number;
  synchronous?: 'NORMAL' | 'FULL';
}

// Resolved from the repository root's point of view, so it holds both here and in the bundled dist/node.mjs.
export const migrationsFolder = fileURLToPath(new URL('../db/migrations', import.meta.url));

export async function openLibsql(options: LibsqlOptions): Promise<{ db: Db; client: Client }> {
  const isFile = options.url.startsWith('file:');
  const isReplica = isFile && Boolean(options.syncUrl);
  if (isFile) cachePreparedStatements();
  const opened = createClient({
    url: options.url,
    authToken: options.authToken,
    syncUrl: options.syncUrl,
    ...(isReplica && options.syncIntervalSeconds ? { syncInterval: options.syncIntervalSeconds } : {}),
    // One connection for a local file: SQLite writes one at a time anyway, every statement here is
    // synchronous inside the client, and PRAGMAs set once then hold for every query.
    ...(isFile ? { concurrency: 1 } : {}),
  });
  // A replica writes through its primary's HTTP API, which the sync URL also serves (sqld, Turso).
  const client = isReplica ? replicaClient(opened, createClient({ url: options.syncUrl!, authToken: options.authToken })) : opened;
  if (isReplica) await opened.execute(REPLICA_CONNECTION);
  if (isFile) commitInGroups(client);
  // Not on a replica, which refuses PRAGMAs (libsql: "unsupported statement"): its file is libsql's to manage,
  // and the primary, which runs every write, enforces foreign keys (sqld's default).
  if (isFile && !isReplica) {
    // First: switching to WAL takes a lock, and without a busy timeout it failed at once ("database is locked")
    // while another process held one, e.g. one closing its last connection, which checkpoints the WAL away.
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute(`PRAGMA synchronous = ${options.synchronous ?? 'NORMAL'}`);
    await client.execute('PRAGMA foreign_keys = ON');
  }
  return { db: dbFromLibsql(client), client };
}

/** Applies pending migrations, sharing one history with `wrangler d1 migrations apply` (./migration-history.ts). */
export async function migrateLibsql(db: Db): Promise<void> {
  const files = migrationFiles(migrationsFolder);
  await adoptD1Migrations(db, files);
  await migrate(db, { migrationsFolder });
  await recordD1Migrations(db, files);
}
