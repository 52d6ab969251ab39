/** Opens libSQL on Node: an embedded file (the default), a remote server, or an embedded replica. */
import { createClient, type Client } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { fileURLToPath } from 'node:url';
import { dbFromLibsql, type Db } from './client';

export interface LibsqlOptions {
  url: string;
  authToken?: string;
  /** Makes `url` (a file) an embedded replica of this remote database. */
  syncUrl?: string;
  synchronous?: 'NORMAL' | 'FULL';
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function openLibsql(options: LibsqlOptions): Promise<{ db: Db; client: Client }> {
  const isFile = options.url.startsWith('file:');
  const client = createClient({
    url: options.url,
    authToken: options.authToken,
    syncUrl: options.syncUrl,
    // One connection for a local file: SQLite writes one at a time anyway, every statement here is
    // synchronous inside the client, and PRAGMAs set once then hold for every query.
    ...(isFile ? { concurrency: 1 } : {}),
  });
  if (isFile && !options.syncUrl) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute(`PRAGMA synchronous = ${options.synchronous ?? 'NORMAL'}`);
  }
  if (isFile) {
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute('PRAGMA foreign_keys = ON');
  }
  return { db: dbFromLibsql(client), client };
}

export async function migrateLibsql(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}
