/**
 * Where `wrangler dev` and `wrangler d1 … --local` keep the local D1 database: one SQLite file per database
 * under <persist-to>/v3/d1/miniflare-D1DatabaseObject/, named by a hash, beside miniflare's metadata.sqlite.
 * The CLI opens it as a plain libSQL file (both migration histories are kept, see db/migration-history.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** wrangler's default for --persist-to. */
export const DEFAULT_PERSIST_TO = '.wrangler/state';

/** The `file:` URL of the one local D1 database under `persistTo`; throws a readable error otherwise. */
export function localD1Url(persistTo = DEFAULT_PERSIST_TO): string {
  const folder = resolve(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = existsSync(folder)
    ? readdirSync(folder).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
    : [];
  if (files.length === 0) {
    throw new Error(`No local D1 database under ${folder}: run "npx wrangler d1 migrations apply DB --local" first`);
  }
  if (files.length > 1) {
    throw new Error(`More than one local D1 database under ${folder}: set DATABASE_URL=file:<one of ${files.join(', ')}>`);
  }
  return pathToFileURL(join(folder, files[0]!)).href;
}
