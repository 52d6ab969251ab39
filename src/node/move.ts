/**
 * Moving a whole installation between homes: `kindling export` writes every table's rows and every image to a
 * folder; `kindling import` loads such a folder into an empty, migrated database (an embedded file, a remote
 * libSQL server, or the local D1 file of `wrangler dev`) and its images into a folder or an R2 bucket.
 * Rows are named by column, so an export taken before a later migration still loads (new columns take their
 * defaults). Node-only (files, and `wrangler` for R2).
 */
import type { Client, InValue } from '@libsql/client';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const FORMAT = 'kindling-installation';
const VERSION = 1;
const PAGE = 500;
/**
 * Tables the target's triggers fill from others (scores from the points ledger): emptied once the rest is
 * in, then loaded as exported, so nothing is counted twice.
 */
const DERIVED = ['scores'];

/** Bookkeeping that each home keeps for itself, never moved: migration histories and engine internals. */
const NOT_MOVED = /^(sqlite_|_cf_|__drizzle_migrations$|d1_migrations$|libsql_)/;

interface Manifest {
  format: typeof FORMAT;
  version: number;
  exportedAt: string;
  tables: { name: string; columns: string[]; rows: number }[];
  images: number;
}

async function tablesInLoadOrder(client: Client): Promise<string[]> {
  const names = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")).rows
    .map((r) => String(r.name))
    .filter((n) => !NOT_MOVED.test(n));
  // Parents before children, so every foreign key finds its row as it is inserted.
  const parents = new Map<string, Set<string>>();
  for (const name of names) {
    const refs = (await client.execute(`PRAGMA foreign_key_list("${name}")`)).rows.map((r) => String(r.table));
    parents.set(name, new Set(refs.filter((t) => t !== name && names.includes(t))));
  }
  const ordered: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.includes(name)) return;
    if (path.includes(name)) throw new Error(`Foreign keys form a cycle: ${[...path, name].join(' → ')}`);
    for (const parent of parents.get(name)!) visit(parent, [...path, name]);
    ordered.push(name);
  };
  for (const name of names) visit(name, []);
  return ordered;
}

const columnsOf = async (client: Client, table: string) =>
  (await client.execute(`PRAGMA table_info("${table}")`)).rows.map((r) => String(r.name));

/** JSON has no blobs or 64-bit integers: both are tagged. */
function encode(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return { $blob: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return { $int: value.toString() };
  return value;
}
function decode(value: unknown): InValue {
  if (value && typeof value === 'object' && '$blob' in value) return Buffer.from(String(value.$blob), 'base64');
  if (value && typeof value === 'object' && '$int' in value) return BigInt(String(value.$int));
  return value as InValue;
}

/**
 * Writes the installation to `dir`: manifest.json, tables/<name>.jsonl (one row per line), images/.
 * `readImage` gives an image's bytes from wherever the home keeps them (a folder, R2); its type is its row's.
 */
export async function exportInstallation(
  client: Client,
  readImage: (id: string) => Promise<Uint8Array | null>,
  dir: string,
  now: Date,
): Promise<Manifest> {
  mkdirSync(join(dir, 'tables'), { recursive: true });
  mkdirSync(join(dir, 'images'), { recursive: true });
  const manifest: Manifest = { format: FORMAT, version: VERSION, exportedAt: now.toISOString(), tables: [], images: 0 };
  for (const name of await tablesInLoadOrder(client)) {
    const columns = await columnsOf(client, name);
    const list = columns.map((c) => `"${c}"`).join(', ');
    const lines: string[] = [];
    for (let last = Number.MIN_SAFE_INTEGER; ; ) {
      const page = await client.execute({ sql: `SELECT rowid AS "__rowid", ${list} FROM "${name}" WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE}`, args: [last] });
      for (const row of page.rows) lines.push(JSON.stringify(columns.map((c) => encode(row[c]))));
      if (page.rows.length < PAGE) break;
      last = Number(page.rows.at(-1)!.__rowid);
    }
    writeFileSync(join(dir, 'tables', `${name}.jsonl`), lines.length ? `${lines.join('\n')}\n` : '');
    manifest.tables.push({ name, columns, rows: lines.length });
  }
  const stored = manifest.tables.some((t) => t.name === 'images')
    ? (await client.execute('SELECT id, content_type FROM images ORDER BY rowid')).rows.map((r) => ({ id: String(r.id), type: String(r.content_type) }))
    : [];
  for (const { id, type } of stored) {
    const body = await readImage(id);
    if (!body) continue; // swept or lost: the row says so, and the gallery already copes
    writeFileSync(join(dir, 'images', id), body);
    writeFileSync(join(dir, 'images', `${id}.type`), type);
    manifest.images++;
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readManifest(dir: string): Manifest {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${dir} is not a Kindling export (no manifest.json)`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== FORMAT || manifest.version !== VERSION) throw new Error(`${dir}: unknown export format ${manifest.format} v${manifest.version}`);
  return manifest;
}

/**
 * Loads an export into a migrated database that holds no users or communities yet (the demo seed counts).
 * Each table goes in batches of rows; the target's triggers keep derived tables (scores) as they would.
 */
export async function importInstallation(client: Client, dir: string): Promise<{ rows: number }> {
  const manifest = readManifest(dir);
  const [occupied] = (await client.execute('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM communities) AS n')).rows;
  if (Number(occupied!.n) > 0) throw new Error('The target database already has users or communities: import only into an empty one');
  const order = await tablesInLoadOrder(client);
  order.sort((a, b) => Number(DERIVED.includes(a)) - Number(DERIVED.includes(b)));
  const byName = new Map(manifest.tables.map((t) => [t.name, t]));
  let rows = 0;
  for (const name of order) {
    const table = byName.get(name);
    if (!table) continue;
    const here = new Set(await columnsOf(client, name));
    const keep = table.columns.map((c, i) => [c, i] as const).filter(([c]) => here.has(c));
    const list = keep.map(([c]) => `"${c}"`).join(', ');
    // OR REPLACE: what a fresh target made for itself (a generated setting) gives way to the installation's own.
    const sql = `INSERT OR REPLACE INTO "${name}" (${list}) VALUES (${keep.map(() => '?').join(', ')})`;
    const lines = readFileSync(join(dir, 'tables', `${name}.jsonl`), 'utf8').split('\n').filter(Boolean);
    if (DERIVED.includes(name)) await client.execute(`DELETE FROM "${name}"`);
    for (let i = 0; i < lines.length; i += PAGE) {
      const batch = lines.slice(i, i + PAGE).map((line) => {
        const values = JSON.parse(line) as unknown[];
        return { sql, args: keep.map(([, index]) => decode(values[index])) };
      });
      await client.batch(batch, 'write');
    }
    rows += lines.length;
  }
  const broken = await client.execute('PRAGMA foreign_key_check');
  if (broken.rows.length > 0) throw new Error(`The imported rows break ${broken.rows.length} foreign key(s)`);
  return { rows };
}

/** The exported images as (id, file, content type), for a folder store or `wrangler r2 object put`. */
export function exportedImages(dir: string): { id: string; file: string; contentType: string }[] {
  const folder = join(dir, 'images');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => !f.endsWith('.type'))
    .map((id) => ({ id, file: join(folder, id), contentType: readFileSync(join(folder, `${id}.type`), 'utf8') }));
}
