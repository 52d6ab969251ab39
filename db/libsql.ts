/** Opens libSQL on Node: an embedded file (the default), a remote server, or an embedded replica. */
import { createClient, type Client, type InStatement, type ResultSet, type TransactionMode } from '@libsql/client';
import Database from 'libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { dbFromLibsql, type Db } from './client';
import { replicaClient } from './replica-client';
import { adoptD1Migrations, migrationFiles, recordD1Migrations } from './migration-history';
import { isSelect } from './statement-kind';

export interface LibsqlOptions {
  url: string;
  authToken?: string;
  /** Makes `url` (a file) an embedded replica of this remote database. */
  syncUrl?: string;
  /** With `syncUrl`: seconds between background pulls from the remote (0 or absent: only on `sync()` and writes). */
  syncIntervalSeconds?: number;
  synchronous?: 'NORMAL' | 'FULL';
}

// Resolved from the repository root's point of view, so it holds both here and in the bundled dist/node.mjs.
export const migrationsFolder = fileURLToPath(new URL('../db/migrations', import.meta.url));

/** Most recently used statements kept per connection: Kindling runs a few dozen distinct statements in all. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * A per-connection cache of prepared statements for embedded files. @libsql/client prepares every statement
 * afresh on each execute; for Kindling's statements SQLite's prepare costs as much as running them (the
 * gallery's: ~600 µs to prepare, ~200 µs to run, measured by tests/bench). The client keeps its native
 * connection private, so the cache hooks `prepare` on libsql's Database (the driver @libsql/client uses for
 * files). Reusing a statement is safe here: every use binds all its parameters, runs to completion
 * synchronously and is reset by the next run, errors included, and SQLite re-prepares it after a schema change.
 * One thing a reused statement keeps is its column list (libsql reads it once): schema changes made through
 * the connection (migrations) empty its cache, and Kindling's statements name their columns (Drizzle's always
 * do; no `SELECT *`), so a column added by another process cannot shift the names of what they return.
 *
 * Not on an embedded replica's connection, which announces itself with `REPLICA_CONNECTION` first (only reads
 * run there: ./replica-client.ts sends the rest to the primary). With statements kept, its reads missed what a
 * sync had just brought: a server read stale rows right after its own write (tests/node/embedded-replica.test.ts);
 * prepared afresh they do not. The replica gets one rewrite instead, see `forReplica`.
 */
function cachePreparedStatements(): void {
  const proto = Database.prototype as unknown as { prepare(sql: string): unknown; [cached]?: true };
  if (proto[cached]) return;
  const prepare = proto.prepare;
  const caches = new WeakMap<object, Map<string, unknown>>();
  const replicas = new WeakSet<object>();
  proto.prepare = function (this: object, sql: string) {
    if (sql === REPLICA_CONNECTION) replicas.add(this);
    if (replicas.has(this)) return prepare.call(this, forReplica(sql));
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    if (SCHEMA_CHANGE.test(sql)) {
      cache.clear();
      return prepare.call(this, sql);
    }
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // re-inserted below as the most recent
    } else {
      statement = rememberShape(prepare.call(this, sql) as NativeStatement);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  };
  proto[cached] = true;
}

interface NativeStatement {
  raw(toggle?: boolean): NativeStatement;
  safeIntegers(toggle?: boolean): NativeStatement;
  columns(): unknown[];
}

/**
 * @libsql/client asks every run of a statement for its shape again: raw mode and safe integers switched on
 * (raw throws for a statement that returns no rows), and its column list, twice. Each is a native call,
 * together about a tenth of an answer POST's time; a cached statement's answers cannot change (a schema
 * change replaces the statement), so each is asked once and remembered.
 */
function rememberShape(statement: NativeStatement): NativeStatement {
  const { raw, safeIntegers, columns } = statement;
  let rawMode: { toggle: boolean; error?: unknown } | undefined;
  let safe: boolean | undefined;
  let columnList: unknown[] | undefined;
  statement.raw = function (toggle = true) {
    if (rawMode?.toggle !== toggle) {
      try {
        raw.call(this, toggle);
        rawMode = { toggle };
      } catch (error) {
        rawMode = { toggle, error };
      }
    }
    if (rawMode.error !== undefined) throw rawMode.error;
    return this;
  };
  statement.safeIntegers = function (toggle = true) {
    if (safe !== toggle) safeIntegers.call(this, (safe = toggle));
    return this;
  };
  statement.columns = function () {
    return (columnList ??= columns.call(this));
  };
  return statement;
}

const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;
/** Run first on an embedded replica's connection (see `cachePreparedStatements`). */
const REPLICA_CONNECTION = "SELECT 'an embedded replica connection'";

/**
 * @libsql/client opens a read-only batch with `BEGIN TRANSACTION READONLY`, which libsql's statement parser
 * reads as a deferred transaction named READONLY: a replica then sent the whole batch to the primary, one
 * statement at a time. `BEGIN READONLY` it reads as the read-only transaction meant, run on the local copy.
 */
const forReplica = (sql: string) => (sql === 'BEGIN TRANSACTION READONLY' ? 'BEGIN READONLY' : sql);
const cached = Symbol('kindling statement cache');

export async function openLibsql(options: LibsqlOptions): Promise<{ db: Db; client: Client }> {
  const isFile = options.url.startsWith('file:');
  const isReplica = isFile && Boolean(options.syncUrl);
  if (isFile) cachePreparedStatements();
  const opened = createClient({
    url: options.url,
    authToken: options.authToken,
    syncUrl: options.syncUrl,
    ...(isReplica && options.syncIntervalSeconds ? { syncInterval: options.syncIntervalSeconds } : {}),
    // One connection for a local file: SQLite writes one at a time anyway, every statement here is
    // synchronous inside the client, and PRAGMAs set once then hold for every query.
    ...(isFile ? { concurrency: 1 } : {}),
  });
  // A replica writes through its primary's HTTP API, which the sync URL also serves (sqld, Turso).
  const client = isReplica ? replicaClient(opened, createClient({ url: options.syncUrl!, authToken: options.authToken })) : opened;
  if (isReplica) await opened.execute(REPLICA_CONNECTION);
  if (isFile) writeGates.set(client, groupCommits(client));
  // Not on a replica, which refuses PRAGMAs (libsql: "unsupported statement"): its file is libsql's to manage,
  // and the primary, which runs every write, enforces foreign keys (sqld's default).
  if (isFile && !isReplica) {
    // First: switching to WAL takes a lock, and without a busy timeout it failed at once ("database is locked")
    // while another process held one, e.g. one closing its last connection, which checkpoints the WAL away.
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute(`PRAGMA synchronous = ${options.synchronous ?? 'NORMAL'}`);
    await client.execute('PRAGMA foreign_keys = ON');
  }
  return { db: dbFromLibsql(client), client };
}

interface QueuedBatch {
  statements: InStatement[];
  mode: TransactionMode | undefined;
  resolve(results: ResultSet[]): void;
  reject(error: unknown): void;
}

/** Batches from more requests than this wait for the next commit: one group's latency stays bounded. */
const MOST_BATCHES_PER_COMMIT = 32;

/**
 * Group commit for an embedded file: write batches that arrive in the same turn of the event loop (from
 * concurrent requests) run as one transaction, one after the other, so they share one commit — the larger
 * part of a small write's cost (pages of every table and index it touches written to the WAL). Each batch
 * still happens entirely or not at all: when the joint transaction fails, it is rolled back whole and every
 * batch in it runs again on its own, so a failing batch (a duplicate answer, a lost Idempotency-Key race)
 * fails alone with its own error, and the others commit as if they had run one after another.
 */
function groupCommits(client: Client): WriteGate {
  const runBatch = client.batch.bind(client);
  const queue: QueuedBatch[] = [];
  let running: Promise<unknown> | null = null;
  let paused = false;

  const runAlone = (b: QueuedBatch) => runBatch(b.statements, b.mode).then(b.resolve, b.reject);
  async function runGroup(group: QueuedBatch[]) {
    if (group.length <= 1) return group[0] && runAlone(group[0]);
    let results: ResultSet[];
    try {
      results = await runBatch(group.flatMap((b) => b.statements), 'write');
    } catch {
      for (const b of group) await runAlone(b);
      return;
    }
    let from = 0;
    for (const b of group) b.resolve(results.slice(from, (from += b.statements.length)));
  }
  function commitGroup() {
    if (paused || queue.length === 0) return;
    const group = queue.splice(0, MOST_BATCHES_PER_COMMIT);
    if (queue.length > 0) setImmediate(commitGroup);
    const run: Promise<unknown> = runGroup(group).finally(() => {
      if (running === run) running = null;
    });
    running = run;
  }

  client.batch = (statements: InStatement[], mode?: TransactionMode) => {
    // Reads run at once, as a lone read does: queued, a batch of them held the group's write transaction open,
    // and the commit of every answer in it waited for the reads (the recognition drain's: 1-28 ms).
    if (mode === 'read' || statements.every(isSelect)) return runBatch(statements, 'read');
    return new Promise<ResultSet[]>((resolve, reject) => {
      // Waiting for the check phase lets every request whose input has arrived reach its write first.
      if (queue.push({ statements, mode, resolve, reject }) === 1) setImmediate(commitGroup);
    });
  };
  return {
    async pause() {
      paused = true;
      while (running) await running;
    },
    resume() {
      paused = false;
      setImmediate(commitGroup);
    },
  };
}

/**
 * Holds the grouped write batches back (they wait in their queue, asynchronously) and lets them go again: the
 * background checkpointer asks for it while it empties the WAL (`checkpointInBackground`).
 */
export interface WriteGate {
  /** Resolves once no group is being committed; later ones wait until `resume`. */
  pause(): Promise<void>;
  resume(): void;
}

const writeGates = new WeakMap<Client, WriteGate>();
/** The gate of a client `openLibsql` opened on a file (undefined for others). */
export const writeGateOf = (client: Client): WriteGate | undefined => writeGates.get(client);

/** Applies pending migrations, sharing one history with `wrangler d1 migrations apply` (./migration-history.ts). */
export async function migrateLibsql(db: Db): Promise<void> {
  const files = migrationFiles(migrationsFolder);
  await adoptD1Migrations(db, files);
  await migrate(db, { migrationsFolder });
  await recordD1Migrations(db, files);
}

/** How the background checkpointer keeps the WAL small; see `checkpointInBackground`. */
export interface CheckpointOptions {
  /** How often it checkpoints (ms). */
  everyMs?: number;
  /** Once the WAL file is larger than this (bytes), it empties the WAL, which SQLite then truncates to this size. */
  truncateAboveBytes?: number;
  /** Told of each emptying: whether it copied every frame or found the database busy, and how long writes waited. */
  onTruncate?: (outcome: 'truncated' | 'busy', ms: number) => void;
}

export const DEFAULT_WAL_TRUNCATE_BYTES = 64 * 1024 * 1024;

/**
 * A thread of its own that checkpoints the file through its own connection: PASSIVE every `everyMs`, and
 * empties the WAL as soon as a look at its size (ten times as often, a stat call) finds it too large.
 * It reports each emptying to the parent: whether every frame was copied or the database was busy, and
 * for how long it ran (writers wait that long at most).
 */
const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.libsql);
const db = new Database(workerData.file);
// TRUNCATE waits for the writer and for readers of older snapshots: never longer than this.
db.exec('PRAGMA busy_timeout = ' + workerData.busyMs);
db.exec('PRAGMA journal_size_limit = ' + workerData.truncateAboveBytes);
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const truncate = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)');
const lookEveryMs = Math.max(1, Math.floor(workerData.everyMs / 10));
const CATCH_UP_PASSES = 10;
// Frames (4 KiB each) a pass may copy and still count as caught up: what writes add during the last one is
// what the held pass copies. Not a time: a pass never takes under its two fsyncs (1-3 ms under load here).
const FEW_FRAMES = 128;
let lastPassive = Date.now();
let asked = false;
parentPort.on('message', (message) => {
  if (message !== 'go') return;
  const began = performance.now();
  let busy = 1;
  try {
    // With the grouped writes held, PASSIVE copies the frames written since the last one, and the next write
    // starts the WAL over (SQLite trims the file to journal_size_limit then). Only if a write from outside the
    // groups, or a reader of an older snapshot, kept a frame back does TRUNCATE wait for them, as it always did:
    // it also syncs and truncates the file, ~6 ms more of held writes on this machine.
    const copied = passive.get();
    busy = copied.busy || copied.log !== copied.checkpointed ? truncate.get().busy : 0;
  } catch {
    // A busy or closing database: reported as busy, and the next look tries again.
  }
  asked = false;
  parentPort.postMessage({ outcome: busy ? 'busy' : 'truncated', ms: performance.now() - began });
});
setInterval(() => {
  try {
    const wal = statSync(workerData.file + '-wal', { throwIfNoEntry: false });
    if (asked) return;
    if (wal !== undefined && wal.size > workerData.truncateAboveBytes) {
      // PASSIVE first copies most frames without holding anyone up, again while a pass still found many written
      // during the one before; the last runs once the server has held its writes back (asked for, answered
      // 'go'), so it copies the few left before another frame is written.
      let before = -1;
      for (let pass = 0; pass < CATCH_UP_PASSES; pass++) {
        const { log, checkpointed } = passive.get();
        // Counted from the start of the WAL, which a write may have begun again meanwhile (then: go on).
        const copied = before >= 0 && checkpointed >= before ? checkpointed - before : Infinity;
        before = log === checkpointed ? checkpointed : -1;
        if (copied <= FEW_FRAMES) break;
      }
      asked = true;
      parentPort.postMessage({ ask: 'truncate' });
    } else if (Date.now() - lastPassive >= workerData.everyMs) {
      lastPassive = Date.now();
      passive.get();
    }
  } catch {
    // A busy or closing database: the next look tries again.
  }
}, lookEveryMs);
`;

/**
 * Moves WAL checkpoints off the request path, and keeps the WAL bounded. SQLite's automatic checkpoint
 * runs inside whichever commit crosses the threshold, which is what sets a write's p99; run on the
 * server's own thread instead, a checkpoint stops every request for as long as it copies (35 ms a second
 * under the bench's write load). So the connection's automatic checkpoint is turned off and a worker
 * thread, with its own connection, checkpoints every `everyMs`.
 *
 * PASSIVE never waits for, nor blocks, readers or the writer, but it also never restarts the WAL: SQLite
 * writes the WAL from its start again only when a write begins after a checkpoint copied everything, which
 * under steady writes never happens, so the file grew without limit (697 MB in minutes, issue 21). Once the
 * file passes `truncateAboveBytes`, the worker checkpoints with PASSIVE (again while a pass copied more than a few
 * frames, written during the one before: up to ten passes), then asks the server to hold its grouped writes
 * back (`WriteGate`: they wait in their queue, not in SQLite's busy handler, which sleeps on the server's
 * thread in 1, 2, 5, 10 ms steps), and checkpoints PASSIVE again: that copies the frames written since the
 * last pass and syncs, and the next write starts the WAL over. `journal_size_limit` trims the file to the
 * threshold whenever SQLite starts the WAL over. Should a frame escape the hold, TRUNCATE finishes the job.
 * Under the bench's answer load (~0.5 s apart) the held time was 16 ms (median) with TRUNCATE after one pass,
 * 10 ms with PASSIVE after one, 2-6 ms with PASSIVE after catching up (21 ms → 5 ms on the full data): the part
 * of the answer POST's p99 that this sets. Catching up until a pass copies few frames, rather than until one
 * is short (a pass never takes less than its two fsyncs), took the held pass from 6-12 ms to 3-6 ms (medians);
 * what is left is mostly those fsyncs, 1-20 ms on this shared disk under load. Hence the default threshold,
 * 64 MB: at most a few holds a run, whatever their length.
 * Returns a stop function.
 */
export async function checkpointInBackground(
  client: Client,
  file: string,
  { everyMs = 1000, truncateAboveBytes = DEFAULT_WAL_TRUNCATE_BYTES, onTruncate }: CheckpointOptions = {},
): Promise<() => void> {
  await client.execute('PRAGMA wal_autocheckpoint = 0');
  await client.execute(`PRAGMA journal_size_limit = ${Math.floor(truncateAboveBytes)}`);
  const libsql = createRequire(import.meta.url).resolve('libsql');
  const workerData = { libsql, file, everyMs, truncateAboveBytes: Math.floor(truncateAboveBytes), busyMs: 1000 };
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData });
  const gate = writeGateOf(client);
  let held = false;
  let deadline: NodeJS.Timeout | undefined;
  const release = () => {
    clearTimeout(deadline);
    if (held) gate?.resume();
    held = false;
  };
  worker.on('message', (m: { ask: 'truncate' } | { outcome: 'truncated' | 'busy'; ms: number }) => {
    if ('ask' in m) {
      const hold = held || !gate ? Promise.resolve() : ((held = true), gate.pause());
      void hold.then(() => {
        worker.postMessage('go');
        // Never held back for long: a checkpoint that does not answer within a second lets the writes go anyway.
        deadline = setTimeout(release, 1000).unref();
      });
      return;
    }
    release();
    onTruncate?.(m.outcome, m.ms);
  });
  worker.on('error', (err) => {
    release();
    console.error(`[checkpoint] background checkpoints stopped: ${err.name}`);
  });
  worker.on('exit', release);
  worker.unref();
  return () => void worker.terminate();
}
