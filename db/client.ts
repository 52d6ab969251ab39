/**
 * The `Db` type every domain function takes, and the constructors for each home.
 * Runtime-free: the Node-only libSQL opener lives in ./libsql.ts.
 */
import type { Client } from '@libsql/client';
import { drizzle as drizzleLibsql, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Db = LibSQLDatabase<typeof schema>;
export { schema };

export function dbFromLibsql(client: Client): Db {
  return drizzleLibsql(client, { schema });
}

/**
 * D1 speaks the same async SQLite dialect and batch API as libSQL; only raw `.run()` results differ,
 * which Kindling never reads (writes that need ids use `.returning()`). One Db type keeps domain code single.
 */
export function dbFromD1(binding: Parameters<typeof drizzleD1>[0]): Db {
  return drizzleD1(binding, { schema }) as unknown as Db;
}
