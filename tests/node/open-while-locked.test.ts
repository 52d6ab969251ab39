/**
 * Opening the embedded file while another process holds a lock on it (the CLI beside a server that is closing
 * its last connection, which checkpoints the WAL away) waits for the lock instead of failing at once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { openLibsql } from '../../db/libsql';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kindling-locked-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Another process takes the file's lock, says so, and lets it go after `ms`. */
function holdLock(file: string, ms: number): Promise<() => Promise<number>> {
  const script = `
    const Database = require('libsql');
    const db = new Database(${JSON.stringify(file)});
    db.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (x); INSERT INTO held VALUES (1);");
    console.log('locked');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve(() => exited));
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before locking`)));
  });
}

it('waits for a lock another process holds, rather than failing with "database is locked"', async () => {
  const url = `file:${join(dir, 'kindling.db')}`;
  (await openLibsql({ url })).client.close();
  const released = await holdLock(join(dir, 'kindling.db'), 400);
  const started = Date.now();
  const { client } = await openLibsql({ url });
  try {
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect((await client.execute('select count(*) as n from held')).rows[0]!.n).toBe(1);
  } finally {
    client.close();
  }
  expect(await released()).toBe(0);
});
