/**
 * src/worker.ts's choice of database, called as the Workers runtime calls it: a remote libSQL server (Turso, sqld)
 * when no D1 binding is present, reached over HTTP with the auth token (here a stand-in answering the Hrana
 * protocol's JSON pipeline), and a readable failure when neither is configured.
 * The D1 path runs in workerd in worker.test.ts.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import worker, { type Env } from '../../src/worker';
import { root } from './wrangler';

let server: Server;
let base: string;
const seen: { path: string; auth?: string; sql: string[] }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      const entry = { path: req.url!, auth: req.headers.authorization, sql: [] as string[] };
      seen.push(entry);
      if (req.method === 'GET') return void res.writeHead(404).end(); // version probes: fall back to v2
      const { requests } = JSON.parse(data) as { requests: { type: string; stmt?: { sql: string } }[] };
      const results = requests.map((r) => {
        if (r.type === 'close') return { type: 'ok', response: { type: 'close' } };
        entry.sql.push(r.stmt!.sql);
        // Every query answers 1, but readiness's look at the outbox finds it empty.
        const result = {
          cols: [{ name: '1', decltype: null }],
          rows: [[/"outbox"/.test(r.stmt!.sql) ? { type: 'null' } : { type: 'integer', value: '1' }]],
          affected_row_count: 0,
          last_insert_rowid: null,
        };
        return { type: 'ok', response: { type: 'execute', result } };
      });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ baton: null, base_url: null, results }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const waited: Promise<unknown>[] = [];
const ctx = { waitUntil: (p: Promise<unknown>) => void waited.push(p), passThroughOnException() {}, props: {} };

describe('the Worker entry', () => {
  it('uses DATABASE_URL and DATABASE_AUTH_TOKEN over HTTP when no D1 is bound', async () => {
    const env: Env = { DATABASE_URL: base, DATABASE_AUTH_TOKEN: 'turso-token', MAIL_TRANSPORT: 'none', PUBLIC_URL: '', SEED_DEMO: 'never' };
    const res = await worker.fetch(new Request('https://kindling.example/readyz'), env, ctx);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outbox: { oldestUnsentSeconds: null, failing: 0, givenUp: 0, suppressed: 0 } });
    const pipeline = seen.find((s) => s.path.endsWith('/pipeline'));
    expect(pipeline).toMatchObject({ auth: 'Bearer turso-token' });
    expect(pipeline!.sql[0]).toBe('select 1');
  });

  it('answers 500 with one readable log line when no database is configured', async () => {
    for (const env of [{}, { DATABASE_URL: 'file:./data/kindling.db' }] as Env[]) {
      const res = await worker.fetch(new Request('https://kindling.example/readyz'), env, ctx);
      expect(res.status).toBe(500);
      expect((await res.json()).error.code).toBe('internal');
    }
  });

  it('refuses a configuration that would lose mail, naming the setting only', async () => {
    const env: Env = { DATABASE_URL: base, MAIL_TRANSPORT: 'http', MAIL_API_KEY: 'sk_live_secret' };
    const res = await worker.fetch(new Request('https://kindling.example/readyz'), env, ctx);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('sk_live_secret');
  });

  it("runs with wrangler.toml's development vars as they are, and refuses production's until its mail key is set", async () => {
    const read = (env?: string) => unstable_readConfig({ config: `${root}/wrangler.toml`, env });
    const dev = read();
    // Its own port: `npm start` listens on 8787.
    expect(dev.dev.port).toBe(8788);
    // What plain `npx wrangler dev` passes to the Worker (a stand-in libSQL server in place of the local D1).
    const devEnv: Env = { ...(dev.vars as Record<string, string>), DATABASE_URL: base };
    expect((await worker.fetch(new Request('https://kindling.example/healthz'), devEnv, ctx)).status).toBe(200);

    const production = read('production');
    expect(production.name).toBe('kindling');
    expect(production.triggers.crons).toEqual(['* * * * *']);
    expect(production.vars).toMatchObject({ MAIL_TRANSPORT: 'http', SEED_DEMO: 'never', TICK_ON_REQUESTS: 'off' });
    expect(production.d1_databases.map((d: { binding: string }) => d.binding)).toEqual(['DB']);
    expect(production.r2_buckets.map((r: { binding: string }) => r.binding)).toEqual(['IMAGES']);
    const prodEnv: Env = { ...(production.vars as Record<string, string>), DATABASE_URL: base };
    expect((await worker.fetch(new Request('https://kindling.example/healthz'), prodEnv, ctx)).status).toBe(500);
    const withKey: Env = { ...prodEnv, MAIL_API_KEY: 're_test_key' };
    expect((await worker.fetch(new Request('https://kindling.example/healthz'), withKey, ctx)).status).toBe(200);
  });
});
