/**
 * Kindling on embedded replicas (`DATABASE_URL=file:…` with `DATABASE_SYNC_URL`): two app servers, each with a
 * local copy of one primary. The primary is a local stand-in for sqld (tests/helpers/replication-server.ts: the
 * replication and write-forwarding RPCs that `@libsql/client` speaks to it, over gRPC-web, served from a file).
 * - migrations applied through a replica land on the primary;
 * - writes go to the primary, and the server that made them reads them back at once (read-your-writes);
 * - reads come from the local copy: what another server wrote shows after a sync, and the background sync
 *   (`DATABASE_SYNC_INTERVAL`) brings it without a write of one's own;
 * - inside a transaction, reads go to the primary and see the transaction's own writes; a batch of reads stays on
 *   the local copy;
 * - a write whose pull fails still happened, and shows after the next pull;
 * - a restarted server pulls only what its copy lacks;
 * - the shared core-loop, feed and data-rights scenarios pass on a replica.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/node/db';
import { parseConfig } from '../../src/config';
import { eventually } from '../helpers/eventually';
import { startReplicationServer, type ReplicationServer } from '../helpers/replication-server';
import { dataRightsScenarios } from '../scenarios/data-rights.scenario';
import { feedScenarios } from '../scenarios/feeds.scenario';
import { community, loopScenarios, signIn } from '../scenarios/loop.scenario';
import { nodeHome, type NodeHome } from '../scenarios/node-target';

const TOKEN = 'replica-secret';
let dir = '';
let server: ReplicationServer;
/** Server A syncs only on its own writes and on demand; server B also every second in the background. */
let a: NodeHome;
let b: NodeHome;

const replica = (name: string, syncIntervalSeconds?: number) =>
  nodeHome({ url: `file:${join(dir, `${name}.db`)}`, syncUrl: server.url, authToken: TOKEN, syncIntervalSeconds, imagesDir: join(dir, 'images'), name: `embedded replica ${name}` });

/** The primary's file, read beside the stand-in as an operator would with the sqlite3 shell. */
function onPrimary<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(dir, 'primary.db'));
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return read(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kindling-replica-'));
  server = await startReplicationServer(join(dir, 'primary.db'), { authToken: TOKEN });
  a = await replica('a');
  b = await replica('b', 1);
}, 120_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Kindling on embedded replicas of one primary', () => {
  it('applies its migrations on the primary, through the replica', async () => {
    const tables = onPrimary((db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").raw(true).all() as string[][]).flat());
    expect(tables).toEqual(expect.arrayContaining(['communities', 'submissions', 'points_ledger', '__drizzle_migrations']));
    const stats = await server.stats();
    expect(stats.pipelines).toBeGreaterThan(0);
    expect(stats.programs).toBe(0); // nothing forwarded by libsql statement by statement
  });

  it('writes an answer to the primary and reads it back at once; the other server sees it after its sync', async () => {
    const fran = await signIn(a.target, `fran-${Date.now()}@example.org`, 'Fran');
    const { slug, day } = await community(fran);
    const series = await fran.call('POST', `/api/communities/${slug}/series`, { title: 'Warm-ups', startDate: day, cadence: 'daily', prompts: [{ easy: 'Draw your mug', hard: 'Draw it twice' }] });
    expect(series.status, series.text).toBe(201);
    const promptId = series.json.prompts[0].id as number;

    const before = await server.stats();
    const answer = await fran.call('POST', `/api/prompts/${promptId}/submissions`, { level: 'easy', body: 'Written on the primary', visibility: 'public' });
    expect(answer.status, answer.text).toBe(201);
    const after = await server.stats();
    // The answer went to the primary as one request (a few more for the work after the response), and the replica
    // pulled the new frames before answering. Nothing was forwarded statement by statement, as libsql does by
    // itself: describe and execute each statement, about eighty round trips for an answer.
    expect(after.pipelines - before.pipelines).toBeGreaterThanOrEqual(1);
    expect(after.pipelines - before.pipelines).toBeLessThanOrEqual(4);
    expect([after.programs - before.programs, after.describes - before.describes]).toEqual([0, 0]);
    expect(after.framesServed).toBeGreaterThan(before.framesServed);
    expect(onPrimary((db) => (db.prepare('SELECT count(*) FROM submissions WHERE body = ?').raw(true).get('Written on the primary') as number[])[0])).toBe(1);
    // Read-your-writes: the same server's next read, from its local copy, has the answer and its points.
    expect((await fran.call('GET', `/api/prompts/${promptId}/gallery`)).text).toContain('Written on the primary');
    const board = await fran.call('GET', `/api/communities/${slug}/leaderboard?period=all`);
    expect(board.text).toContain(`"points":${answer.json.points}`);
    // Server B syncs every second: the answer reaches it without a write of its own.
    const fromB = () => b.target.fetch(`/api/prompts/${promptId}/gallery`, { headers: { Cookie: fran.cookie } }).then((r) => r.text());
    expect(await eventually(async () => (await fromB()).includes('Written on the primary'), 10_000, 100)).toBe(true);
  });

  it('reads from its local copy: a write made on the primary by someone else shows after a sync', async () => {
    const fran = await signIn(a.target, `fran2-${Date.now()}@example.org`, 'Fran');
    const { slug } = await community(fran);
    onPrimary((db) => db.prepare('UPDATE communities SET name = ? WHERE slug = ?').run('Renamed on the primary', slug));
    const name = async () => (await fran.call('GET', `/api/communities/${slug}`)).json.name as string;
    expect(await name()).toBe('Loop');
    await a.client.sync();
    expect(await name()).toBe('Renamed on the primary');
  });

  it('runs the reads inside a transaction on the primary, where they see its own writes', async () => {
    await a.client.execute('CREATE TABLE IF NOT EXISTS replica_probe (x INTEGER)');
    const count = 'SELECT count(*) AS n FROM replica_probe';
    const outside = Number((await a.client.execute(count)).rows[0]!.n); // prepared on the local copy
    const [, inside] = await a.client.batch([{ sql: 'INSERT INTO replica_probe (x) VALUES (?)', args: [1] }, count], 'write');
    expect(Number(inside!.rows[0]!.n)).toBe(outside + 1);
  });

  it('keeps a write whose pull fails, and reads it after the next pull', async () => {
    await a.client.execute('CREATE TABLE IF NOT EXISTS replica_probe (x INTEGER)');
    const count = async () => Number((await a.client.execute('SELECT count(*) AS n FROM replica_probe')).rows[0]!.n);
    const before = await count();
    await server.replicating(false);
    try {
      // The write happened on the primary; the pull after it failed, so the local copy is behind.
      await a.client.execute({ sql: 'INSERT INTO replica_probe (x) VALUES (?)', args: [2] });
      expect(onPrimary((db) => (db.prepare('SELECT count(*) FROM replica_probe').raw(true).get() as number[])[0])).toBe(before + 1);
      expect(await count()).toBe(before);
    } finally {
      await server.replicating(true);
    }
    await a.client.sync();
    expect(await count()).toBe(before + 1);
  });

  it('runs a batch of reads, and a WITH that only reads, on its local copy', async () => {
    const count = 'SELECT count(*) AS n FROM __drizzle_migrations';
    const before = await server.stats();
    const [first, second] = await a.client.batch([count, count], 'read');
    await a.client.execute('WITH listed AS (SELECT id FROM communities) SELECT count(*) AS n FROM listed');
    const after = await server.stats();
    expect(Number(first!.rows[0]!.n)).toBeGreaterThan(0);
    expect(second!.rows[0]!.n).toEqual(first!.rows[0]!.n);
    // Nothing reached the primary: @libsql/client's BEGIN TRANSACTION READONLY had sent it statement by statement.
    expect([after.pipelines, after.programs, after.describes]).toEqual([before.pipelines, before.programs, before.describes]);
  });

  it('answers every page and API read without a server error', async () => {
    // libsql parses each statement on a replica, with a parser older than SQLite's: a statement it cannot parse
    // fails there alone (it did for ORDER BY inside an aggregate). Every GET route, as a facilitator and a visitor.
    const fran = await signIn(a.target, `fran3-${Date.now()}@example.org`, 'Fran');
    const { slug, day } = await community(fran);
    const series = await fran.call('POST', `/api/communities/${slug}/series`, { title: 'Crawl', startDate: day, cadence: 'daily', prompts: [{ easy: 'One', hard: 'Two' }] });
    const promptId = series.json.prompts[0].id as number;
    const answer = await fran.call('POST', `/api/prompts/${promptId}/submissions`, { level: 'easy', body: 'Crawled', visibility: 'public' });
    expect(answer.status, answer.text).toBe(201);
    const ids: Record<string, number> = { series: series.json.id, submissions: answer.json.id, users: fran.user.id };
    const week = (await fran.call('GET', `/api/communities/${slug}/today`)).json.isoWeek ?? '2026-W01';
    const paths = new Set(a.routes.filter((r) => r.method === 'GET' && !/\*|:token|:badgeId|:lang/.test(r.path)).map((r) => r.path));
    const failures: string[] = [];
    for (const pattern of paths) {
      const path = pattern
        .replace(/:slug/, slug)
        .replace(/:isoWeek/, week)
        .replace(/:promptId(\{[^}]*\})?/, String(promptId))
        .replace(/\/api\/([a-z-]+)\/:id/, (_, kind: string) => `/api/${kind}/${ids[kind] ?? promptId}`);
      for (const headers of [{ Cookie: fran.cookie }, {}] as Record<string, string>[]) {
        const res = await a.target.fetch(path, { headers });
        if (res.status >= 500) failures.push(`${res.status} ${path}`);
      }
    }
    expect(paths.size).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });

  it('restarts on its copy and pulls only what it lacks', async () => {
    // Server A: closing B's client would not stop its background sync, whose thread lives as long as libsql's
    // native database object (a process that restarts ends it).
    const { framesLogged } = await server.stats();
    await a.close();
    const before = await server.stats();
    const config = parseConfig({ DATABASE_URL: `file:${join(dir, 'a.db')}`, DATABASE_SYNC_URL: server.url, DATABASE_AUTH_TOKEN: TOKEN, DATABASE_SYNC_INTERVAL: '0' });
    // As `npm start` opens it (src/node/db.ts): sync, then migrations, which find nothing to do.
    const reopened = await openDatabase(config);
    try {
      const after = await server.stats();
      expect(after.pipelines - before.pipelines).toBeLessThan(5);
      expect(after.framesServed - before.framesServed).toBeLessThan(framesLogged / 2);
      expect(Number((await reopened.client.execute('SELECT count(*) AS n FROM submissions')).rows[0]!.n)).toBeGreaterThan(0);
    } finally {
      reopened.client.close();
    }
    a = await replica('a');
  });
});

loopScenarios(() => a.target);
feedScenarios(() => a.target);
dataRightsScenarios(() => b.target);
