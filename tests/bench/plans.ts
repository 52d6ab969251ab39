/**
 * Which index each hot query uses: every statement a request ran (recorded by inprocess.ts) goes through
 * EXPLAIN QUERY PLAN with its own arguments. Sending each request once first also proves it succeeds
 * before any load is spent on it.
 */
import { createClient, type Client } from '@libsql/client';
import { newRecord, withApp, type Recorded } from './inprocess';
import type { Req } from './load';

export interface Plan {
  sql: string;
  lines: string[];
  warnings: string[];
}

export interface RequestPlans {
  id: string;
  status: number;
  /** Set when the request did not succeed: the scenario is then reported as failed and not loaded. */
  error?: string;
  calls: number;
  commits: number;
  plans: Plan[];
}

/**
 * EXPLAIN QUERY PLAN for each distinct statement that touches a table, as an indented tree. It runs on a
 * connection of its own: in libSQL, explaining an `UPDATE … RETURNING` leaves that statement open, and the
 * connection's next COMMIT then fails with SQLITE_BUSY ("SQL statements in progress").
 */
export async function explain(file: string, log: Recorded): Promise<Plan[]> {
  const client = createClient({ url: `file:${file}`, concurrency: 1 });
  try {
    return await explainWith(client, log);
  } finally {
    client.close();
  }
}

async function explainWith(client: Client, log: Recorded): Promise<Plan[]> {
  const seen = new Set<string>();
  const plans: Plan[] = [];
  for (const s of log.statements) {
    if (seen.has(s.sql) || !/\b(from|update|into)\b/i.test(s.sql)) continue;
    seen.add(s.sql);
    const explained = await client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args }).catch((err: Error) => err);
    if (explained instanceof Error) {
      plans.push({ sql: s.sql.replace(/\s+/g, ' ').trim(), lines: [], warnings: [`cannot explain: ${explained.message}`] });
      continue;
    }
    const { rows } = explained;
    const depth = new Map<number, number>([[0, -1]]);
    const lines = rows.map((r) => {
      const d = (depth.get(Number(r.parent)) ?? -1) + 1;
      depth.set(Number(r.id), d);
      return `${'  '.repeat(d)}${String(r.detail)}`;
    });
    const warnings: string[] = [];
    // A SCAN of a subquery or CTE (SQLite names them in CO-ROUTINE / MATERIALIZE lines) walks rows the
    // statement already narrowed down; only a SCAN of a table is a full table scan.
    const derived = new Set(lines.map((l) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(l.trim())?.[1]).filter(Boolean));
    for (const line of lines.map((l) => l.trim())) {
      const scanned = /^SCAN (\S+)$/.exec(line)?.[1];
      if (scanned && !derived.has(scanned) && !scanned.startsWith('(subquery-')) warnings.push(`full table scan: ${line}`);
      if (line.startsWith('USE TEMP B-TREE')) warnings.push(`sorts without an index: ${line}`);
    }
    plans.push({ sql: s.sql.replace(/\s+/g, ' ').trim(), lines, warnings });
  }
  return plans;
}

/** Sends each request once to the real app over `file`, and explains what it ran (or records why it failed). */
export async function planRequests(file: string, requests: { id: string; req: Req }[]): Promise<RequestPlans[]> {
  return withApp(file, async ({ app, log }) => {
    const out: RequestPlans[] = [];
    for (const { id, req } of requests) {
      Object.assign(log, newRecord());
      const res = await app.request(`http://127.0.0.1${req.path}`, { method: req.method, headers: req.headers, body: req.body });
      const body = await res.text();
      const error = res.ok ? undefined : `${req.method} ${req.path} answered ${res.status} ${body.slice(0, 200)}`;
      out.push({ id, status: res.status, error, calls: log.calls, commits: log.commits, plans: await explain(file, log) });
    }
    return out;
  });
}
