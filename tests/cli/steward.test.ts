/**
 * `kindling steward create`: the first steward made through a deployment's setup route (a real HTTP server
 * over a real app, as on Workers where the CLI cannot reach D1), and in a local database.
 */
import { serve, type ServerType } from '@hono/node-server';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openLibsql } from '../../db/libsql';
import { users } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'cli-setup-secret-0123456789abcdef';
let t: TestApp;
let server: ServerType;
let url: string;
let dir: string;

function kindling(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // Only the secret this call names: none from the environment the tests run in.
  const { STEWARD_SETUP_SECRET: _inherited, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kindling.mjs', ...args], { cwd: root, timeout: 30_000, env: { ...inherited, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z', { STEWARD_SETUP_SECRET: SECRET });
  await new Promise<void>((ready) => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'kindling-steward-cli-'));
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

const stewards = async () => (await t.db.select({ email: users.email }).from(users).where(eq(users.isSteward, true))).map((u) => u.email);

it('--url: refuses a wrong secret, makes the first steward, then says one exists', async () => {
  const wrong = await kindling({}, 'steward', 'create', '--email', 'first@example.org', '--url', url, '--secret', 'wrong-secret-0123456789');
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain('401');
  expect(await stewards()).toEqual([]);

  // The secret from the environment, kept out of the shell history.
  const made = await kindling({ STEWARD_SETUP_SECRET: SECRET }, 'steward', 'create', '--email', 'first@example.org', '--url', url);
  expect(made.code, made.stderr).toBe(0);
  expect(made.stdout).not.toContain('first@example.org');
  expect(await stewards()).toEqual(['first@example.org']);

  const again = await kindling({}, 'steward', 'create', '--email', 'second@example.org', '--url', url, '--secret', SECRET);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('steward_exists');
  expect(await stewards()).toEqual(['first@example.org']);
});

it('--url: needs a secret and refuses plain http to another host', async () => {
  expect((await kindling({}, 'steward', 'create', '--email', 'a@example.org', '--url', url)).code).toBe(2);
  const http = await kindling({}, 'steward', 'create', '--email', 'a@example.org', '--url', 'http://kindling.example.org', '--secret', SECRET);
  expect(http.code).toBe(2);
  expect(http.stderr).toContain('https');
});

it('without --url: in the local database, once', async () => {
  const env = { DATABASE_URL: `file:${join(dir, 'kindling.db')}` };
  expect((await kindling(env, 'migrate')).code).toBe(0);
  const made = await kindling(env, 'steward', 'create', '--email', 'local@example.org');
  expect(made.code, made.stderr).toBe(0);
  const again = await kindling(env, 'steward', 'create', '--email', 'other@example.org');
  expect(again.code).toBe(1);
  const opened = await openLibsql({ url: env.DATABASE_URL });
  try {
    expect((await opened.client.execute('select email from users where is_steward = 1')).rows.map((r) => r.email)).toEqual(['local@example.org']);
    expect((await opened.client.execute('select action, actor_id from steward_log')).rows.map((r) => [r.action, r.actor_id])).toEqual([['setup_steward', null]]);
  } finally {
    opened.client.close();
  }
  // token create --steward makes one too, logged the same way; again for a steward, it logs nothing more.
  for (let i = 0; i < 2; i++) expect((await kindling(env, 'token', 'create', '--email', 'ops@example.org', '--steward')).code).toBe(0);
  const reopened = await openLibsql({ url: env.DATABASE_URL });
  try {
    const rows = await reopened.client.execute("select l.action from steward_log l join users u on u.id = l.target_user_id where u.email = 'ops@example.org'");
    expect(rows.rows.map((r) => r.action)).toEqual(['setup_steward']);
  } finally {
    reopened.client.close();
  }
});
