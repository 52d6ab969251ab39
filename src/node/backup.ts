/**
 * `kindling backup` and `kindling restore` for an embedded database file (plain or embedded replica).
 * A backup is `VACUUM INTO`: one read transaction over the live database, so the server keeps running and
 * the copy is consistent as of its start (WAL content included). A restore checks the copy first and swaps
 * it in by rename, so a failed restore leaves the database as it was. Remote libSQL servers and D1 keep their
 * own backups (README, "Security and data"): this only says so.
 */
import Database from 'libsql';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config';
import { databaseFilePath } from './db';
import { imagesDirFor } from './storage-fs';

/** Raised for what the operator must fix (exit 1, with this message). */
export class BackupError extends Error {}

const REMOTE_ADVICE =
  'DATABASE_URL is not a file: back up a remote libSQL server where it runs (Turso: point-in-time restore or ' +
  '`turso db shell <db> .dump`; sqld: copy its data folder while stopped), or run this against an embedded replica.';

function localFile(config: Config): string {
  const file = databaseFilePath(config.databaseUrl);
  if (!file) throw new BackupError(REMOTE_ADVICE);
  return resolve(file);
}

/** Where a backup's images go: beside the database copy, so the two travel together. */
export const imagesCopyOf = (backupFile: string) => `${backupFile}.images`;

export function backup(config: Config, to: string, opts: { images: boolean }): { bytes: number; images?: string } {
  const file = localFile(config);
  const target = resolve(to);
  if (!existsSync(file)) throw new BackupError(`There is no database at ${file}`);
  if (existsSync(target)) throw new BackupError(`${target} already exists: choose a new file (a backup never overwrites one)`);
  const db = new Database(file);
  try {
    // Wait for a writer's commit rather than fail; the copy itself never blocks the server's writes (WAL).
    db.pragma('busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
  verify(target);
  // Images are written once under a fresh id and never changed: copied after the database, the folder holds
  // every image the copy refers to (bar one deleted in between, whose answer was deleted too).
  let images: string | undefined;
  if (opts.images) {
    const dir = imagesDirFor(config);
    images = imagesCopyOf(target);
    if (existsSync(dir)) cpSync(dir, images, { recursive: true, errorOnExist: true, force: false });
    else mkdirSync(images); // no image yet: an empty folder, so a restore with --images finds one
  }
  return { bytes: statSync(target).size, images };
}

/** A SQLite file that passes integrity_check and holds Kindling's tables, or a BackupError saying why not. */
function verify(file: string): void {
  if (!existsSync(file)) throw new BackupError(`There is no backup at ${file}`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true });
    const result = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (result.join() !== 'ok') throw new BackupError(`${file} fails integrity_check: ${result.slice(0, 3).join('; ')}`);
    const kindling = db.prepare("select count(*) as n from sqlite_master where type = 'table' and name in ('users', 'communities')").get() as { n: number };
    if (kindling.n !== 2) throw new BackupError(`${file} is not a Kindling database`);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${file} is not a readable SQLite database (${(err as Error).message})`);
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database with a verified backup. A database that exists is only replaced with `force`: a
 * running server must be stopped first (its open connection would keep writing to the replaced file).
 */
export function restore(config: Config, from: string, opts: { force: boolean; images: boolean }): { images?: string } {
  const file = localFile(config);
  if (config.databaseSyncUrl) throw new BackupError('An embedded replica follows its remote database: restore the remote instead');
  const source = resolve(from);
  verify(source);
  if (existsSync(file) && !opts.force) {
    // SQLite removes -wal and -shm when the last connection closes: their presence means open (or crashed).
    const open = existsSync(`${file}-wal`) || existsSync(`${file}-shm`);
    throw new BackupError(
      `${file} exists${open ? ' and looks in use (stop the server first)' : ''}: pass --force to replace it`,
    );
  }
  const temp = `${file}.restoring-${process.pid}`;
  cpSync(source, temp);
  // The old database's log must not be replayed onto the restored one.
  for (const stale of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(stale, { force: true });
  renameSync(temp, file);
  let images: string | undefined;
  if (opts.images) {
    const copy = imagesCopyOf(source);
    if (!existsSync(copy)) throw new BackupError(`The database is restored, but there is no images folder at ${copy}`);
    images = imagesDirFor(config);
    // Merged, never overwriting: an image's bytes never change, so a file already there is the same image.
    cpSync(copy, images, { recursive: true, force: false });
  }
  return { images };
}
