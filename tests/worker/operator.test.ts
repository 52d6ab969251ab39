/**
 * A new operator's first run of the Workers home, in workerd: wrangler.toml's development [vars] alone (no
 * --var but a faster tick), a local D1 migrated by `wrangler d1 migrations apply`, then the admin CLI writing
 * to that same D1 file before `wrangler dev` starts. The Worker answers, seeds the demo, accepts the CLI's
 * steward token, and opens a due prompt on requests without anyone firing the Cron Trigger.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, startWorker, wrangler, type WorkerHome } from './wrangler';

let home: WorkerHome;
let token = '';
let secondApply = '';
let exportFile = '';

function kindling(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kindling.mjs', ...args], { cwd: root, timeout: 30_000, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  home = await startWorker({
    asConfigured: true,
    // Once a second rather than wrangler.toml's once a minute, so the test need not wait a minute.
    vars: { TICK_ON_REQUESTS: '1' },
    async prepare(state, logDir) {
      const local = ['--local-d1', '--persist-to', state];
      const created = await kindling(['token', 'create', '--email', 'steward@example.org', '--steward', ...local]);
      expect(created.code, created.stderr).toBe(0);
      token = created.stdout.trim().split('\n').at(-1)!;
      // The CLI recorded nothing wrangler would apply again.
      secondApply = await wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { logDir });
      // `d1 export` has no --persist-to: it reads .wrangler/state beside the config file, so a config file is
      // put beside a link to this state folder.
      const project = join(state, '..', 'project');
      mkdirSync(join(project, '.wrangler'), { recursive: true });
      symlinkSync(state, join(project, '.wrangler', 'state'));
      copyFileSync(join(root, 'wrangler.toml'), join(project, 'wrangler.toml'));
      exportFile = join(state, '..', 'export.sql');
      await wrangler(['d1', 'export', 'DB', '--local', '-c', join(project, 'wrangler.toml'), '--output', exportFile], { logDir });
    },
  });
}, 180_000);

afterAll(async () => {
  await home?.stop();
}, 30_000);

const get = (path: string, init?: RequestInit) => fetch(`${home.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(15_000) });

async function query<T>(sqlText: string, ...params: unknown[]): Promise<T[]> {
  // Retried like worker.test.ts's reads: wrangler dev's own process may hold the file for a moment.
  for (let attempt = 1; ; attempt++) {
    try {
      return (await home.bindings.DB.prepare(sqlText).bind(...params).all()).results as T[];
    } catch (err) {
      if (attempt >= 10 || !/internal error|SQLITE_BUSY|locked/i.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('plain wrangler dev, as a new operator runs it', () => {
  it('answers health and prints sign-in links on the console with the development defaults', async () => {
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);
    const res = await get('/api/auth/email-link', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: home.baseUrl },
      body: JSON.stringify({ email: 'new@example.org' }),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    await expect.poll(() => home.output(), { timeout: 5_000 }).toMatch(/\[mail\] to \S+: [^\n]*\n\s*https?:\/\/\S+\/auth\/confirm/);
    expect(home.output()).not.toMatch(/misconfigured/);
  });

  it('seeds the demo community into the empty local D1', async () => {
    const res = await get('/api/communities/kindling-demo');
    expect(res.status).toBe(200);
    expect(home.output()).toMatch(/Seeded the demo community "kindling-demo"/);
  });

  it('accepts the steward token the CLI wrote into the local D1 file', async () => {
    expect(token).toMatch(/\S{20,}/);
    const me = await get('/api/me', { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ isSteward: true });
    expect((await get('/api/me', { headers: { Authorization: 'Bearer not-a-token' } })).status).toBe(401);
  });

  it('shares one migration history: wrangler finds nothing to apply after the CLI', () => {
    expect(secondApply).toMatch(/No migrations to apply/);
  });

  it("opens the next day's prompt on requests, with no Cron Trigger fired", async () => {
    // The demo's first prompt still to come is made due now, as if its day had begun.
    const [next] = await query<{ id: number }>(
      'SELECT id FROM prompts WHERE opened_at IS NULL ORDER BY opens_at LIMIT 1',
    );
    expect(next).toBeDefined();
    await query('UPDATE prompts SET opens_at = ? WHERE id = ?', Date.now() - 1000, next!.id);
    // Requests alone run the tick. The poll reads only the Worker's log: reading the D1 file from here while
    // the Worker writes to it can make workerd's SQLite answer SQLITE_BUSY (its file is not in WAL mode).
    await expect
      .poll(
        async () => {
          await get('/healthz');
          return home.output();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toMatch(/\[tick\] opened 1 prompt\(s\)/);
    const [row] = await query<{ opened_at: number | null }>('SELECT opened_at FROM prompts WHERE id = ?', next!.id);
    expect(row?.opened_at).not.toBeNull();
    expect(home.output()).not.toMatch(/Ran scheduled event/);
  });
});

describe('the CLI on a D1 export', () => {
  it('loads `wrangler d1 export` into a file and creates a token there without re-running migrations', async () => {
    const { readFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { default: Database } = await import('libsql');
    const dir = mkdtempSync(join(tmpdir(), 'kindling-export-'));
    try {
      // Loaded as `sqlite3 copy.db < export.sql` does: foreign keys off, since the export creates tables in
      // alphabetical order with each table's rows after it.
      const file = join(dir, 'copy.db');
      const copy = new Database(file);
      copy.exec('PRAGMA foreign_keys = OFF');
      copy.exec(readFileSync(exportFile, 'utf8'));
      copy.close();
      const url = `file:${file}`;
      const created = await kindling(['token', 'create', '--email', 'ops@example.org'], { DATABASE_URL: url });
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toMatch(/It is shown only once/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
