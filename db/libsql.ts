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

/**
 * Moves WAL checkpoints off the request path: SQLite's automatic checkpoint runs inside whichever commit
 * crosses the threshold, which is what sets a write's p99. With it off, a timer checkpoints (PASSIVE: never
 * waits for readers) every `everyMs`; the WAL holds at most that long's writes. Returns a stop function.
 */
export async function checkpointInBackground(client: Client, everyMs = 1000): Promise<() => void> {
  await client.execute('PRAGMA wal_autocheckpoint = 0');
  const timer = setInterval(() => {
    client.execute('PRAGMA wal_checkpoint(PASSIVE)').catch(() => {
      // A busy or closing database: the next run tries again.
    });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
