/**
 * A local stand-in for a remote libSQL server (sqld, Turso): the Hrana 2 protocol over HTTP with JSON bodies,
 * the one `@libsql/client` speaks to an `http://` URL, served from a libSQL file on this machine.
 *
 * Enough of the protocol for Kindling's use, each part as sqld does it:
 * - a stream (one database connection) per pipeline without a baton; a returned baton keeps the stream, and so
 *   its transaction, for the next pipeline; `close` ends it;
 * - `execute`, `batch` with step conditions (`ok`, `error`, `not`, `and`, `or`, `is_autocommit`), `sequence`,
 *   `store_sql` / `close_sql`, `get_autocommit`;
 * - foreign keys on for every connection (sqld's default), errors as `{ message, code }`;
 * - a Bearer token checked when one is configured; `GET /v3-protobuf` answers 404, so the client keeps to
 *   version 2 as it would with an older server.
 * Not served: cursors and protobuf (version 3). Embedded replicas' endpoints are ./replication-server.ts's, which
 * mounts this handler beside them.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'libsql';

type Value =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

interface Stmt {
  sql?: string;
  sql_id?: number;
  args?: Value[];
  named_args?: { name: string; value: Value }[];
  want_rows?: boolean;
}

type Cond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: Cond }
  | { type: 'and' | 'or'; conds: Cond[] }
  | { type: 'is_autocommit' };

type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: { steps: { condition?: Cond | null; stmt: Stmt }[] } }
  | { type: 'sequence'; sql?: string; sql_id?: number }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' };

interface Stream {
  db: Database.Database;
  sqls: Map<number, string>;
}

class StreamError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

function toJs(value: Value): unknown {
  switch (value.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(value.value);
    case 'float':
      return value.value;
    case 'text':
      return value.value;
    case 'blob':
      return Buffer.from(value.base64, 'base64');
  }
}

function toValue(js: unknown): Value {
  if (js === null || js === undefined) return { type: 'null' };
  if (typeof js === 'bigint') return { type: 'integer', value: js.toString() };
  if (typeof js === 'number') return Number.isInteger(js) ? { type: 'integer', value: String(js) } : { type: 'float', value: js };
  if (typeof js === 'string') return { type: 'text', value: js };
  if (js instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(js).toString('base64') };
  throw new StreamError(`cannot encode a ${typeof js}`, 'PROTOCOL');
}

function sqlOf(stream: Stream, stmt: { sql?: string; sql_id?: number }): string {
  if (stmt.sql !== undefined) return stmt.sql;
  const stored = stmt.sql_id === undefined ? undefined : stream.sqls.get(stmt.sql_id);
  if (stored === undefined) throw new StreamError(`no SQL stored under id ${stmt.sql_id}`, 'SQL_NOT_FOUND');
  return stored;
}

function sqliteError(error: unknown): StreamError {
  const e = error as { message?: string; code?: string };
  return new StreamError(e.message ?? String(error), e.code ?? 'SQLITE_ERROR');
}

function execute(stream: Stream, stmt: Stmt) {
  const sql = sqlOf(stream, stmt);
  try {
    const prepared = stream.db.prepare(sql);
    const args: unknown = stmt.named_args?.length
      ? Object.fromEntries(stmt.named_args.map((a) => [a.name.replace(/^[:@$]/, ''), toJs(a.value)]))
      : (stmt.args ?? []).map(toJs);
    if (prepared.reader) {
      const rows = prepared.raw(true).safeIntegers(true).all(args) as unknown[][];
      const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
      return { cols, rows: rows.map((row) => row.map(toValue)), affected_row_count: 0, last_insert_rowid: null };
    }
    const info = prepared.run(args);
    return { cols: [], rows: [], affected_row_count: Number(info.changes), last_insert_rowid: String(info.lastInsertRowid) };
  } catch (error) {
    throw sqliteError(error);
  }
}

function holds(cond: Cond | null | undefined, stream: Stream, outcomes: ('ok' | 'error' | null)[]): boolean {
  if (!cond) return true;
  switch (cond.type) {
    case 'ok':
    case 'error':
      return outcomes[cond.step] === cond.type;
    case 'not':
      return !holds(cond.cond, stream, outcomes);
    case 'and':
      return cond.conds.every((c) => holds(c, stream, outcomes));
    case 'or':
      return cond.conds.some((c) => holds(c, stream, outcomes));
    case 'is_autocommit':
      return !stream.db.inTransaction;
  }
}

function batch(stream: Stream, steps: { condition?: Cond | null; stmt: Stmt }[]) {
  const outcomes: ('ok' | 'error' | null)[] = [];
  const step_results: unknown[] = [];
  const step_errors: unknown[] = [];
  for (const step of steps) {
    if (!holds(step.condition, stream, outcomes)) {
      outcomes.push(null);
      step_results.push(null);
      step_errors.push(null);
      continue;
    }
    try {
      step_results.push(execute(stream, step.stmt));
      step_errors.push(null);
      outcomes.push('ok');
    } catch (error) {
      const e = error as StreamError;
      step_results.push(null);
      step_errors.push({ message: e.message, code: e.code });
      outcomes.push('error');
    }
  }
  return { step_results, step_errors };
}

function respond(stream: Stream, request: StreamRequest): Record<string, unknown> {
  switch (request.type) {
    case 'close':
      return { type: 'close' };
    case 'execute':
      return { type: 'execute', result: execute(stream, request.stmt) };
    case 'batch':
      return { type: 'batch', result: batch(stream, request.batch.steps) };
    case 'sequence':
      try {
        stream.db.exec(sqlOf(stream, request));
      } catch (error) {
        throw sqliteError(error);
      }
      return { type: 'sequence' };
    case 'store_sql':
      stream.sqls.set(request.sql_id, request.sql);
      return { type: 'store_sql' };
    case 'close_sql':
      stream.sqls.delete(request.sql_id);
      return { type: 'close_sql' };
    case 'get_autocommit':
      return { type: 'get_autocommit', is_autocommit: !stream.db.inTransaction };
    default:
      throw new StreamError(`unknown request type ${(request as { type: string }).type}`, 'PROTOCOL');
  }
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export interface HranaServer {
  /** `http://127.0.0.1:<port>`, for `DATABASE_URL`. */
  url: string;
  /** Pipelines served so far: a test can see that work went through the server. */
  pipelines(): number;
  close(): Promise<void>;
}

/**
 * Hrana 2 over the libSQL file at `file`, as a request handler that another stand-in can mount too (the
 * replication stand-in serves it beside its RPCs, as sqld serves both on one port). `handle` answers the
 * requests that are Hrana's and returns false for others.
 */
export function hranaHandler(file: string, opts: { authToken?: string } = {}) {
  const streams = new Map<string, Stream>();
  let served = 0;

  function openStream(): Stream {
    const db = new Database(file);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000');
    return { db, sqls: new Map() };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
      return true;
    };
    const isHrana = (req.method === 'GET' && req.url === '/v2') || (req.method === 'POST' && req.url === '/v2/pipeline');
    if (!isHrana) return false;
    if (opts.authToken && req.headers.authorization !== `Bearer ${opts.authToken}`) return send(401, { error: 'Unauthorized' });
    if (req.method === 'GET') return send(200, {});
    served += 1;
    const body = await readJson(req);
    const stream = body.baton ? streams.get(body.baton) : openStream();
    if (body.baton) streams.delete(body.baton);
    if (!stream) return send(400, { error: 'Unknown baton' });
    let closed = false;
    const results = (body.requests as StreamRequest[]).map((request) => {
      if (closed) return { type: 'error', error: { message: 'Stream is closed', code: 'STREAM_CLOSED' } };
      try {
        const response = respond(stream, request);
        if (request.type === 'close') closed = true;
        return { type: 'ok', response };
      } catch (error) {
        const e = error as StreamError;
        return { type: 'error', error: { message: e.message, code: e.code ?? 'SQLITE_ERROR' } };
      }
    });
    let baton: string | null = null;
    if (closed) stream.db.close();
    else streams.set((baton = randomUUID()), stream);
    return send(200, { baton, base_url: null, results });
  }

  return {
    handle,
    pipelines: () => served,
    close() {
      for (const stream of streams.values()) stream.db.close();
      streams.clear();
    },
  };
}

/** Serves the libSQL file at `file` over Hrana 2 on a free loopback port. */
export async function startHranaServer(file: string, opts: { authToken?: string } = {}): Promise<HranaServer> {
  const hrana = hranaHandler(file, opts);
  const server: Server = createServer(async (req, res) => {
    if (!(await hrana.handle(req, res))) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'Not found' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pipelines: hrana.pipelines,
    async close() {
      hrana.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
