/**
 * Opens and migrates the database named by the config, for the two Node entry points (server and CLI),
 * so both read DATABASE_URL and friends the same way.
 */
import type { Client } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dbFromLibsql, type Db } from '../../db/client';
import { migrateLibsql, openLibsql } from '../../db/libsql';
import { trackWrites, type DataVersion } from './data-version';
import type { Config } from '../config';

/** The filesystem path of a `file:` URL (`file:./data/x.db`, `file:/abs/x.db`, `file:///abs/x.db`), else null. */
export function databaseFilePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = url.startsWith('file://') ? fileURLToPath(url.split('?')[0]!) : url.slice('file:'.length).split('?')[0]!;
  return path && !path.includes(':memory:') ? path : null;
}

/**
 * `client` is the driver's own; `db` runs on `dbClient`, the same client with its writes counted for the read
 * caches (`dataVersion`).
 */
export async function openDatabase(config: Config): Promise<{ db: Db; client: Client; dbClient: Client; dataVersion: DataVersion }> {
  const file = databaseFilePath(config.databaseUrl);
  // SQLite creates the file but not its folder; a fresh clone has no ./data yet.
  if (file) mkdirSync(dirname(file), { recursive: true });
  const opened = await openLibsql({
    url: config.databaseUrl,
    authToken: config.databaseAuthToken,
    syncUrl: config.databaseSyncUrl,
    syncIntervalSeconds: config.databaseSyncIntervalSeconds,
    synchronous: config.synchronous,
  });
  // An embedded replica starts empty: pull the remote state before migrating or reading it.
  if (config.databaseSyncUrl) await opened.client.sync();
  // Migrations are idempotent, so every entry point applies pending ones before touching data.
  await migrateLibsql(opened.db);
  // Only a plain embedded file has a WAL of its own to watch; a replica's changes arrive by sync.
  const tracked = trackWrites(opened.client, file && !config.databaseSyncUrl ? `${file}-wal` : null);
  return { db: dbFromLibsql(tracked.client), client: opened.client, dbClient: tracked.client, dataVersion: tracked.dataVersion };
}
