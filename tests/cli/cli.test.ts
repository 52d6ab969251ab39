/** The admin CLI as a user runs it: a real `node bin/kindling.mjs` process over a database file. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibsql } from '../../db/libsql';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { sha256Hex } from '../../src/domain/crypto';
import { noMailer } from '../../src/mail/transports';
import { folderImageStore } from '../../src/node/storage-fs';
import { jpegWithMetadata, plantedIn, readMetadata } from '../helpers/image-metadata';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let databaseUrl: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kindling-cli-'));
  databaseUrl = `file:${join(dir, 'data', 'kindling.db')}`;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function kindling(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/kindling.mjs', ...args],
      { cwd: root, timeout: 30_000, env: { ...process.env, DATABASE_URL: databaseUrl } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

async function withDb<T>(work: (opened: Awaited<ReturnType<typeof openLibsql>>) => Promise<T>) {
  const opened = await openLibsql({ url: databaseUrl });
  try {
    return await work(opened);
  } finally {
    opened.client.close();
  }
}

describe('kindling CLI', () => {
  it('migrate creates the database file (and its folder) and applies the migrations', async () => {
    const res = await kindling('migrate');
    expect(res.code, res.stderr).toBe(0);
    const tables = await withDb(({ client }) => client.execute("select name from sqlite_master where type = 'table'"));
    expect(tables.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['users', 'communities', 'api_tokens']));
  });

  it('migrate strips metadata from images stored before uploads were stripped, once', async () => {
    const dirty = jpegWithMetadata(32, 32);
    const store = folderImageStore(join(dir, 'data', 'images'));
    await store.put('legacyImage000000000001', dirty, 'image/jpeg');
    await withDb(({ client }) =>
      client.batch([
        "insert into users (id, email, name, created_at) values (900, 'legacy@example.org', 'Legacy', 0)",
        `insert into images (id, owner_id, content_type, byte_size, width, height, created_at, metadata_stripped)
          values ('legacyImage000000000001', 900, 'image/jpeg', ${dirty.length}, 32, 32, 0, 0)`,
      ]),
    );
    const res = await kindling('migrate');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Stripped metadata from 1 stored image(s).');
    const clean = (await store.get('legacyImage000000000001'))!.body;
    expect((await readMetadata(clean)).gps).toBeNull();
    expect(plantedIn(clean)).toEqual([]);
    const row = await withDb(({ client }) => client.execute("select byte_size, metadata_stripped from images where owner_id = 900"));
    expect(row.rows).toEqual([expect.objectContaining({ byte_size: clean.length, metadata_stripped: 1 })]);

    const again = await kindling('migrate');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('Stripped');
  });

  it('token create --steward prints a token as its last line that authenticates as a steward', async () => {
    const res = await kindling('token', 'create', '--email', 'a@b.org', '--steward', '--label', 'ops');
    expect(res.code, res.stderr).toBe(0);
    const token = res.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^kdl_[A-Za-z0-9_-]{40,}$/);
    expect(res.stdout).not.toContain('a@b.org');

    await withDb(async ({ db, client }) => {
      const rows = await client.execute({
        sql: 'select t.token_hash, t.label, u.is_steward from api_tokens t join users u on u.id = t.user_id where u.email = ?',
        args: ['a@b.org'],
      });
      expect(rows.rows).toEqual([expect.objectContaining({ token_hash: await sha256Hex(token), label: 'ops', is_steward: 1 })]);
      const images = folderImageStore(join(dir, 'data', 'images'));
      const app = createApp({ db, clock: () => new Date(), mailer: noMailer, config: parseConfig({ MAIL_TRANSPORT: 'none' }), images });
      const me = await app.request('/api/me', { headers: { Authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: 'a@b.org', isSteward: true });
    });
  });

  it('seed --demo seeds once, then leaves a database with communities alone', async () => {
    const first = await kindling('seed', '--demo');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('kindling-demo');
    const second = await kindling('seed', '--demo');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('nothing seeded');
    const count = await withDb(({ client }) => client.execute('select count(*) as n from communities'));
    expect(count.rows[0]!.n).toBe(1);
  });

  it('tick --at runs the scheduler at that instant and says what it did', async () => {
    const early = await kindling('tick', '--at', '2026-03-02T12:00:00Z');
    expect(early.code, early.stderr).toBe(0);
    expect(early.stdout).toMatch(/opened \d+ prompt\(s\), finished \d+ series/);
    // Far past the demo series' last prompt and late window: everything opens and the series finish, the demo's
    // and the facilitators' circle's (its six weekly prompts, made by the first tick for the demo's facilitator).
    const later = await kindling('tick', '--at', new Date(Date.now() + 90 * 86_400_000).toISOString());
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout).toMatch(/finished 2 series/);
  });

  it('mail status reports the outbox without addresses, and fails once mail waits too long', async () => {
    const fresh = await kindling('mail', 'status');
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout).toContain('Oldest unsent mail: none');
    await withDb(({ client }) =>
      client.execute({
        sql: "insert into outbox (to_address, subject, text, created_at, attempts, last_error, kind) values ('stuck@example.org', 's', 't', ?, 3, 'http 503', 'notice')",
        args: [Date.now() - 2 * 3_600_000],
      }),
    );
    const stuck = await kindling('mail', 'status');
    expect(stuck.code).toBe(1);
    expect(stuck.stdout, stuck.stderr).toMatch(/Oldest unsent mail: 1(19|20) min/);
    expect(stuck.stdout).toContain('Failing (will retry): 1; given up: 0; suppressed: 0');
    expect(stuck.stderr).toContain('MAIL_MAX_AGE_MINUTES (60)');
    expect(stuck.stdout + stuck.stderr).not.toContain('stuck@');
    await withDb(({ client }) => client.execute('delete from outbox'));
  });

  // Usage errors stop before the database is opened, so these can run side by side.
  it.concurrent.each([
    [['frob'], /Unknown command "frob"/],
    [[], /a command is needed/],
    [['token', 'create'], /needs --email/],
    [['token', 'create', '--email', 'not-an-address'], /needs --email/],
    [['tick', '--at', 'yesterday'], /--at must be an ISO-8601 instant/],
    [['migrate', '--bogus'], /Unknown option '--bogus'/],
    [['migrate', '--email', 'a@b.org'], /does not take --email/],
    [['migrate', '--persist-to', '.wrangler/state'], /--persist-to goes with --local-d1/],
  ])('bad usage %j exits 2 with a message', async (args, message) => {
    const res = await kindling(...args);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });

  it('--local-d1 names the missing local D1 database and how to create it', async () => {
    const res = await kindling('migrate', '--local-d1', '--persist-to', join(dir, 'no-state'));
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/No local D1 database under \S+miniflare-D1DatabaseObject: run "npx wrangler d1 migrations apply DB --local"/);
  });

  it('help lists the commands', async () => {
    const res = await kindling('help');
    expect(res.code).toBe(0);
    for (const command of ['migrate', 'seed --demo', 'token create', 'tick']) expect(res.stdout).toContain(command);
  });
});
