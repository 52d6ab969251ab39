/**
 * `kindling backup` and `kindling restore` as an operator runs them: real processes over a database file that
 * another connection (standing in for the running server) keeps open and writes to.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateLibsql, openLibsql } from '../../db/libsql';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let dbFile: string;
let server: Awaited<ReturnType<typeof openLibsql>>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kindling-backup-'));
  dbFile = join(dir, 'data', 'kindling.db');
  mkdirSync(join(dir, 'data', 'images'), { recursive: true });
  writeFileSync(join(dir, 'data', 'images', 'img-1.png'), 'png bytes');
  // The "server": holds the database open in WAL mode for the whole test, as a running Kindling does.
  server = await openLibsql({ url: `file:${dbFile}` });
  await migrateLibsql(server.db);
  await addUser('before@example.org');
});
afterEach(() => {
  server.client.close();
  rmSync(dir, { recursive: true, force: true });
});

const addUser = (email: string) =>
  server.client.execute({ sql: 'insert into users (email, name, created_at) values (?, ?, ?)', args: [email, 'N', Date.now()] });

async function emails(file: string): Promise<string[]> {
  const opened = await openLibsql({ url: `file:${file}` });
  try {
    return (await opened.client.execute('select email from users order by id')).rows.map((r) => String(r.email));
  } finally {
    opened.client.close();
  }
}

function kindling(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kindling.mjs', ...args], { cwd: root, timeout: 30_000, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: stdout + stderr }),
    );
  });
}
const onFile = () => ({ DATABASE_URL: `file:${dbFile}` });

describe('kindling backup', () => {
  it('copies the live database, its unsaved log included, and optionally the images', async () => {
    // Committed but still in the WAL: the server has not checkpointed it into the database file.
    await addUser('in-wal@example.org');
    expect(existsSync(`${dbFile}-wal`)).toBe(true);
    const to = join(dir, 'backup.db');
    const res = await kindling(onFile(), 'backup', '--to', to, '--images');
    expect(res.code, res.out).toBe(0);
    expect(res.out).toContain('integrity_check ok');
    expect(await emails(to)).toEqual(['before@example.org', 'in-wal@example.org']);
    expect(readFileSync(join(`${to}.images`, 'img-1.png'), 'utf8')).toBe('png bytes');
    // The server went on writing throughout.
    await addUser('after@example.org');
  });

  it('never overwrites a file, and says where a remote database is backed up', async () => {
    const to = join(dir, 'exists.db');
    writeFileSync(to, 'keep me');
    const res = await kindling(onFile(), 'backup', '--to', to);
    expect(res.code).toBe(1);
    expect(res.out).toContain('already exists');
    expect(readFileSync(to, 'utf8')).toBe('keep me');

    const remote = await kindling({ DATABASE_URL: 'libsql://kindling.example.turso.io', DATABASE_AUTH_TOKEN: 't' }, 'backup', '--to', join(dir, 'r.db'));
    expect(remote.code).toBe(1);
    expect(remote.out).toMatch(/not a file.*Turso/s);
    expect((await kindling(onFile(), 'backup')).code).toBe(2);
  });
});

describe('kindling restore', () => {
  it('refuses to replace a database in use without --force, then restores it and the images', async () => {
    const backupFile = join(dir, 'backup.db');
    expect((await kindling(onFile(), 'backup', '--to', backupFile, '--images')).code).toBe(0);
    await addUser('lost@example.org');
    rmSync(join(dir, 'data', 'images'), { recursive: true });

    const refused = await kindling(onFile(), 'restore', '--from', backupFile);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('looks in use');
    expect(await emails(dbFile)).toEqual(['before@example.org', 'lost@example.org']);

    server.client.close(); // the operator stops the server
    const res = await kindling(onFile(), 'restore', '--from', backupFile, '--force', '--images');
    expect(res.code, res.out).toBe(0);
    expect(await emails(dbFile)).toEqual(['before@example.org']);
    expect(readFileSync(join(dir, 'data', 'images', 'img-1.png'), 'utf8')).toBe('png bytes');
    server = await openLibsql({ url: `file:${dbFile}` });
  });

  it('checks the backup first and leaves the database alone when it is damaged or not Kindling', async () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'x'.repeat(8192));
    const other = join(dir, 'other.db');
    const foreign = await openLibsql({ url: `file:${other}` });
    await foreign.client.execute('create table notes (body text)');
    foreign.client.close();
    const truncated = join(dir, 'truncated.db');
    expect((await kindling(onFile(), 'backup', '--to', truncated)).code).toBe(0);
    writeFileSync(truncated, readFileSync(truncated).subarray(0, 8192));

    for (const [from, why] of [[garbage, 'not a readable SQLite'], [other, 'not a Kindling'], [truncated, /integrity_check|not a readable/], [join(dir, 'none.db'), 'no backup']] as const) {
      const res = await kindling(onFile(), 'restore', '--from', from, '--force');
      expect(res.code, res.out).toBe(1);
      expect(res.out).toMatch(why);
    }
    expect(await emails(dbFile)).toEqual(['before@example.org']);
  });
});
