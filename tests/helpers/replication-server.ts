/**
 * A local stand-in for the primary that libSQL's embedded replicas talk to (sqld, Turso), served from a libSQL
 * file on this machine, so tests can run Kindling with `DATABASE_SYNC_URL` where no sqld can be installed.
 *
 * An embedded replica (`@libsql/client` with a `file:` URL and a `syncUrl`) first asks `GET /info`, which belongs
 * to libSQL's newer sync protocol; on a 404, as from a sqld without it, it speaks gRPC-web over HTTP/1.1 to two
 * services, and this serves the parts of them it uses:
 * - `wal_log.ReplicationLog`: `Hello` (log id, session token, the primary's latest frame number) and
 *   `BatchLogEntries` (frames from an offset). A frame is a 24-byte little-endian header (frame number,
 *   checksum, page number, database size in pages after the commit, non-zero on a transaction's last frame)
 *   and one 4,096-byte page; the replica writes the pages into its own WAL, a transaction at a time.
 * - `proxy.Proxy`: `Describe` (a statement's columns and parameters) and `Execute` (a program of statements
 *   with step conditions, parameters bincode-encoded). The replica sends here every write, and every statement
 *   inside a transaction; one database connection per client id keeps a transaction open between calls. The
 *   answer carries the frame number after it, and the replica pulls frames up to it before going on
 *   (read-your-writes).
 *
 * Where sqld logs the frames its WAL writes, this stand-in derives them: after a program that leaves its
 * connection outside a transaction, and at each `Hello` (for writes made to the file by other processes), it
 * reads every page through `sqlite_dbpage` and logs the pages that changed since the last logged commit, as one
 * transaction. The first entry is the whole database as it was when the stand-in started. Not served:
 * `LogEntries` and `Snapshot` (a replica asks for them only after `NEED_SNAPSHOT`, which this never answers),
 * namespaces, and the streaming `StreamExec`. `GET /stats` counts the calls, for tests.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';
import { hranaHandler } from './hrana-server';
import { bytesOf, decode, message, messagesOf, numberOf, textOf, type Fields } from './protobuf-wire';

/** libsql's replication frames carry pages of this size only. */
const PAGE_SIZE = 4096;
const HEADER_SIZE = 24;
/** Frames per `BatchLogEntries` answer; a transaction cut in two is finished by the replica's next call. */
const FRAMES_PER_BATCH = 256;

const GRPC_OK = 0;
const GRPC_UNAUTHENTICATED = 16;
const GRPC_UNIMPLEMENTED = 12;
const GRPC_INTERNAL = 13;
const GRPC_UNAVAILABLE = 14;

// proxy.proto's enums.
const STATE_INIT = 0;
const STATE_TXN = 2;
const ERROR_SQL = 0;

type SqlValue = null | bigint | number | string | Buffer;

/** libsql's `Value` as bincode writes it: a u32 variant index, then the payload, little-endian, u64 lengths. */
function decodeValue(data: Buffer): SqlValue {
  const variant = data.readUInt32LE(0);
  switch (variant) {
    case 0:
      return null;
    case 1:
      return data.readBigInt64LE(4);
    case 2:
      return data.readDoubleLE(4);
    case 3:
    case 4: {
      const bytes = data.subarray(12, 12 + Number(data.readBigUInt64LE(4)));
      return variant === 3 ? bytes.toString('utf8') : Buffer.from(bytes);
    }
    default:
      throw new Error(`bincode: unknown value variant ${variant}`);
  }
}

function encodeValue(value: unknown): Buffer {
  const tagged = (variant: number, payload: Buffer) => {
    const tag = Buffer.alloc(4);
    tag.writeUInt32LE(variant);
    return Buffer.concat([tag, payload]);
  };
  const sized = (bytes: Buffer) => {
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(bytes.length));
    return Buffer.concat([length, bytes]);
  };
  const fixed = (write: (b: Buffer) => void) => {
    const b = Buffer.alloc(8);
    write(b);
    return b;
  };
  if (value === null || value === undefined) return tagged(0, Buffer.alloc(0));
  if (typeof value === 'bigint') return tagged(1, fixed((b) => b.writeBigInt64LE(value)));
  if (typeof value === 'number') {
    return Number.isInteger(value) ? tagged(1, fixed((b) => b.writeBigInt64LE(BigInt(value)))) : tagged(2, fixed((b) => b.writeDoubleLE(value)));
  }
  if (typeof value === 'string') return tagged(3, sized(Buffer.from(value, 'utf8')));
  if (value instanceof Uint8Array) return tagged(4, sized(Buffer.from(value)));
  throw new Error(`bincode: cannot encode a ${typeof value}`);
}

/** A column's description: `proxy.Column { name = 1; decltype = 3 }`. */
function column(c: { name: string; type: string | null }): Buffer {
  const m = message().bytes(1, c.name);
  if (c.type) m.bytes(3, c.type);
  return m.finish();
}

function sqlError(error: unknown): Buffer {
  const e = error as { message?: string; rawCode?: number };
  const m = message().varint(1, ERROR_SQL).bytes(2, e.message ?? String(error));
  if (e.rawCode) m.varint(3, e.rawCode);
  return m.finish();
}

/** `?`, `?NNN`, `:name`, `@name` and `$name` outside quotes: enough for a description's parameter count. */
function parameterCount(sql: string): number {
  const unquoted = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, '');
  let count = 0;
  for (const match of unquoted.matchAll(/\?(\d*)|[:@$][A-Za-z_]\w*/g)) count = match[1] ? Math.max(count, Number(match[1])) : count + 1;
  return count;
}

/** Positional or named parameters of a `proxy.Query` as libsql's JavaScript API takes them. */
function parameters(query: Fields): unknown {
  const [positional] = messagesOf(query, 2);
  if (positional) return messagesOf(positional, 1).map((v) => decodeValue(bytesOf(v, 1) ?? Buffer.alloc(0)));
  const [named] = messagesOf(query, 3);
  if (!named) return [];
  const names = (named.get(1) ?? []).map((n) => (n as Buffer).toString('utf8').replace(/^[:@$]/, ''));
  const values = messagesOf(named, 2).map((v) => decodeValue(bytesOf(v, 1) ?? Buffer.alloc(0)));
  return Object.fromEntries(names.map((name, i) => [name, values[i]]));
}

/** Runs one statement; answers a `proxy.QueryResult` (rows, or the error). */
function runQuery(db: Database.Database, query: Fields): { ok: boolean; result: Buffer } {
  try {
    const statement = db.prepare(textOf(query, 1));
    const args = parameters(query);
    const rows = message();
    if (statement.reader) {
      const before = totalChanges(db);
      for (const c of statement.columns()) rows.bytes(1, column(c));
      for (const row of statement.raw(true).safeIntegers(true).all(args) as unknown[][]) {
        const r = message();
        for (const value of row) r.bytes(1, message().bytes(1, encodeValue(value)).finish());
        rows.bytes(2, r.finish());
      }
      // A write with RETURNING reads rows too; its counts are SQLite's, as for any write.
      if (totalChanges(db) !== before) {
        const [changes, rowid] = db.prepare('SELECT changes(), last_insert_rowid()').raw(true).safeIntegers(true).get() as bigint[];
        rows.varint(3, changes!).varint(4, rowid!);
      }
    } else {
      const info = statement.run(args);
      rows.varint(3, BigInt(info.changes)).varint(4, BigInt(info.lastInsertRowid));
    }
    return { ok: true, result: message().bytes(2, rows.finish()).finish() };
  } catch (error) {
    return { ok: false, result: message().bytes(1, sqlError(error)).finish() };
  }
}

const totalChanges = (db: Database.Database) => (db.prepare('SELECT total_changes()').raw(true).get() as number[])[0];

/** Evaluates a step's `proxy.Cond` against the outcomes of the steps before it. */
function holds(cond: Fields | undefined, db: Database.Database, outcomes: (boolean | null)[]): boolean {
  if (!cond) return true;
  const [kind] = cond.keys();
  const [inner] = messagesOf(cond, kind!);
  switch (kind) {
    case 1: // ok
      return outcomes[Number(numberOf(inner!, 1))] === true;
    case 2: // err
      return outcomes[Number(numberOf(inner!, 1))] === false;
    case 3: // not
      return !holds(messagesOf(inner!, 1)[0], db, outcomes);
    case 4: // and
      return messagesOf(inner!, 1).every((c) => holds(c, db, outcomes));
    case 5: // or
      return messagesOf(inner!, 1).some((c) => holds(c, db, outcomes));
    case 6: // is_autocommit
      return !db.inTransaction;
    default:
      throw new Error(`unknown condition ${kind}`);
  }
}

export interface ReplicationStats {
  /** Programs (`Execute`) run on the primary: the replica's writes, and its statements inside transactions. */
  programs: number;
  /** Statements described (`Describe`): the replica asks before it sends a statement to the primary. */
  describes: number;
  /** Handshakes (`Hello`) and frame batches (`BatchLogEntries`) answered: each sync costs one of each at least. */
  hellos: number;
  batches: number;
  /** Hrana pipelines served: the writes sent over the primary's HTTP API rather than through a replica. */
  pipelines: number;
  /** Frames sent to replicas, and frames in the log. */
  framesServed: number;
  framesLogged: number;
}

/** Serves the libSQL file at `file` as the primary of embedded replicas, in this process. */
export async function serveReplication(file: string, opts: { authToken?: string; port?: number } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const open = () => {
    const db = new Database(file);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000');
    return db;
  };
  const observer = open();
  const pageSize = (observer.prepare('PRAGMA page_size').raw(true).get() as number[])[0];
  if (pageSize !== PAGE_SIZE) throw new Error(`${file} has ${pageSize}-byte pages; replicas take ${PAGE_SIZE}-byte pages only`);
  const connections = new Map<string, Database.Database>();
  const logId = randomUUID();
  const sessionToken = randomUUID();
  const log: Buffer[] = [];
  const shipped = new Map<number, Buffer>();
  const hrana = hranaHandler(file, opts);
  let replicationOff = false;
  const stats: Omit<ReplicationStats, 'pipelines'> = { programs: 0, describes: 0, hellos: 0, batches: 0, framesServed: 0, framesLogged: 0 };

  /** Logs the pages changed since the last logged commit, as one transaction. */
  function logCommit() {
    const pages = observer.prepare('SELECT pgno, data FROM sqlite_dbpage').raw(true).all() as [number, Buffer][];
    // A database that shrank changed its first page at least: the header holds the page count.
    const changed = pages.filter(([pgno, data]) => !shipped.get(pgno)?.equals(data));
    for (const [i, [pgno, data]] of changed.entries()) {
      const header = Buffer.alloc(HEADER_SIZE);
      header.writeBigUInt64LE(BigInt(log.length), 0);
      header.writeUInt32LE(pgno, 16);
      header.writeUInt32LE(i === changed.length - 1 ? pages.length : 0, 20);
      log.push(Buffer.concat([header, data]));
      shipped.set(pgno, Buffer.from(data));
    }
    for (const pgno of shipped.keys()) if (pgno > pages.length) shipped.delete(pgno);
    stats.framesLogged = log.length;
  }
  logCommit();

  const lastFrameNo = () => (log.length ? BigInt(log.length - 1) : undefined);

  function connectionOf(clientId: string) {
    let db = connections.get(clientId);
    if (!db) connections.set(clientId, (db = open()));
    return db;
  }

  function hello(): Buffer {
    stats.hellos += 1;
    // Writes made to the file by other processes (another app server on the primary, an operator) are logged
    // when a replica next asks, as sqld logs whatever reaches its WAL.
    logCommit();
    const m = message().bytes(1, randomUUID()).varint(2, 0).bytes(3, logId).bytes(4, sessionToken);
    const last = lastFrameNo();
    if (last !== undefined) m.varint(5, last);
    return m.finish();
  }

  function batchLogEntries(request: Fields): Buffer {
    stats.batches += 1;
    const from = Number(numberOf(request, 1));
    const m = message();
    for (const frame of log.slice(from, from + FRAMES_PER_BATCH)) {
      m.bytes(1, message().bytes(1, frame).finish());
      stats.framesServed += 1;
    }
    return m.finish();
  }

  function execute(request: Fields): Buffer {
    stats.programs += 1;
    const db = connectionOf(textOf(request, 1));
    const [program] = messagesOf(request, 2);
    const outcomes: (boolean | null)[] = [];
    const results = message();
    for (const step of messagesOf(program ?? new Map(), 1)) {
      if (!holds(messagesOf(step, 1)[0], db, outcomes)) {
        outcomes.push(null);
        continue;
      }
      const { ok, result } = runQuery(db, messagesOf(step, 2)[0] ?? new Map());
      outcomes.push(ok);
      results.bytes(1, result);
    }
    if (!db.inTransaction) logCommit();
    results.varint(2, db.inTransaction ? STATE_TXN : STATE_INIT);
    const last = lastFrameNo();
    if (last !== undefined) results.varint(3, last);
    return results.finish();
  }

  function describe(request: Fields): Buffer {
    stats.describes += 1;
    const sql = textOf(request, 2);
    try {
      const statement = connectionOf(textOf(request, 1)).prepare(sql);
      const description = message();
      for (const c of statement.columns()) description.bytes(1, column(c));
      description.varint(3, parameterCount(sql));
      return message().bytes(2, description.finish()).finish();
    } catch (error) {
      return message().bytes(1, sqlError(error)).finish();
    }
  }

  function disconnect(request: Fields): Buffer {
    const id = textOf(request, 1);
    connections.get(id)?.close();
    connections.delete(id);
    return Buffer.alloc(0);
  }

  const methods: Record<string, (request: Fields) => Buffer> = {
    '/wal_log.ReplicationLog/Hello': hello,
    '/wal_log.ReplicationLog/BatchLogEntries': batchLogEntries,
    '/proxy.Proxy/Execute': execute,
    '/proxy.Proxy/Describe': describe,
    '/proxy.Proxy/Disconnect': disconnect,
  };

  const server: Server = createServer(async (req, res) => {
    if (await hrana.handle(req, res)) return;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    // The stand-in's own controls: a test can make replication fail (writes still succeed) and mend it.
    if (req.method === 'POST' && (req.url === '/replication/off' || req.url === '/replication/on')) {
      replicationOff = req.url === '/replication/off';
      res.writeHead(204);
      return res.end();
    }
    if (req.method === 'GET') {
      // `/info` belongs to libSQL's newer sync protocol: a replica that gets 404 there falls back to the
      // replication RPCs below, as it does with a sqld that predates it. `/stats` is the stand-in's own.
      const found = req.url === '/stats';
      res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(found ? { ...stats, pipelines: hrana.pipelines() } : { error: 'Not found' }));
    }
    if (opts.authToken && req.headers['x-authorization'] !== `Bearer ${opts.authToken}`) return reply(req, res, GRPC_UNAUTHENTICATED, 'Unauthorized');
    if (replicationOff && req.url?.startsWith('/wal_log.')) return reply(req, res, GRPC_UNAVAILABLE, 'Replication is off');
    const method = methods[req.url ?? ''];
    if (!method) return reply(req, res, GRPC_UNIMPLEMENTED, `${req.url} is not served by this stand-in`);
    try {
      // gRPC-web: each message is framed by a flag byte (0: data) and a big-endian u32 length.
      reply(req, res, GRPC_OK, '', method(decode(body.subarray(5, 5 + body.readUInt32BE(1)))));
    } catch (error) {
      reply(req, res, GRPC_INTERNAL, (error as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      hrana.close();
      for (const db of connections.values()) db.close();
      connections.clear();
      observer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A gRPC-web answer: the message (if any) in a data frame, then the status in a trailer frame (flag 0x80). */
function reply(req: IncomingMessage, res: ServerResponse, status: number, text: string, body?: Buffer) {
  const frame = (flag: number, payload: Buffer) => {
    const head = Buffer.alloc(5);
    head.writeUInt8(flag, 0);
    head.writeUInt32BE(payload.length, 1);
    return Buffer.concat([head, payload]);
  };
  const trailer = Buffer.from(`grpc-status:${status}\r\ngrpc-message:${encodeURIComponent(text)}\r\n`);
  res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/grpc-web+proto' });
  res.end(Buffer.concat([...(body ? [frame(0, body)] : []), frame(0x80, trailer)]));
}

export interface ReplicationServer {
  /** `http://127.0.0.1:<port>`, for `DATABASE_SYNC_URL`. */
  url: string;
  stats(): Promise<ReplicationStats>;
  /** Makes replication fail (`false`) or work again; writes over the HTTP API keep working. */
  replicating(on: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the stand-in in a process of its own. It cannot share the replica's: libsql opens a replica, prepares
 * its statements and syncs it synchronously, holding the thread while it waits for the primary's answers.
 */
export async function startReplicationServer(file: string, opts: { authToken?: string } = {}): Promise<ReplicationServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), file, opts.authToken ?? ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!.trim());
    });
    child.once('exit', (code) => reject(new Error(`the replication stand-in exited with ${code} before serving`)));
  });
  return {
    url,
    stats: async () => (await fetch(`${url}/stats`)).json() as Promise<ReplicationStats>,
    replicating: async (on) => void (await fetch(`${url}/replication/${on ? 'on' : 'off'}`, { method: 'POST' })),
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}

// Run as a process of its own: `node --import tsx replication-server.ts <file> [authToken]` prints its URL.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, authToken] = process.argv.slice(2);
  const served = await serveReplication(file!, { authToken: authToken || undefined });
  process.stdout.write(`${served.url}\n`);
  process.on('SIGTERM', () => void served.close().then(() => process.exit(0)));
}
